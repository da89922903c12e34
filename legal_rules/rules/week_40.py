"""WT-WEEK-40 — never more than 40 hours of work in a week, unless a flexible regime allows it.

« La durée du travail ne peut excéder […] quarante heures par semaine » (loi du
16 mars 1971, art. 19); a registered flexible regime may allow up to 45. Summed over
every member for each ISO week (Monday to Sunday) that meets the period, extra hours
recorded included; blocking unless a derogation is recorded.
"""

from datetime import date

from allocation.translations import N_

from ..model import Finding, Minutes, Rule, Severity, Snapshot
from ..references import LABOUR_ACT_ART_19

MAXIMUM_MINUTES = 40 * 60


def check(snapshot: Snapshot) -> list[Finding]:
    occurrences = []
    first, last = snapshot.start.toordinal(), snapshot.end.toordinal()
    for (worker_id, monday_ordinal), minutes in snapshot.worked.minutes_by_week.items():
        if minutes > MAXIMUM_MINUTES and monday_ordinal + 6 >= first and monday_ordinal <= last:
            monday = date.fromordinal(monday_ordinal)
            values = {
                "worker": snapshot.worker_name(worker_id),
                "hours": Minutes(minutes),
                "week": monday.isocalendar().week,
                "date": monday,
            }
            occurrences.append(((("worker", worker_id),), monday, values))
    return RULE.per_subject(snapshot, occurrences)


RULE = Rule(
    id="WT-WEEK-40",
    severity=Severity.BLOCKING,
    reference=LABOUR_ACT_ART_19,
    check=check,
    derogable=True,
    message=N_("WT-WEEK-40"),
)
