"""A worker's month split across the members, hour by hour (DOMAIN.md §5).

For one contract and one month, day by day inside the contract:

1. planned minutes ``P[m]`` at each member: the slots of the assignments valid that day
   (for a rotating schedule, those of the cycle week the day falls in);
2. on a public holiday or replacement day, nothing is worked: the planned minutes are
   paid absence; otherwise they are worked minutes ``H[m]``;
3. day entries correct that: a paid absence (leave, sickness, small leave) or an unpaid
   one takes minutes off the day's work (at its member when it names one, else pro rata
   the day's planned minutes), never more than was planned; extra hours add to the
   member they name; training changes nothing (it is work in the planned time);
4. paid-absence minutes ``A[m]`` go, by the GE's policy:
   - ``pro_rata``: to the members in proportion to the weekly schedule in effect that day
     (a member that left bears nothing after, a new assignment only from its start; for
     a rotating schedule, the cycle week in effect that day);
   - ``slot``: to the member whose planned time they replace;
   - ``loaded_rate``: to nobody: members pay worked hours only;
5. the basis ``B[m] = H[m] + A[m]``, kept exact as fractions of minutes;
6. each member's share of the cost ``C * B[m] / sum(B)``, to the cent by the largest
   remainder (``money.split``): the shares add up to ``C`` exactly. Members are taken in
   id order (the one created first wins a tie).
"""

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from .money import split
from .schedule import MINUTES_PER_HOUR, Placement


class AbsencePolicy(StrEnum):
    PRO_RATA = "pro_rata"
    SLOT = "slot"
    LOADED_RATE = "loaded_rate"


PAID_ABSENCES = frozenset({"paid_leave", "sickness", "small_leave"})
UNPAID_ABSENCES = frozenset({"unpaid_absence"})
EXTRA = "extra_hours"


@dataclass(frozen=True)
class Entry:
    """A day entry: what happened on a day (kind as in the app: paid_leave, sickness…)."""

    day: date
    kind: str
    minutes: int
    member_id: int | None = None


@dataclass(frozen=True)
class WorkerMonth:
    """One contract over one month, with everything its split needs."""

    contract_id: int
    worker_id: int
    first: date  # the month's first day inside the contract
    last: date  # and its last
    placements: tuple[Placement, ...]  # the contract's assignments
    entries: tuple[Entry, ...] = ()
    days_off: Collection[date] = frozenset()  # public holidays and replacement days


@dataclass(frozen=True)
class MemberHours:
    member_id: int
    worked: Fraction  # minutes
    paid_absence: Fraction  # minutes

    @property
    def basis(self) -> Fraction:
        return self.worked + self.paid_absence


@dataclass(frozen=True)
class MemberShare:
    member_id: int
    worked: Fraction
    paid_absence: Fraction
    basis: Fraction
    share: Decimal

    @property
    def basis_hours(self) -> Fraction:
        return self.basis / MINUTES_PER_HOUR


@dataclass(frozen=True)
class WorkerSplit:
    contract_id: int
    worker_id: int
    cost: Decimal
    members: tuple[MemberShare, ...]
    days_worked: int

    @property
    def unallocated(self) -> Decimal:
        """The cost nobody's hours can carry (no hours at all in the month)."""
        return self.cost - sum((m.share for m in self.members), Decimal("0.00"))


def _spread(total: Fraction, weights: dict[int, Fraction]) -> dict[int, Fraction]:
    whole = sum(weights.values(), Fraction(0))
    if not whole:
        return {}
    return {member: total * weight / whole for member, weight in weights.items() if weight}


