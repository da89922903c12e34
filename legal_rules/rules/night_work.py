"""WT-NIGHT — work between 20:00 and 06:00 needs a derogation.

Work must in principle take place between 6 a.m. and 8 p.m. (loi du 16 mars 1971,
art. 35 s.); night work is allowed only under a derogation. A warning for each worker
whose shifts reach into the night.
"""

from datetime import time

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import in_period

DAY_STARTS = time(6)
DAY_ENDS = time(20)


def check(snapshot: Snapshot) -> list[Finding]:
    # Whether a shift reaches into the night depends on its slot alone: look only at the
    # assignments that have such a slot.
    nightly = {
        a.id
        for a in snapshot.assignments
        if any(s.starts_at < DAY_STARTS or s.ends_at > DAY_ENDS for s in a.slots)
    }
    if not nightly:
        return []
    return RULE.per_subject(
        snapshot,
        [
            (
                (("worker", shift.worker_id), ("member", shift.member_id)),
                shift.day,
                {
                    "worker": snapshot.worker_name(shift.worker_id),
                    "start": f"{shift.starts:%H:%M}",
                    "end": f"{shift.ends:%H:%M}",
                    "date": shift.day,
                },
            )
            for shift in snapshot.worked.shifts
            if shift.assignment_id in nightly
            and (shift.starts.time() < DAY_STARTS or shift.ends.time() > DAY_ENDS)
            and in_period(snapshot, shift.day)
        ],
    )


RULE = Rule(
    id="WT-NIGHT",
    severity=Severity.WARNING,
    reference=N_("WT-NIGHT.reference"),
    check=check,
    derogable=True,
    message=N_("WT-NIGHT"),
)
