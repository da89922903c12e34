"""The rules on rotating schedules: hours agreed against the cycle's average, limits on
each actual week.

A 19 h contract on a two-week cycle, week 1 the week of Monday 2 March 2026:
- weeks of 15 h and 23 h: 19 h on average, as agreed and at the legal floor: nothing;
- weeks of 15 h and 22 h 30: 18 h 45 on average, under the 19 h floor (GE-HOURS-19,
  blocking) and under the contract (SCHED-UNDER, a warning), though the contract agrees 19 h;
- a plain weekly schedule of 18 h 45 under a 19 h contract stays SCHED-UNDER's warning.
"""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import legal_rules
from legal_rules import AssignmentFacts, Finding, Severity, SlotFacts
from legal_rules.model import Minutes

from .builders import contract, slot, snapshot

ANCHOR = date(2026, 3, 2)


def in_week(week: int, *slots: SlotFacts) -> tuple[SlotFacts, ...]:
    return tuple(SlotFacts(s.weekday, s.starts_at, s.ends_at, week) for s in slots)


def rotating(of: object, member_id: int, *slots: SlotFacts, weeks: int = 2) -> AssignmentFacts:
    return AssignmentFacts(
        900 + member_id,
        of.id,
        member_id,
        of.starts_on,
        None,
        slots,
        weeks,
        ANCHOR,  # type: ignore[attr-defined]
    )


def of_rule(found: list[Finding], rule_id: str) -> list[Finding]:
    return [f for f in found if f.rule_id == rule_id]


def two_weeks(second_week_end: str) -> list[Finding]:
    """Week 1: 15 h at member 1 (Monday to Wednesday 08:00-13:00). Week 2 at member 2:
    Monday to Thursday 08:00-13:00 and Friday 08:00 to ``second_week_end``."""
    nineteen = contract(hours="19")
    first = rotating(nineteen, 1, *in_week(1, *(slot(d, "08:00", "13:00") for d in range(3))))
    second = rotating(
        nineteen,
        2,
        *in_week(2, *(slot(d, "08:00", "13:00") for d in range(4))),
        *in_week(2, slot(4, "08:00", second_week_end)),
    )
    return legal_rules.check(snapshot(nineteen, assignments=(first, second)))


def test_weeks_of_15_and_23_hours_average_the_19_agreed() -> None:
    found = two_weeks("11:00")  # week 2: 20 + 3 = 23 h
    assert not of_rule(found, "GE-HOURS-19")
    assert not of_rule(found, "SCHED-UNDER")
    assert not of_rule(found, "SCHED-OVER")


def test_an_average_of_18_75_hours_is_refused_under_a_19_hour_contract() -> None:
    found = two_weeks("10:30")  # week 2: 20 + 2.5 = 22.5 h; (15 + 22.5) / 2 = 18.75
    (floor,) = of_rule(found, "GE-HOURS-19")
    assert floor.severity is Severity.BLOCKING
    assert dict(floor.values)["hours"] == Decimal("18.75") and dict(floor.values)["weeks"] == 2
    assert "en moyenne 18,75 h par semaine sur son cycle de 2 semaines" in floor.messages.fr
    assert "gemiddeld 18,75 u per week over zijn cyclus van 2 weken" in floor.messages.nl
    (under,) = of_rule(found, "SCHED-UNDER")
    assert under.severity is Severity.WARNING
    assert "ne prévoit en moyenne que 18,75 h" in under.messages.fr


def test_a_weekly_schedule_under_the_contract_is_only_a_warning() -> None:
    nineteen = contract(hours="19")
    weekly = AssignmentFacts(
        990,
        nineteen.id,
        1,
        nineteen.starts_on,
        None,
        (*(slot(d, "08:00", "11:45") for d in range(5)),),  # 5 x 3.75 = 18.75 h
    )
    found = legal_rules.check(snapshot(nineteen, assignments=(weekly,)))
    assert not of_rule(found, "GE-HOURS-19")
    (under,) = of_rule(found, "SCHED-UNDER")
    assert "ne prévoit que 18,75 h par semaine" in under.messages.fr


def test_a_cycle_average_above_the_contract_is_sched_over() -> None:
    twenty = contract(hours="20")
    week_one = in_week(1, *(slot(d, "08:00", "13:00") for d in range(4)))  # 20 h
    week_two = in_week(2, *(slot(d, "08:00", "13:00") for d in range(4)), slot(4, "08:00", "09:00"))
    found = legal_rules.check(
        snapshot(twenty, assignments=(rotating(twenty, 1, *week_one, *week_two),))
    )
    (over,) = of_rule(found, "SCHED-OVER")
    # (20 + 21) / 2 = 20.5 h
    assert dict(over.values)["planned"] == Decimal("20.50")
    assert "en moyenne 20,5 h par semaine sur son cycle de 2 semaines" in over.messages.fr


def test_the_40_hour_week_is_checked_on_each_actual_week_not_on_the_average() -> None:
    """38 h on average (42 h and 34 h): the weeks of 42 h breach WT-WEEK-40."""
    full = contract(hours="38")
    long_days = in_week(1, *(slot(d, "08:00", "16:24") for d in range(5)))  # 5 x 8.4 = 42 h
    short_days = in_week(2, *(slot(d, "08:00", "14:48") for d in range(5)))  # 5 x 6.8 = 34 h
    cycle = (rotating(full, 1, *long_days, *short_days),)

    def weeks_over_40(monday: date) -> list[Finding]:
        week = snapshot(full, assignments=cycle, start=monday, end=monday + timedelta(days=6))
        found = legal_rules.check(week)
        assert not of_rule(found, "SCHED-OVER") and not of_rule(found, "SCHED-UNDER")
        return of_rule(found, "WT-WEEK-40")

    # The weeks of 2, 16 and 30 March are week 1 of the cycle, 9 and 23 March week 2.
    for monday in (date(2026, 3, 2), date(2026, 3, 16), date(2026, 3, 30)):
        (over,) = weeks_over_40(monday)
        assert (over.first_date, dict(over.values)["hours"]) == (monday, Minutes(42 * 60))
    assert weeks_over_40(date(2026, 3, 9)) == weeks_over_40(date(2026, 3, 23)) == []


def test_a_week_before_the_other_members_part_starts_is_a_transition() -> None:
    """Member 1's part from Monday 2 March, member 2's from Monday 9 March: the week of
    the 2nd plans member 1's hours only (7 h 30 on average), a step, not a regime; from
    the 9th the cycle averages 19 h. Had member 2's part started two weeks later, the
    stretch before it would be a whole cycle under the floor: refused."""
    nineteen = contract(hours="19", starts=date(2026, 3, 2))
    first = rotating(nineteen, 1, *in_week(1, *(slot(d, "08:00", "13:00") for d in range(3))))
    second_slots = (
        *in_week(2, *(slot(d, "08:00", "13:00") for d in range(4))),
        *in_week(2, slot(4, "08:00", "11:00")),
    )

    def floor_findings(joins: date) -> list[Finding]:
        second = replace(rotating(nineteen, 2, *second_slots), starts_on=joins)
        found = legal_rules.check(snapshot(nineteen, assignments=(first, second)))
        return of_rule(found, "GE-HOURS-19")

    assert floor_findings(date(2026, 3, 9)) == []
    (whole_cycle,) = floor_findings(date(2026, 3, 16))
    assert (whole_cycle.first_date, whole_cycle.last_date) == (date(2026, 3, 2), date(2026, 3, 15))
