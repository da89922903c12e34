"""WT-OVERLAP — a worker is never at two members (or two places) at once.

The GE is the worker's only employer: two shifts of the same worker that overlap in
time cannot both be worked. A consistency rule, blocking.
"""

import itertools

from ..model import Finding, Rule, Severity, Snapshot


def check(snapshot: Snapshot) -> list[Finding]:
    worked = snapshot.worked
    occurrences = []
    for worker_id, shifts in worked.by_worker().items():
        for earlier, later in itertools.pairwise(shifts):
            if later.start < earlier.end and snapshot.start <= later.day <= snapshot.end:
                subjects = (("worker", worker_id), ("assignment", earlier.assignment_id),
                            ("assignment", later.assignment_id))  # fmt: skip
                values = {
                    "worker": snapshot.worker_name(worker_id),
                    "member": snapshot.member(earlier.member_id).name,
                    "start": f"{earlier.starts:%H:%M}",
                    "end": f"{earlier.ends:%H:%M}",
                    "date": later.day,
                }
                occurrences.append((subjects, later.day, values))
    return RULE.per_subject(occurrences)


RULE = Rule(
    id="WT-OVERLAP",
    severity=Severity.BLOCKING,
    reference="Cohérence de l'horaire (un seul employeur : le groupement)",
    check=check,
    templates={
        "fr": "Chevauchement : {worker} est déjà planifié chez {member} de {start} à {end} le "
        "{date}.",
        "nl": "Overlapping: {worker} is op {date} al ingepland bij {member} van {start} tot {end}.",
        "en": "Overlap: {worker} is already scheduled at {member} from {start} to {end} on {date}.",
    },
)
