"""WT-REST-11H — at least 11 consecutive hours of rest between two working days.

« Les travailleurs ont droit […] à une période minimale de repos de onze heures
consécutives » per 24 hours (loi du 16 mars 1971, art. 38ter §1): stopping at 20:00
means starting again at 07:00 at the earliest, whichever members the two shifts are at.
Blocking; sector agreements may derogate.
"""

import itertools

from allocation.schedule import MINUTES_PER_DAY
from allocation.translations import N_

from ..model import Finding, Minutes, Rule, Severity, Snapshot
from ._worked import in_period, pair_subjects

MINIMUM_REST = 11 * 60  # minutes


def check(snapshot: Snapshot) -> list[Finding]:
    occurrences = []
    for worker_id, shifts in snapshot.worked.by_worker().items():
        for earlier, later in itertools.pairwise(shifts):
            rest = later.start - earlier.end
            same_day = later.start // MINUTES_PER_DAY == earlier.start // MINUTES_PER_DAY
            if same_day or rest >= MINIMUM_REST:
                continue
            # A shift inside the period is short of rest before it or after it.
            if not (in_period(snapshot, later.day) or in_period(snapshot, earlier.day)):
                continue
            values = {
                "worker": snapshot.worker_name(worker_id),
                "rest": Minutes(rest),
                "member_a": snapshot.member(earlier.member_id).name,
                "member_b": snapshot.member(later.member_id).name,
                "date": later.day,
            }
            subjects = pair_subjects(worker_id, earlier, later)
            occurrences.append((subjects, later.day, values))
    return RULE.per_subject(snapshot, occurrences)


RULE = Rule(
    id="WT-REST-11H",
    severity=Severity.BLOCKING,
    reference=N_("WT-REST-11H.reference"),
    check=check,
    derogable=True,
    message=N_("WT-REST-11H"),
)
