"""WT-SUNDAY — work on a Sunday needs a derogation and compensatory rest.

Employing workers on Sunday is prohibited save the derogations of the law or a royal
decree; compensatory rest is then due within the 6 following days (loi du 16 mars
1971, art. 11 and 16). A warning for planned Sunday slots and extra hours recorded on
a Sunday.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import in_period

SUNDAY = 6


def check(snapshot: Snapshot) -> list[Finding]:
    on_sundays = {a.id for a in snapshot.assignments if any(s.weekday == SUNDAY for s in a.slots)}
    planned = [
        (
            (("worker", s.worker_id), ("member", s.member_id)),
            s.day,
            {"worker": snapshot.worker_name(s.worker_id), "date": s.day},
        )
        for s in snapshot.worked.shifts
        if s.assignment_id in on_sundays
        and s.day.weekday() == SUNDAY
        and in_period(snapshot, s.day)
    ]
    recorded = [
        (
            (("worker", e.worker_id), ("day_entry", e.id)),
            e.day,
            {"worker": snapshot.worker_name(e.worker_id), "date": e.day},
        )
        for e in snapshot.day_entries
        if e.kind == "extra_hours" and e.day.weekday() == SUNDAY and in_period(snapshot, e.day)
    ]
    return RULE.per_subject(snapshot, planned + recorded)


RULE = Rule(
    id="WT-SUNDAY",
    severity=Severity.WARNING,
    reference=N_("WT-SUNDAY.reference"),
    check=check,
    derogable=True,
    message=N_("WT-SUNDAY"),
)
