"""WT-SUNDAY — work on a Sunday needs a derogation and compensatory rest.

Employing workers on Sunday is prohibited save the derogations of the law or a royal
decree; compensatory rest is then due within the 6 following days (loi du 16 mars
1971, art. 11 and 16). Sunday is the calendar day, 00:00 to 24:00: a warning for the
planned shifts with minutes on a Sunday (a Saturday 22:00-06:00 night shift included,
and a Sunday 22:00 shift into Monday) and for extra hours recorded on a Sunday.
"""

from datetime import date

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import in_period

SUNDAY = 6


def check(snapshot: Snapshot) -> list[Finding]:
    planned = []
    for s in snapshot.worked.shifts:
        for ordinal in s.days:
            day = date.fromordinal(ordinal)
            if day.weekday() == SUNDAY and in_period(snapshot, day):
                planned.append(
                    (
                        (("worker", s.worker_id), ("member", s.member_id)),
                        day,
                        {"worker": snapshot.worker_name(s.worker_id), "date": day},
                    )
                )
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
