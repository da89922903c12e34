"""Each rule at its boundaries, on small snapshots (no database)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import legal_rules
from allocation.translations import LANGUAGES
from legal_rules import Derogation, Finding, MemberFacts, Severity
from legal_rules.model import text

from .builders import (
    GE,
    MEMBERS,
    assignment,
    contract,
    extra_hours,
    full_week,
    slot,
    snapshot,
)


def ids(findings: list[Finding]) -> list[str]:
    return [f.rule_id for f in findings]


def only(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


def scheduled(*contracts_and_weeks: tuple) -> legal_rules.Snapshot:  # type: ignore[type-arg]
    contracts = tuple(c for c, _ in contracts_and_weeks)
    assignments = tuple(a for _, weeks in contracts_and_weeks for a in weeks)
    return snapshot(*contracts, assignments=assignments)


# -- the GE's own limits ---------------------------------------------------------------


def test_fifty_concurrent_contracts_are_allowed_fifty_one_are_not() -> None:
    fifty = [contract(worker_id=n) for n in range(1, 51)]
    found = legal_rules.check(snapshot(*fifty))
    assert "GE-CAP-50" not in ids(found)
    assert "GE-CAP-WARN" in ids(found)

    over = legal_rules.check(snapshot(*fifty, contract(worker_id=51, starts=date(2026, 3, 10))))
    (cap,) = only(over, "GE-CAP-50")
    assert cap.severity is Severity.BLOCKING
    assert cap.first_date == date(2026, 3, 10)
    assert "jusqu'à 51 travailleurs" in cap.messages.fr and "plafond légal de 50" in cap.messages.fr


def test_a_contract_ending_the_day_before_another_starts_is_not_concurrent() -> None:
    forty_nine = [contract(worker_id=n) for n in range(1, 50)]
    leaving = contract(worker_id=50, ends=date(2026, 3, 9))
    arriving = contract(worker_id=51, starts=date(2026, 3, 10))
    assert "GE-CAP-50" not in ids(legal_rules.check(snapshot(*forty_nine, leaving, arriving)))
    overlapping = replace(leaving, ends_on=date(2026, 3, 10))
    assert "GE-CAP-50" in ids(legal_rules.check(snapshot(*forty_nine, overlapping, arriving)))


def test_two_contracts_of_one_person_count_once() -> None:
    forty_nine = [contract(worker_id=n) for n in range(1, 50)]
    twice = [contract(worker_id=50, hours="19"), contract(worker_id=50, hours="19")]
    assert "GE-CAP-50" not in ids(legal_rules.check(snapshot(*forty_nine, *twice)))


def test_the_warning_starts_at_ninety_percent_of_the_cap() -> None:
    assert "GE-CAP-WARN" not in ids(
        legal_rules.check(snapshot(*[contract(worker_id=n) for n in range(44)]))
    )
    assert "GE-CAP-WARN" in ids(
        legal_rules.check(snapshot(*[contract(worker_id=n) for n in range(45)]))
    )


def test_a_raised_cap_is_read_from_the_groupement() -> None:
    sixty = [contract(worker_id=n) for n in range(60)]
    raised = replace(GE, headcount_cap=60)
    assert "GE-CAP-50" not in ids(legal_rules.check(snapshot(*sixty, groupement=raised)))


def test_nineteen_hours_is_the_floor_eighteen_and_three_quarters_is_not() -> None:
    (low,) = only(legal_rules.check(snapshot(contract(hours="18.75"))), "GE-HOURS-19")
    assert low.severity is Severity.BLOCKING
    assert "(18,75 h)" in low.messages.fr and "(18.75 h)" in low.messages.en
    assert "art. 188, al. 3" in low.reference.fr and "art. 188, lid 3" in low.reference.nl
    assert not only(legal_rules.check(snapshot(contract(hours="19"))), "GE-HOURS-19")


def test_flexi_student_and_occasional_contracts_are_refused() -> None:
    for kind in ("flexi_job", "student", "occasional_horeca"):
        assert "GE-CONTRACT-TYPE" in ids(legal_rules.check(snapshot(contract(kind=kind))))
    for kind in ("open_ended", "fixed_term", "replacement"):
        assert "GE-CONTRACT-TYPE" not in ids(legal_rules.check(snapshot(contract(kind=kind))))


def test_the_contract_joint_committee_must_be_the_authorised_one() -> None:
    (wrong,) = only(legal_rules.check(snapshot(contract(cp="200"))), "GE-CP-01")
    assert "(200)" in wrong.messages.fr and "(329.02)" in wrong.messages.fr


def test_no_placement_without_an_authorisation_or_before_it() -> None:
    worker = contract()
    week = (full_week(worker),)
    none = replace(GE, authorisation_reference=None, authorisation_date=None)
    assert "GE-AUTH-01" in ids(
        legal_rules.check(snapshot(worker, assignments=week, groupement=none))
    )
    later = replace(GE, authorisation_date=date(2026, 3, 16))
    (early,) = only(
        legal_rules.check(snapshot(worker, assignments=week, groupement=later)), "GE-AUTH-01"
    )
    assert (early.first_date, early.last_date) == (date(2026, 3, 1), date(2026, 3, 15))
    assert "GE-AUTH-01" not in ids(legal_rules.check(snapshot(worker, assignments=week)))


# -- members ---------------------------------------------------------------------------


def test_a_member_leaving_on_the_14th_cannot_have_a_slot_on_the_15th() -> None:
    worker = contract(hours="19")
    # 15 March 2026 is a Sunday; 16 March a Monday. Slots on Sunday and Monday.
    week = assignment(worker, 1, slot(6, "09:00", "13:00"), slot(0, "09:00", "13:00"))
    left_14 = (replace(MEMBERS[0], left_on=date(2026, 3, 14)), *MEMBERS[1:])
    (exit_,) = only(
        legal_rules.check(snapshot(worker, assignments=(week,), members=left_14)), "GE-MEMBER-02"
    )
    assert exit_.first_date == date(2026, 3, 15)
    assert "14 mars 2026" in exit_.messages.fr and "15 mars 2026" in exit_.messages.fr
    ended = replace(week, ends_on=date(2026, 3, 14))
    assert not only(
        legal_rules.check(snapshot(worker, assignments=(ended,), members=left_14)), "GE-MEMBER-02"
    )


def test_no_placement_before_a_member_joins() -> None:
    worker = contract(hours="19")
    week = assignment(worker, 1, slot(2, "09:00", "13:00"))  # Wednesdays
    joins = (replace(MEMBERS[0], joined_on=date(2026, 3, 12)), *MEMBERS[1:])
    (early,) = only(
        legal_rules.check(snapshot(worker, assignments=(week,), members=joins)), "GE-MEMBER-01"
    )
    assert (early.first_date, early.last_date) == (date(2026, 3, 4), date(2026, 3, 11))
    joins_wednesday = (replace(MEMBERS[0], joined_on=date(2026, 3, 4)), *MEMBERS[1:])
    assert "GE-MEMBER-01" not in ids(
        legal_rules.check(snapshot(worker, assignments=(week,), members=joins_wednesday))
    )


def test_extra_hours_at_a_former_member_are_refused() -> None:
    worker = contract(hours="19")
    gone = (MemberFacts(1, "ASBL Alpha", date(2020, 1, 1), date(2026, 3, 1)), *MEMBERS[1:])
    entry = extra_hours(worker.worker_id, date(2026, 3, 2), "2")
    found = legal_rules.check(snapshot(worker, members=gone, day_entries=(entry,)))
    assert "GE-MEMBER-02" in ids(found)


# -- the schedule against the contract -------------------------------------------------


def test_planning_more_than_the_contract_is_blocked_less_is_a_warning() -> None:
    worker = contract(hours="19")
    too_much = assignment(worker, 1, *[slot(d, "09:00", "13:00") for d in range(5)])  # 20 h
    (over,) = only(legal_rules.check(snapshot(worker, assignments=(too_much,))), "SCHED-OVER")
    assert over.severity is Severity.BLOCKING and "20 h" in over.messages.fr
    too_little = assignment(worker, 1, *[slot(d, "09:00", "12:00") for d in range(5)])  # 15 h
    found = legal_rules.check(snapshot(worker, assignments=(too_little,)))
    assert ids(only(found, "SCHED-UNDER")) == ["SCHED-UNDER"]
    assert not only(found, "SCHED-OVER")
    exact = assignment(worker, 1, *[slot(d, "09:00", "12:48") for d in range(5)])  # 19 h
    assert not only(legal_rules.check(snapshot(worker, assignments=(exact,))), "SCHED-")


def test_planned_hours_sum_over_members() -> None:
    worker = contract(hours="19")
    at_a = assignment(worker, 1, slot(0, "09:00", "13:00"), slot(1, "09:00", "13:00"))
    at_b = assignment(worker, 2, slot(2, "09:00", "13:00"), slot(3, "09:00", "13:00"))
    at_c = assignment(worker, 3, slot(4, "09:00", "13:00"), starts=date(2026, 3, 16))
    found = legal_rules.check(snapshot(worker, assignments=(at_a, at_b, at_c)))
    (under,) = only(found, "SCHED-UNDER")
    assert (under.first_date, under.last_date) == (date(2026, 3, 1), date(2026, 3, 15))
    (over,) = only(found, "SCHED-OVER")
    assert over.first_date == date(2026, 3, 16)


# -- working time, summed over members -------------------------------------------------


def test_rest_of_10h59_is_refused_11h_is_enough_across_members() -> None:
    worker = contract(hours="19")
    evening = assignment(worker, 1, slot(1, "14:00", "21:00"))  # Tuesday
    next_morning = assignment(worker, 2, slot(2, "07:59", "12:00"))  # Wednesday
    (short,) = only(
        legal_rules.check(snapshot(worker, assignments=(evening, next_morning))), "WT-REST-11H"
    )
    assert short.severity is Severity.BLOCKING
    assert "10\xa0h\xa059" in short.messages.fr
    assert "ASBL Alpha" in short.messages.fr and "ASBL Bêta" in short.messages.fr
    on_time = replace(next_morning, slots=(slot(2, "08:00", "12:00"),))
    assert not only(
        legal_rules.check(snapshot(worker, assignments=(evening, on_time))), "WT-REST-11H"
    )


def test_forty_hours_over_three_members_pass_forty_and_a_quarter_do_not() -> None:
    worker = contract(hours="40")
    a = assignment(worker, 1, slot(0, "08:00", "16:00"), slot(1, "08:00", "16:00"))
    b = assignment(worker, 2, slot(2, "08:00", "16:00"), slot(3, "08:00", "16:00"))
    c = assignment(worker, 3, slot(4, "08:00", "16:00"))
    assert not only(legal_rules.check(snapshot(worker, assignments=(a, b, c))), "WT-WEEK-40")
    c_longer = replace(c, slots=(slot(4, "08:00", "16:15"),))
    longer = contract(worker_id=worker.worker_id, hours="40.25")
    week = tuple(replace(x, contract_id=longer.id) for x in (a, b, c_longer))
    (week_40,) = only(legal_rules.check(snapshot(longer, assignments=week)), "WT-WEEK-40")
    assert week_40.severity is Severity.BLOCKING
    assert "40\xa0h\xa015" in week_40.messages.fr


def test_extra_hours_count_in_the_week() -> None:
    worker = contract(hours="38")
    monday = date(2026, 3, 2)
    found = legal_rules.check(
        snapshot(
            worker, assignments=(full_week(worker),), day_entries=(extra_hours(1, monday, "2.25"),)
        )
    )
    assert "WT-WEEK-40" in ids(found)


def test_two_members_at_once_is_an_overlap() -> None:
    worker = contract(hours="19")
    a = assignment(worker, 1, slot(0, "09:00", "13:00"))
    b = assignment(worker, 2, slot(0, "12:30", "15:30"))
    (overlap,) = only(legal_rules.check(snapshot(worker, assignments=(a, b))), "WT-OVERLAP")
    assert "ASBL Alpha" in overlap.messages.fr and "09:00" in overlap.messages.fr
    assert (overlap.first_date, overlap.last_date) == (date(2026, 3, 2), date(2026, 3, 30))
    touching = replace(b, slots=(slot(0, "13:00", "16:00"),))
    assert not only(legal_rules.check(snapshot(worker, assignments=(a, touching))), "WT-OVERLAP")


def test_day_limits_eight_hours_warns_nine_blocks() -> None:
    worker = contract(hours="19")

    def day(end: str) -> list[str]:
        week = assignment(worker, 1, slot(0, "08:00", "12:00"), slot(0, "12:30", end))
        return ids(legal_rules.check(snapshot(worker, assignments=(week,))))

    assert not {"WT-DAY-8H", "WT-DAY-MAX"} & set(day("16:30"))  # 8 h
    assert "WT-DAY-8H" in day("16:45") and "WT-DAY-MAX" not in day("16:45")  # 8 h 15
    assert "WT-DAY-8H" not in day("17:45") and "WT-DAY-MAX" in day("17:45")  # 9 h 15


def test_a_work_period_under_three_hours_is_a_warning() -> None:
    worker = contract(hours="19")
    short = assignment(worker, 1, slot(0, "09:00", "11:59"), slot(0, "14:00", "17:00"))
    (period,) = only(legal_rules.check(snapshot(worker, assignments=(short,))), "WT-PERIOD-3H")
    assert period.severity is Severity.WARNING and "2\xa0h\xa059" in period.messages.fr
    # Two shifts at two members that touch make one period.
    first = assignment(worker, 1, slot(1, "09:00", "10:30"))
    second = assignment(worker, 2, slot(1, "10:30", "12:00"))
    assert not only(
        legal_rules.check(snapshot(worker, assignments=(first, second))), "WT-PERIOD-3H"
    )


def test_six_hours_without_a_quarter_hour_break_is_a_warning() -> None:
    worker = contract(hours="19")
    at_a = assignment(worker, 1, slot(0, "08:00", "11:00"))
    at_b = assignment(worker, 2, slot(0, "11:10", "14:30"))  # 10 min gap: no break
    assert "WT-BREAK-6H" in ids(legal_rules.check(snapshot(worker, assignments=(at_a, at_b))))
    with_break = replace(at_b, slots=(slot(0, "11:15", "14:30"),))
    assert "WT-BREAK-6H" not in ids(
        legal_rules.check(snapshot(worker, assignments=(at_a, with_break)))
    )


def test_night_sunday_and_holiday_work_are_warnings() -> None:
    worker = contract(hours="19")
    evening = assignment(worker, 1, slot(2, "15:00", "20:01"), slot(6, "10:00", "14:00"))
    found = legal_rules.check(snapshot(worker, assignments=(evening,)))
    assert {"WT-NIGHT", "WT-SUNDAY"} <= set(ids(found))
    until_eight = replace(evening, slots=(slot(2, "15:00", "20:00"),))
    assert not {"WT-NIGHT", "WT-SUNDAY"} & set(
        ids(legal_rules.check(snapshot(worker, assignments=(until_eight,))))
    )

    easter_monday = date(2026, 4, 6)
    worked = extra_hours(1, easter_monday, "4")
    found = legal_rules.check(
        snapshot(worker, day_entries=(worked,), start=date(2026, 4, 1), end=date(2026, 4, 30))
    )
    (holiday,) = only(found, "WT-HOLIDAY")
    assert "6 avril 2026" in holiday.messages.fr and holiday.severity is Severity.WARNING


def test_slots_on_a_holiday_or_replacement_day_are_not_worked() -> None:
    worker = contract(hours="19")
    mondays = assignment(worker, 1, slot(0, "09:00", "18:30"))  # 9 h 30: WT-DAY-MAX
    april = {"start": date(2026, 4, 6), "end": date(2026, 4, 6)}  # Easter Monday only
    assert "WT-DAY-MAX" not in ids(
        legal_rules.check(snapshot(worker, assignments=(mondays,), **april))
    )
    replacement = {date(2026, 4, 13): date(2026, 4, 5)}  # for Easter Sunday
    on_the_13th = {"start": date(2026, 4, 13), "end": date(2026, 4, 13)}
    assert "WT-DAY-MAX" not in ids(
        legal_rules.check(
            snapshot(worker, assignments=(mondays,), replacement_days=replacement, **on_the_13th)
        )
    )
    assert "WT-DAY-MAX" in ids(
        legal_rules.check(snapshot(worker, assignments=(mondays,), **on_the_13th))
    )


# -- derogations -----------------------------------------------------------------------


def test_a_derogation_silences_its_rule_for_its_period_only() -> None:
    worker = contract(hours="19")
    long_day = assignment(worker, 1, slot(0, "08:00", "12:00"), slot(0, "12:30", "18:00"))
    base = snapshot(worker, assignments=(long_day,))
    assert "WT-DAY-MAX" in ids(legal_rules.check(base))
    march = Derogation("WT-DAY-MAX", "CCT 2026/12", date(2026, 3, 1), date(2026, 3, 31))
    assert "WT-DAY-MAX" not in ids(legal_rules.check(replace(base, derogations=(march,))))
    half = Derogation("WT-DAY-MAX", "CCT 2026/12", date(2026, 3, 1), date(2026, 3, 15))
    assert "WT-DAY-MAX" in ids(legal_rules.check(replace(base, derogations=(half,))))


def test_the_hard_limits_of_the_ge_law_cannot_be_derogated() -> None:
    low = snapshot(contract(hours="18"))
    waiver = Derogation("GE-HOURS-19", "none", date(2000, 1, 1))
    assert "GE-HOURS-19" in ids(legal_rules.check(replace(low, derogations=(waiver,))))


# -- the registry ----------------------------------------------------------------------


def test_every_rule_is_documented_and_speaks_three_languages() -> None:
    required = {
        "GE-AUTH-01",
        "GE-MEMBER-01",
        "GE-MEMBER-02",
        "GE-CAP-50",
        "GE-CAP-WARN",
        "GE-HOURS-19",
        "GE-CONTRACT-TYPE",
        "GE-CP-01",
        "SCHED-OVER",
        "SCHED-UNDER",
        "WT-OVERLAP",
        "WT-PERIOD-3H",
        "WT-DAY-8H",
        "WT-DAY-MAX",
        "WT-WEEK-40",
        "WT-REST-11H",
        "WT-BREAK-6H",
        "WT-NIGHT",
        "WT-SUNDAY",
        "WT-HOLIDAY",
    }
    assert required <= set(legal_rules.RULES_BY_ID)
    for rule in legal_rules.RULES:
        module = __import__(rule.check.__module__, fromlist=["_"])
        assert module.__doc__ and rule.id in module.__doc__
        for message_id in (rule.reference, rule.message):  # texts in the three catalogues
            assert all(text(message_id, lang) not in ("", message_id) for lang in LANGUAGES)


def test_the_same_snapshot_gives_the_same_findings() -> None:
    worker = contract(hours="19")
    snap = snapshot(worker, assignments=(assignment(worker, 1, slot(0, "09:00", "11:00")),))
    assert legal_rules.check(snap) == legal_rules.check(snap)
    assert Decimal("19") == worker.weekly_hours


# -- edges found in review -------------------------------------------------------------


def test_rest_is_checked_after_the_last_day_of_the_period() -> None:
    worker = contract(hours="19")
    tuesday_evening = assignment(worker, 1, slot(1, "13:00", "21:00"))
    wednesday_morning = assignment(worker, 2, slot(2, "07:00", "12:00"))
    only_tuesday = snapshot(
        worker,
        assignments=(tuesday_evening, wednesday_morning),
        start=date(2026, 3, 3),
        end=date(2026, 3, 3),
    )
    (rest,) = only(legal_rules.check(only_tuesday), "WT-REST-11H")
    assert rest.first_date == date(2026, 3, 4)


def test_a_day_of_absence_is_not_worked_time() -> None:
    worker = contract(hours="38")
    monday, wednesday = date(2026, 3, 2), date(2026, 3, 4)
    sick = replace(extra_hours(1, monday, "7.6"), kind="sickness")
    found = legal_rules.check(
        snapshot(
            worker,
            assignments=(full_week(worker),),
            day_entries=(sick, extra_hours(1, wednesday, "2.5")),
        )
    )
    assert "WT-WEEK-40" not in ids(found)
    without_absence = legal_rules.check(
        snapshot(
            worker,
            assignments=(full_week(worker),),
            day_entries=(extra_hours(1, wednesday, "2.5"),),
        )
    )
    assert "WT-WEEK-40" in ids(without_absence)


def test_derogations_that_follow_each_other_cover_together() -> None:
    worker = contract(hours="19")
    sundays = assignment(worker, 1, slot(6, "09:00", "13:00"))
    year = snapshot(worker, assignments=(sundays,), start=date(2026, 1, 1), end=date(2026, 12, 31))
    first_half = Derogation("WT-SUNDAY", "CCT A", date(2026, 1, 1), date(2026, 6, 30))
    second_half = Derogation("WT-SUNDAY", "CCT B", date(2026, 7, 1), date(2026, 12, 31))
    both = legal_rules.check(replace(year, derogations=(first_half, second_half)))
    assert "WT-SUNDAY" not in ids(both)
    (rest_of_year,) = only(legal_rules.check(replace(year, derogations=(first_half,))), "WT-SUNDAY")
    assert rest_of_year.first_date == date(2026, 7, 5)


def test_easter_sunday_is_a_sunday_not_a_day_off() -> None:
    worker = contract(hours="19")
    sundays = assignment(worker, 1, slot(6, "09:00", "13:00"))
    easter = snapshot(worker, assignments=(sundays,), start=date(2026, 4, 5), end=date(2026, 4, 5))
    assert "WT-SUNDAY" in ids(legal_rules.check(easter))


def test_a_pause_under_a_quarter_hour_is_not_counted_as_work() -> None:
    worker = contract(hours="19")
    morning = assignment(worker, 1, slot(0, "08:00", "11:00"))

    def breaks(end: str) -> bool:
        after = assignment(worker, 2, slot(0, "11:10", end))
        return "WT-BREAK-6H" in ids(
            legal_rules.check(snapshot(worker, assignments=(morning, after)))
        )

    assert not breaks("14:05")  # 5 h 55 of work
    assert breaks("14:15")  # 6 h 05 of work
