"""WT-OVERLAP — a worker is never at two members (or two places) at once.

The GE is the worker's only employer: two shifts of the same worker that overlap in
time cannot both be worked. A consistency rule, blocking. Shifts are compared in
absolute time, so a night shift (Sunday 22:00-06:00) meets the next day's shifts, at
any member and across the week's end; each shift is compared with the earlier-starting
one that ends last (a long night shift may cover several shorter ones).
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import pair_subjects


def check(snapshot: Snapshot) -> list[Finding]:
    occurrences = []
    for worker_id, shifts in snapshot.worked.by_worker().items():
        latest = shifts[0]  # of the shifts so far, the one that ends last
        for later in shifts[1:]:
            if later.start < latest.end and snapshot.start <= later.day <= snapshot.end:
                subjects = pair_subjects(worker_id, latest, later)
                values = {
                    "worker": snapshot.worker_name(worker_id),
                    "member": snapshot.member(latest.member_id).name,
                    "start": f"{latest.starts:%H:%M}",
                    "end": f"{latest.ends:%H:%M}",
                    "date": later.day,
                }
                occurrences.append((subjects, later.day, values))
            if later.end > latest.end:
                latest = later
    return RULE.per_subject(snapshot, occurrences)


RULE = Rule(
    id="WT-OVERLAP",
    severity=Severity.BLOCKING,
    reference=N_("WT-OVERLAP.reference"),
    check=check,
    message=N_("WT-OVERLAP"),
)
