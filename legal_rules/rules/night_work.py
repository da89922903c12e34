"""WT-NIGHT — work between 20:00 and 06:00 needs a derogation.

Work must in principle take place between 6 a.m. and 8 p.m. (loi du 16 mars 1971,
art. 35 s.); night work is allowed only under a derogation. A warning for each worker
whose shifts reach into the night, with the minutes of the first such shift inside
20:00-06:00 (06:00 itself is day work). A shift past midnight (22:00-06:00) is one
shift of 8 hours of night work, dated the day it starts.
"""

from allocation.schedule import night_minutes
from allocation.translations import N_

from ..model import Finding, Minutes, Rule, Severity, Snapshot
from ._worked import in_period


def check(snapshot: Snapshot) -> list[Finding]:
    occurrences = []
    for shift in snapshot.worked.shifts:
        if not in_period(snapshot, shift.day):
            continue
        night = night_minutes(shift.start, shift.end)
        if night:
            occurrences.append(
                (
                    (("worker", shift.worker_id), ("member", shift.member_id)),
                    shift.day,
                    {
                        "worker": snapshot.worker_name(shift.worker_id),
                        "start": f"{shift.starts:%H:%M}",
                        "end": f"{shift.ends:%H:%M}",
                        "date": shift.day,
                        "night": Minutes(night),
                    },
                )
            )
    return RULE.per_subject(snapshot, occurrences)


RULE = Rule(
    id="WT-NIGHT",
    severity=Severity.WARNING,
    reference=N_("WT-NIGHT.reference"),
    check=check,
    derogable=True,
    message=N_("WT-NIGHT"),
)
