"""Shifts across midnight: one shift from its start to the next day's end, for every rule.

Monday 22:00-06:00 is one shift from Monday 22:00 to Tuesday 06:00 (8 h of night work),
dated Monday: rest is counted from Tuesday 06:00, the work period and the break follow
it, and its 8 hours are Monday's. March 2026: Monday 2 March is the first Monday.
"""

from dataclasses import replace
from datetime import date

import legal_rules
from legal_rules import Derogation, Finding, Severity

from .builders import assignment, contract, slot, snapshot


def only(findings: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in findings if f.rule_id == rule_id]


def test_rest_after_a_night_shift_is_counted_from_its_end_the_next_day() -> None:
    worker = contract(hours="19")
    night = assignment(worker, 1, slot(0, "22:00", "06:00"))  # Monday into Tuesday
    too_soon = assignment(worker, 2, slot(1, "16:59", "20:00"))  # Tuesday: 10 h 59 after
    (short,) = only(
        legal_rules.check(snapshot(worker, assignments=(night, too_soon))), "WT-REST-11H"
    )
    assert short.severity is Severity.BLOCKING
    assert "10\xa0h\xa059" in short.messages.fr
    assert short.first_date == date(2026, 3, 3)
    on_time = replace(too_soon, slots=(slot(1, "17:00", "20:00"),))  # 11 h 00 after
    assert not only(
        legal_rules.check(snapshot(worker, assignments=(night, on_time))), "WT-REST-11H"
    )


def test_a_night_shift_is_one_shift_not_two_short_of_rest() -> None:
    """What issue 14 saw when a night was split in two slots: "0 h 01 of rest"."""
    worker = contract(hours="19")
    nights = assignment(worker, 1, *(slot(day, "22:00", "06:00") for day in (0, 1, 2)))
    found = legal_rules.check(snapshot(worker, assignments=(nights,)))
    # Tuesday 06:00 to Tuesday 22:00 is 16 h of rest; one period of 8 h, no short one.
    assert not only(found, "WT-REST-11H")
    assert not only(found, "WT-PERIOD-3H")
    assert not only(found, "WT-DAY-8H") and not only(found, "WT-DAY-MAX")
    # Eight hours without a pause: the break after 6 hours is due, as by day.
    (no_break,) = only(found, "WT-BREAK-6H")
    assert "8\xa0h sans pause" in no_break.messages.fr


def test_a_night_shift_raises_wt_night_with_its_hours_of_night() -> None:
    worker = contract(hours="19")
    night = assignment(worker, 1, slot(0, "22:00", "06:00"))
    (warning,) = only(legal_rules.check(snapshot(worker, assignments=(night,))), "WT-NIGHT")
    assert warning.severity is Severity.WARNING
    assert warning.first_date == date(2026, 3, 2)
    assert "de 22:00 à 06:00" in warning.messages.fr
    assert "8\xa0h de travail entre 20 h et 6 h" in warning.messages.fr
    assert "8\xa0u arbeid" in warning.messages.nl
    # Only the minutes inside 20:00-06:00 are night: 18:00-07:00 has 10 h of it.
    long_evening = replace(night, slots=(slot(0, "18:00", "07:00"),))
    (warning,) = only(legal_rules.check(snapshot(worker, assignments=(long_evening,))), "WT-NIGHT")
    assert "10\xa0h de travail" in warning.messages.fr
    # 06:00 is day work, and so is 20:00 exactly.
    day = replace(night, slots=(slot(0, "06:00", "20:00"),))
    assert not only(legal_rules.check(snapshot(worker, assignments=(day,))), "WT-NIGHT")


def test_a_night_shift_counts_whole_on_the_day_it_starts() -> None:
    worker = contract(hours="19")
    long_night = assignment(worker, 1, slot(0, "21:00", "06:30"))  # 9 h 30 on Monday
    (too_long,) = only(legal_rules.check(snapshot(worker, assignments=(long_night,))), "WT-DAY-MAX")
    assert too_long.first_date == date(2026, 3, 2)
    assert "9\xa0h\xa030" in too_long.messages.fr
    # A day shift on Tuesday is Tuesday's: Monday keeps its 8 h, Tuesday has 3.
    worker2 = contract(worker_id=2, hours="19")
    night = assignment(worker2, 1, slot(0, "22:00", "06:00"), slot(1, "18:00", "21:00"))
    found = legal_rules.check(snapshot(worker2, assignments=(night,)))
    assert not only(found, "WT-DAY-8H") and not only(found, "WT-DAY-MAX")


