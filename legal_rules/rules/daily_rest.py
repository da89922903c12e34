"""WT-REST-11H — at least 11 consecutive hours of rest between two working days.

« Les travailleurs ont droit […] à une période minimale de repos de onze heures
consécutives » per 24 hours (loi du 16 mars 1971, art. 38ter §1): stopping at 20:00
means starting again at 07:00 at the earliest, whichever members the two shifts are at.
Rest is counted from the end of a shift, the next day's end for a night shift: after
Monday 22:00-Tuesday 06:00, the next shift starts Tuesday 17:00 at the earliest.
Blocking; sector agreements may derogate.
"""

from allocation.schedule import MINUTES_PER_DAY
from allocation.translations import N_

from ..model import Finding, Minutes, Rule, Severity, Snapshot
from ._worked import in_period, pair_subjects

MINIMUM_REST = 11 * 60  # minutes


def check(snapshot: Snapshot) -> list[Finding]:
    occurrences = []
    for worker_id, shifts in snapshot.worked.by_worker().items():
        # A working day: the shifts that start the day its first one starts, and those that
        # touch or overlap them (a night shift continued at another member at 06:00, the
        # two halves of a night typed as 22:00-00:00 and 00:00-06:00). Pauses inside it
        # are breaks; the rest is what separates two working days.
        first_day = shifts[0].start // MINUTES_PER_DAY
        earlier = shifts[0]  # of the working day's shifts, the one that ends last
        for later in shifts[1:]:
            rest = later.start - earlier.end
            if rest > 0 and later.start // MINUTES_PER_DAY != first_day:
                # A shift inside the period is short of rest before it or after it.
                if rest < MINIMUM_REST and (
                    in_period(snapshot, later.day) or in_period(snapshot, earlier.day)
                ):
                    values = {
                        "worker": snapshot.worker_name(worker_id),
                        "rest": Minutes(rest),
                        "member_a": snapshot.member(earlier.member_id).name,
                        "member_b": snapshot.member(later.member_id).name,
                        "date": later.day,
                    }
                    occurrences.append(
                        (pair_subjects(worker_id, earlier, later), later.day, values)
                    )
                first_day, earlier = later.start // MINUTES_PER_DAY, later
            elif later.end > earlier.end:
                earlier = later
    return RULE.per_subject(snapshot, occurrences)


RULE = Rule(
    id="WT-REST-11H",
    severity=Severity.BLOCKING,
    reference=N_("WT-REST-11H.reference"),
    check=check,
    derogable=True,
    message=N_("WT-REST-11H"),
)
