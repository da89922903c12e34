"""WT-HOLIDAY — work on a public holiday or its replacement day needs a derogation.

Work on the ten public holidays is prohibited except where Sunday work is allowed
(loi du 4 janvier 1974, art. 4 s.); a replacement day takes the holiday's place.
Planned slots on those days are paid absence, not work, so only extra hours recorded
on them are worked: a warning for each.
"""

from allocation.calendar import is_public_holiday
from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import in_period


def check(snapshot: Snapshot) -> list[Finding]:
    return RULE.per_subject(
        snapshot,
        [
            (
                (("worker", e.worker_id), ("day_entry", e.id)),
                e.day,
                {"worker": snapshot.worker_name(e.worker_id), "date": e.day},
            )
            for e in snapshot.day_entries
            if e.kind == "extra_hours"
            and in_period(snapshot, e.day)
            and (is_public_holiday(e.day) or e.day in snapshot.replacement_days)
        ],
    )


RULE = Rule(
    id="WT-HOLIDAY",
    severity=Severity.WARNING,
    reference=N_("WT-HOLIDAY.reference"),
    check=check,
    derogable=True,
    message=N_("WT-HOLIDAY"),
)
