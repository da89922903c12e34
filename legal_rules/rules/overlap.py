"""WT-OVERLAP — a worker is never at two members (or two places) at once.

The GE is the worker's only employer: two shifts of the same worker that overlap in
time cannot both be worked. A consistency rule, blocking.
"""

import itertools

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
    reference={
        "fr": "Loi du 12 août 2000, art. 186 (le groupement, seul employeur) ; loi du 16 mars 1971",
        "nl": "Wet van 12 augustus 2000, art. 186 (de groepering, enige werkgever) ; "
        "arbeidswet van 16 maart 1971",
        "en": "Law of 12 August 2000, art. 186 (the groupement, sole employer); "
        "Labour Act of 16 March 1971",
    },
    check=check,
    templates={
        "fr": "Chevauchement : {worker} est déjà planifié chez {member} de {start} à {end} le "
        "{date}.",
        "nl": "Overlapping: {worker} is op {date} al ingepland bij {member} van {start} tot {end}.",
        "en": "Overlap: {worker} is already scheduled at {member} from {start} to {end} on {date}.",
    },
)
