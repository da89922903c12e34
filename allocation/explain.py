"""A worker's month at one member, day by day, for a member's treasurer to check a line.

The split (``allocation.month``) works day by day and each day stands alone: what a day
gives each member depends on that day's schedule and entries only. So a day's part is
``member_hours`` of the month cut down to that day, and the days add up to the month's
hours exactly (a test checks it): the explanation is the billing's own arithmetic, not a
second one.

For each day: the minutes the schedule planned at the member (the day's plan, as if
nothing happened), the minutes worked there, and the paid absence it bears (public
holidays, replacement days, paid leave, sickness, small leave), shared by the GE's
policy: by the weekly schedule in effect that day (pro rata), at the slot, or not at all
(loaded rate: members pay worked hours, at a rate that covers absences).
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from .month import AbsencePolicy, MemberHours, WorkerMonth, member_hours


@dataclass(frozen=True)
class DayAtMember:
    day: date
    planned: Fraction  # minutes the schedule plans at the member that day
    worked: Fraction  # minutes worked there
    paid_absence: Fraction  # minutes of paid absence it bears
    day_off: bool  # a public holiday or replacement day
    entries: tuple[str, ...]  # the kinds of the day's entries (absences, extra hours)


def _at(hours: list[MemberHours], member_id: int) -> MemberHours | None:
    return next((h for h in hours if h.member_id == member_id), None)


def days_at(month: WorkerMonth, policy: AbsencePolicy, member_id: int) -> list[DayAtMember]:
    """Every day of ``month`` at ``member_id`` that plans, works or bears something."""
    found = []
    day = month.first
    while day <= month.last:
        one_day = replace(month, first=day, last=day)
        done = _at(member_hours(one_day, policy)[0], member_id)
        plan = _at(
            member_hours(replace(one_day, entries=(), days_off=frozenset()), policy)[0], member_id
        )
        planned = plan.worked if plan else Fraction(0)
        worked = done.worked if done else Fraction(0)
        absent = done.paid_absence if done else Fraction(0)
        kinds = tuple(e.kind for e in month.entries if e.day == day)
        if planned or worked or absent:
            found.append(DayAtMember(day, planned, worked, absent, day in month.days_off, kinds))
        day += timedelta(days=1)
    return found
