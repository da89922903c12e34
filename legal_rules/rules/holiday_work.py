"""WT-HOLIDAY — work on a public holiday or its replacement day needs a derogation.

Work on the ten public holidays is prohibited except where Sunday work is allowed
(loi du 4 janvier 1974, art. 4 s.); a replacement day takes the holiday's place.
Planned slots on those days are paid absence, not work, so only extra hours recorded
on them are worked: a warning for each.
"""

from allocation.calendar import is_public_holiday

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
    reference={
        "fr": "Loi du 4 janvier 1974 relative aux jours fériés, art. 4 s.",
        "nl": "Wet van 4 januari 1974 betreffende de feestdagen, art. 4 e.v.",
        "en": "Public Holidays Act of 4 January 1974, art. 4 ff.",
    },
    check=check,
    derogable=True,
    templates={
        "fr": "Le {date} est un jour férié légal (ou de remplacement) : le travail de {worker} "
        "est en principe interdit.",
        "nl": "{date} is een wettelijke feestdag (of vervangingsdag): arbeid door {worker} is in "
        "principe verboden.",
        "en": "{date} is a public holiday (or its replacement day): {worker}'s work is in "
        "principle forbidden.",
    },
)