def test_a_sunday_night_counts_in_the_week_it_starts() -> None:
    """Five 8-hour shifts Monday to Friday (40 h) and Sunday 22:00-06:00: the Sunday
    night is in Sunday's ISO week, so each week has 48 h."""
    worker = contract(hours="40")
    week = assignment(
        worker, 1, *(slot(day, "08:00", "16:00") for day in range(5)), slot(6, "22:00", "06:00")
    )
    (over,) = only(legal_rules.check(snapshot(worker, assignments=(week,))), "WT-WEEK-40")
    assert "48\xa0h prévues" in over.messages.fr


def test_sunday_night_meets_next_mondays_shift_at_another_member() -> None:
    worker = contract(hours="19")
    sunday_night = assignment(worker, 1, slot(6, "22:00", "06:00"))
    monday_morning = assignment(worker, 2, slot(0, "05:00", "09:00"))
    (overlap,) = only(
        legal_rules.check(snapshot(worker, assignments=(sunday_night, monday_morning))),
        "WT-OVERLAP",
    )
    assert overlap.severity is Severity.BLOCKING
    assert "22:00" in overlap.messages.fr and "06:00" in overlap.messages.fr
    after = replace(monday_morning, slots=(slot(0, "06:00", "09:00"),))
    found = legal_rules.check(snapshot(worker, assignments=(sunday_night, after)))
    assert not only(found, "WT-OVERLAP")
    # Touching shifts at two members are one period of work (11 h): no rest is due inside it.
    assert not only(found, "WT-REST-11H")


def test_a_long_night_covering_two_short_shifts_overlaps_both() -> None:
    worker = contract(hours="19")
    night = assignment(worker, 1, slot(0, "22:00", "06:00"))
    short = assignment(worker, 2, slot(0, "23:00", "23:30"), slot(1, "01:00", "02:00"))
    found = only(legal_rules.check(snapshot(worker, assignments=(night, short))), "WT-OVERLAP")
    assert found and found[0].first_date == date(2026, 3, 2)
    assert found[0].last_date == date(2026, 3, 31)  # Tuesday's slot too, every week


def test_a_saturday_night_is_sunday_work_after_midnight() -> None:
    worker = contract(hours="19")
    saturday_night = assignment(worker, 1, slot(5, "22:00", "06:00"))
    (sunday,) = only(
        legal_rules.check(snapshot(worker, assignments=(saturday_night,))), "WT-SUNDAY"
    )
    assert sunday.first_date == date(2026, 3, 1)  # Saturday 28 Feb into Sunday 1 March
    until_midnight = replace(saturday_night, slots=(slot(5, "22:00", "00:00"),))
    assert not only(legal_rules.check(snapshot(worker, assignments=(until_midnight,))), "WT-SUNDAY")


def test_a_night_shift_from_the_eve_of_a_holiday_works_on_the_holiday() -> None:
    """Easter Monday 6 April 2026. The Sunday 22:00 shift belongs to Sunday: it is worked
    (and Sunday work), and 6 of its hours fall on the holiday: WT-HOLIDAY. The Monday
    22:00 shift starts on the holiday: paid absence, not worked, no finding."""
    worker = contract(hours="19")
    nights = assignment(worker, 1, slot(6, "22:00", "06:00"), slot(0, "22:00", "06:00"))
    april = snapshot(worker, assignments=(nights,), start=date(2026, 4, 1), end=date(2026, 4, 30))
    found = legal_rules.check(april)
    (holiday,) = only(found, "WT-HOLIDAY")
    assert holiday.first_date == holiday.last_date == date(2026, 4, 6)
    assert holiday.severity is Severity.WARNING
    (night,) = only(found, "WT-NIGHT")
    starts = {s.day for s in april.worked.shifts}
    assert date(2026, 4, 5) in starts and date(2026, 4, 6) not in starts
    assert night.first_date == date(2026, 4, 5)
    derogation = Derogation("WT-HOLIDAY", "CCT 2026/4", date(2026, 4, 6), date(2026, 4, 6))
    assert not only(legal_rules.check(replace(april, derogations=(derogation,))), "WT-HOLIDAY")


def test_a_night_typed_as_two_touching_slots_is_one_period_of_work() -> None:
    """A night entered as two slots (Monday 22:00-00:00, Tuesday 00:00-06:00) touches:
    one period of work, no rest due between them (the old refusal, "0 h 01", is gone)."""
    worker = contract(hours="19")
    halves = assignment(worker, 1, slot(0, "22:00", "00:00"), slot(1, "00:00", "06:00"))
    found = legal_rules.check(snapshot(worker, assignments=(halves,)))
    assert not only(found, "WT-REST-11H") and not only(found, "WT-OVERLAP")
