"""WT-WEEK-AVG38 — the average working week over the reference period stays within the
GE's full-time reference.

The full-time reference is « 38 h/week effective, or 38 h on average over a reference
period » (SPF ETCS, research/legal.md §2; loi du 16 mars 1971, art. 19 and 26bis), and a
flexible schedule must respect the average « over a reference period ≤ 1 year ». The
reference hours are the GE's `full_time_weekly_hours` (38 by default), the period its
`reference_period_months` (a calendar quarter by default; 1, 2, 3, 4, 6 or 12 months,
always calendar-aligned: quarters start in January, April, July and October, a year on
1 January).

A week is Monday to Sunday, and the period is made of whole ISO weeks: those whose
Thursday falls in it (as ISO gives a week to the year of its Thursday), so a 38-hour
schedule averages exactly 38 h whatever the month's number of weekdays (counting
calendar days would put a plain 38-hour week above 38 in a month of 23 weekdays). For
each reference period whose weeks meet the days checked, all its weeks are read (the
app loads every record of them, whatever the write's days): a worker's hours worked in
them, summed over every member (planned less absences, plus extra hours; public
holidays and replacement days are not worked; a night shift counts in the week of the
day it starts, as for WT-WEEK-40), over the number of those weeks the worker is under
contract (a week with at least one contract day), so a contract starting mid-quarter is
averaged over its own weeks. Exactly the reference passes; above it is blocking, unless
recorded derogations cover every day of those weeks (a registered flexible regime, a
sector agreement). The finding is dated from the first week's Monday to the last week's
Sunday. Whether days of suspension (holidays, sickness) should count as worked for the
average is *(unsettled)*: they are not.
"""

from collections import defaultdict
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

from allocation.calendar import reference_weeks
from allocation.hours import MINUTES_PER_HOUR
from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ..references import LABOUR_ACT_ART_19
from ..shifts import monday_of, planned_shifts, worked_minutes_by_day

_HUNDREDTH = Decimal("0.01")


def periods_meeting(snapshot: Snapshot) -> list[tuple[date, date]]:
    """The GE's reference periods (as whole weeks: first Monday, last Sunday) that meet
    the snapshot's days, in order."""
    months = snapshot.groupement.reference_period_months
    found = [reference_weeks(snapshot.start, months)]
    while found[-1][1] < snapshot.end:
        found.append(reference_weeks(found[-1][1] + timedelta(days=1), months))
    return found


def _weeks_under_contract(snapshot: Snapshot, first: date, last: date) -> dict[int, int]:
    """Per worker, the weeks from ``first`` (a Monday) to ``last`` with a contract day."""
    weeks: dict[int, set[int]] = defaultdict(set)
    for contract in snapshot.contracts:
        start = max(contract.starts_on, first)
        end = min(contract.ends_on or last, last)
        if start <= end:
            weeks[contract.worker_id].update(
                range(monday_of(start.toordinal()), monday_of(end.toordinal()) + 1, 7)
            )
    return {worker: len(mondays) for worker, mondays in weeks.items()}


def _shown(average: Fraction) -> Decimal:
    """Hours to the hundredth, rounded up: an average above the reference never shows as
    equal to it."""
    exact = Decimal(average.numerator) / Decimal(average.denominator)
    return exact.quantize(_HUNDREDTH, rounding=ROUND_CEILING)


def check(snapshot: Snapshot) -> list[Finding]:
    ge = snapshot.groupement
    limit = Fraction(ge.full_time_weekly_hours) * MINUTES_PER_HOUR  # minutes a week
    periods = periods_meeting(snapshot)
    start, end = periods[0][0], periods[-1][1]
    by_day = worked_minutes_by_day(snapshot, planned_shifts(snapshot, start, end), start, end)
    findings = []
    for first, last in periods:
        minutes: dict[int, int] = defaultdict(int)
        for (worker_id, ordinal), worked in by_day.items():
            if first.toordinal() <= ordinal <= last.toordinal():
                minutes[worker_id] += worked
        counted = _weeks_under_contract(snapshot, first, last)
        for worker_id, total in sorted(minutes.items()):
            weeks = counted.get(worker_id)
            if not weeks:
                continue
            average = Fraction(total, weeks)  # minutes a week
            if average > limit:
                findings.append(
                    RULE.finding(
                        first,
                        last,
                        (("worker", worker_id),),
                        worker=snapshot.worker_name(worker_id),
                        average=_shown(average / MINUTES_PER_HOUR),
                        reference=ge.full_time_weekly_hours,
                        months=ge.reference_period_months,
                        first=first,
                        last=last,
                    )
                )
    return findings


RULE = Rule(
    id="WT-WEEK-AVG38",
    severity=Severity.BLOCKING,
    reference=LABOUR_ACT_ART_19,
    check=check,
    derogable=True,
    message=N_("WT-WEEK-AVG38"),
)
