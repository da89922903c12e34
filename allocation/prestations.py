"""A month's prestations, per worker, day, kind and member, for the social secretariat.

The secretariat computes the payroll from what each worker did each day: hours worked
(with the member, for its analytic split), paid absences by kind, unpaid absences and
extra hours. Those figures are the billing's own: each day is ``member_hours`` of the
worker's month cut to that day (each day stands alone in the split, as
``allocation.explain`` relies on), and a day's entries are taken apart by adding them
one at a time in the order the split reads them, so that what each entry changes is
what the split made of it. Nothing here decides how long a day is, what an absence
takes off it or where extra hours go: ``allocation.month`` does.

Read the split with the ``slot`` policy, a paid absence sits at the member whose planned
time it replaced (the GE's policy only decides which member *pays* for it, which is the
invoices' business, not the secretariat's). So, per worker and month:

- worked + extra hours + training = the billing's worked hours (training is work in the
  planned time for the split; the secretariat codes it apart, so it is carved out of
  the day's work the way an absence would be, at its member, never more than worked);
- public holiday + replacement day + paid leave + sickness + small leave = the billing's
  paid-absence hours (under the ``pro_rata`` and ``slot`` policies; ``loaded_rate``
  bills no absence hours at all);
- unpaid absence: hours planned and not worked, billed to nobody.
"""

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction

from .month import EXTRA, PAID_ABSENCES, UNPAID_ABSENCES, AbsencePolicy, Entry, WorkerMonth
from .month import member_hours as _member_hours

TRAINING = "training"  # a day entry's kind, as in the app
UNPAID = "unpaid_absence"


class Kind(StrEnum):
    """What a row of the prestations says the hours were."""

    WORKED = "worked"
    EXTRA_HOURS = "extra_hours"
    TRAINING = "training"
    PUBLIC_HOLIDAY = "public_holiday"
    REPLACEMENT_DAY = "replacement_day"
    PAID_LEAVE = "paid_leave"
    SICKNESS = "sickness"
    SMALL_LEAVE = "small_leave"
    UNPAID_ABSENCE = "unpaid_absence"


# The kinds the billing counts as worked hours, and as paid absence.
WORKED_KINDS = frozenset({Kind.WORKED, Kind.EXTRA_HOURS, Kind.TRAINING})
PAID_ABSENCE_KINDS = frozenset(
    {Kind.PUBLIC_HOLIDAY, Kind.REPLACEMENT_DAY, Kind.PAID_LEAVE, Kind.SICKNESS, Kind.SMALL_LEAVE}
)
ORDER = tuple(Kind)


@dataclass(frozen=True)
class Prestation:
    """Minutes (exact: a share of an absence spread pro rata may be a fraction) of one
    kind, on one day, for one worker, at one member."""

    worker_id: int
    day: date
    kind: Kind
    member_id: int
    minutes: Fraction


def _day(
    month: WorkerMonth, entries: tuple[Entry, ...]
) -> tuple[dict[int, Fraction], dict[int, Fraction]]:
    """Worked and paid-absence minutes per member of the one-day ``month`` with
    ``entries``: the split's own, paid absence left where it fell (slot)."""
    hours, _days = _member_hours(replace(month, entries=entries), AbsencePolicy.SLOT)
    worked = {h.member_id: h.worked for h in hours if h.worked}
    absent = {h.member_id: h.paid_absence for h in hours if h.paid_absence}
    return worked, absent


def _less(after: dict[int, Fraction], before: dict[int, Fraction]) -> dict[int, Fraction]:
    """What ``after`` has more than ``before``, member by member (positive parts only)."""
    found = {}
    for member in set(after) | set(before):
        more = after.get(member, Fraction(0)) - before.get(member, Fraction(0))
        if more > 0:
            found[member] = more
    return found


