"""WT-OVERLAP — a worker is never at two members (or two places) at once.

The GE is the worker's only employer: two shifts of the same worker that overlap in
time cannot both be worked. A consistency rule, blocking.
"""

import itertools

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import pair_subjects


def check(snapshot: Snapshot) -> list[Finding]:
    worked = snapshot.worked
    occurrences = []
    for worker_id, shifts in worked.by_worker().items():
        for earlier, later in itertools.pairwise(shifts):
            if later.start < earlier.end and snapshot.start <= later.day <= snapshot.end:
                subjects = pair_subjects(worker_id, earlier, later)
                values = {
                    "worker": snapshot.worker_name(worker_id),
                    "member": snapshot.member(earlier.member_id).name,
                    "start": f"{earlier.starts:%H:%M}",
                    "end": f"{earlier.ends:%H:%M}",
                    "date": later.day,
                }
                occurrences.append((subjects, later.day, values))
    return RULE.per_subject(snapshot, occurrences)


RULE = Rule(
    id="WT-OVERLAP",
    severity=Severity.BLOCKING,
    reference=N_("WT-OVERLAP.reference"),
    check=check,
    message=N_("WT-OVERLAP"),
)