def member_hours(month: WorkerMonth, policy: AbsencePolicy) -> tuple[list[MemberHours], int]:
    """Worked and paid-absence minutes per member, and the days actually worked."""
    worked: dict[int, Fraction] = defaultdict(Fraction)
    absent: dict[int, Fraction] = defaultdict(Fraction)
    entries_by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in month.entries:
        entries_by_day[entry.day].append(entry)
    # Each placement's minutes by (cycle week, weekday) and by cycle week, worked out once.
    shapes = []
    for placement in month.placements:
        by_day: dict[tuple[int, int], int] = defaultdict(int)
        by_week: dict[int, int] = defaultdict(int)
        for slot in placement.slots:
            by_day[(slot.week, slot.weekday)] += slot.minutes
            by_week[slot.week] += slot.minutes
        shapes.append((placement, by_day, by_week, sum(by_week.values())))
    # The usual days (no entry, not a day off) are whole minutes with nothing to share:
    # their planned minutes are worked. Counted per placement and slot day, not per day.
    unusual = {
        day.toordinal()
        for day in (*entries_by_day, *month.days_off)
        if month.first <= day <= month.last
    }
    usual_minutes: dict[int, int] = defaultdict(int)
    usual_days: set[int] = set()
    for placement, by_day, _by_week, _cycle in shapes:
        first = max(month.first, placement.first)
        last = min(month.last, placement.last or month.last)
        if first > last:
            continue
        for (week, weekday), minutes in by_day.items():
            for ordinal in placement.days_of(week, weekday, first, last):
                if ordinal not in unusual:
                    usual_minutes[placement.member_id] += minutes
                    usual_days.add(ordinal)
    for member, minutes in usual_minutes.items():
        worked[member] += minutes
    days_worked = len(usual_days)
    # A day off with no entry shares whole minutes by whole weights: its parts are summed
    # as numerators over each denominator and divided once, at the end.
    off_parts: dict[tuple[int, int], int] = defaultdict(int)  # (member, whole) -> minutes
    for ordinal in sorted(unusual):
        day = date.fromordinal(ordinal)
        weekday = day.weekday()
        # The schedule in effect that day: for a cycle, the week of the cycle it falls in.
        weekly: dict[int, int] = defaultdict(int)
        planned: dict[int, int] = defaultdict(int)
        cycle: dict[int, int] = defaultdict(int)  # over the whole cycle, for a week off
        for placement, by_day, by_week, cycle_minutes in shapes:
            if placement.active_on(day):
                week = placement.week_on(day)
                weekly[placement.member_id] += by_week.get(week, 0)
                cycle[placement.member_id] += cycle_minutes
                if (week, weekday) in by_day:
                    planned[placement.member_id] += by_day[(week, weekday)]
        entries = entries_by_day.get(day)
        if not entries:  # a day off: what was planned is paid absence
            if policy is AbsencePolicy.PRO_RATA:
                day_off, whole = sum(planned.values()), sum(weekly.values())
                if day_off and whole:
                    for member, weight in weekly.items():
                        if weight:
                            off_parts[(member, whole)] += day_off * weight
            elif policy is AbsencePolicy.SLOT:
                for member, minutes in planned.items():
                    if minutes:
                        absent[member] += minutes
            continue
        day_worked: dict[int, Fraction] = {m: Fraction(v) for m, v in planned.items()}
        paid_off: dict[int, Fraction] = {}
        if day in month.days_off:
            day_worked, paid_off = {}, {m: Fraction(v) for m, v in planned.items()}
        for entry in entries or ():
            entry_minutes = Fraction(entry.minutes)
            if entry.kind == EXTRA:
                target = entry.member_id
                if target is None:
                    # The day's plan, else its week's, else (a week of the cycle that
                    # plans nothing) the whole cycle's: extra hours are never lost.
                    shares = planned if any(planned.values()) else weekly
                    if not any(shares.values()):
                        shares = cycle
                    weights = {m: Fraction(v) for m, v in shares.items()}
                    for member, part in _spread(entry_minutes, weights).items():
                        day_worked[member] = day_worked.get(member, Fraction(0)) + part
                else:
                    day_worked[target] = day_worked.get(target, Fraction(0)) + entry_minutes
            elif entry.kind in PAID_ABSENCES or entry.kind in UNPAID_ABSENCES:
                taken = _take(day_worked, entry_minutes, entry.member_id)
                if entry.kind in PAID_ABSENCES:
                    for member, part in taken.items():
                        paid_off[member] = paid_off.get(member, Fraction(0)) + part
        if any(day_worked.values()):
            days_worked += 1
        for member, share in day_worked.items():
            worked[member] += share
        total_off = sum(paid_off.values(), Fraction(0))
        if total_off and policy is AbsencePolicy.PRO_RATA:
            for member, part in _spread(
                total_off, {m: Fraction(v) for m, v in weekly.items()}
            ).items():
                absent[member] += part
        elif total_off and policy is AbsencePolicy.SLOT:
            for member, part in paid_off.items():
                absent[member] += part
    for (member, whole), minutes in off_parts.items():
        absent[member] += Fraction(minutes, whole)
    members = sorted(set(worked) | set(absent))
    hours = [
        MemberHours(m, worked.get(m, Fraction(0)), absent.get(m, Fraction(0))) for m in members
    ]
    return hours, days_worked


def _take(
    day_worked: dict[int, Fraction], minutes: Fraction, member: int | None
) -> dict[int, Fraction]:
    """Take an absence off the day's work: at its member, or pro rata; never more than
    there is. Returns what was taken, per member."""
    if member is not None:
        at_member = min(minutes, day_worked.get(member, Fraction(0)))
        if at_member:
            day_worked[member] -= at_member
        return {member: at_member} if at_member else {}
    available = sum(day_worked.values(), Fraction(0))
    taken_total = min(minutes, available)
    taken = _spread(taken_total, dict(day_worked))
    for target, part in taken.items():
        day_worked[target] -= part
    return taken


def split_worker(
    month: WorkerMonth,
    cost: Decimal,
    policy: AbsencePolicy,
    hours: tuple[list[MemberHours], int] | None = None,
) -> WorkerSplit:
    """The contract's cost for the month shared among the members by their basis
    (``hours``: the month's ``member_hours`` when already worked out)."""
    hours_, days_worked = hours or member_hours(month, policy)

    carrying = [h for h in hours_ if h.basis > 0]
    shares = split(cost, [h.basis for h in carrying]) if carrying else []
    return WorkerSplit(
        contract_id=month.contract_id,
        worker_id=month.worker_id,
        cost=cost,
        members=tuple(
            MemberShare(h.member_id, h.worked, h.paid_absence, h.basis, share)
            for h, share in zip(carrying, shares, strict=True)
        ),
        days_worked=days_worked,
    )