def worker_days(month: WorkerMonth, replacement_days: Collection[date]) -> list[Prestation]:
    """Every day of ``month`` taken apart by kind and member. ``replacement_days``: the
    GE's replacement days among ``month.days_off`` (the others are public holidays)."""
    found: dict[tuple[date, Kind, int], Fraction] = defaultdict(Fraction)
    by_day: dict[date, list[Entry]] = defaultdict(list)
    for entry in month.entries:
        by_day[entry.day].append(entry)
    day = month.first
    while day <= month.last:
        one_day = replace(month, first=day, last=day)
        entries = by_day.get(day, [])
        # The split reads the entries in their order; training changes nothing there, so
        # it is read last, as an unpaid absence would be, to see what work it stands for.
        kept = tuple(e for e in entries if e.kind != TRAINING)
        training = tuple(replace(e, kind=UNPAID) for e in entries if e.kind == TRAINING)
        worked, absent = _day(one_day, ())
        off = Kind.REPLACEMENT_DAY if day in replacement_days else Kind.PUBLIC_HOLIDAY
        for member, minutes in absent.items():  # a day off: what was planned is paid
            found[(day, off, member)] += minutes
        extra: dict[int, Fraction] = defaultdict(Fraction)
        for index, entry in enumerate((*kept, *training)):
            now_worked, now_absent = _day(one_day, (*kept, *training)[: index + 1])
            if entry.kind == EXTRA:
                for member, minutes in _less(now_worked, worked).items():
                    extra[member] += minutes
            elif entry.kind in PAID_ABSENCES:
                for member, minutes in _less(now_absent, absent).items():
                    found[(day, Kind(entry.kind), member)] += minutes
            elif index >= len(kept):  # training, read as what it takes off the day's work
                for member, minutes in _less(worked, now_worked).items():
                    found[(day, Kind.TRAINING, member)] += minutes
            elif entry.kind in UNPAID_ABSENCES:
                for member, minutes in _less(worked, now_worked).items():
                    found[(day, Kind.UNPAID_ABSENCE, member)] += minutes
            worked, absent = now_worked, now_absent
        # What is left of the day's work: the extra hours counted apart (as far as an
        # absence read after them left them standing), the rest worked.
        for member, left in worked.items():
            counted = min(extra.get(member, Fraction(0)), left)
            if counted:
                found[(day, Kind.EXTRA_HOURS, member)] += counted
            if left - counted:
                found[(day, Kind.WORKED, member)] += left - counted
        day += timedelta(days=1)
    return [
        Prestation(month.worker_id, day, kind, member, minutes)
        for (day, kind, member), minutes in found.items()
        if minutes
    ]


def prestations(
    months: Iterable[WorkerMonth], replacement_days: Collection[date]
) -> list[Prestation]:
    """The prestations of every worker's month (a worker with two contracts in the month
    has them summed by day, kind and member), by worker, day, kind and member."""
    summed: dict[tuple[int, date, Kind, int], Fraction] = defaultdict(Fraction)
    for month in months:
        for row in worker_days(month, replacement_days):
            summed[(row.worker_id, row.day, row.kind, row.member_id)] += row.minutes
    return [
        Prestation(worker, day, kind, member, minutes)
        for (worker, day, kind, member), minutes in sorted(
            summed.items(),
            key=lambda item: (item[0][0], item[0][1], ORDER.index(item[0][2]), item[0][3]),
        )
    ]


@dataclass(frozen=True)
class Totals:
    """A worker's month as the billing counts it, in minutes."""

    worked: Fraction
    paid_absence: Fraction
    unpaid_absence: Fraction


def totals(rows: Iterable[Prestation]) -> dict[int, Totals]:
    """Per worker: worked (work, extra hours, training), paid and unpaid absence."""
    worked: dict[int, Fraction] = defaultdict(Fraction)
    paid: dict[int, Fraction] = defaultdict(Fraction)
    unpaid: dict[int, Fraction] = defaultdict(Fraction)
    for row in rows:
        if row.kind in WORKED_KINDS:
            worked[row.worker_id] += row.minutes
        elif row.kind in PAID_ABSENCE_KINDS:
            paid[row.worker_id] += row.minutes
        else:
            unpaid[row.worker_id] += row.minutes
    return {
        worker: Totals(worked[worker], paid[worker], unpaid[worker])
        for worker in sorted(set(worked) | set(paid) | set(unpaid))
    }
