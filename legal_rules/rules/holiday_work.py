"""WT-HOLIDAY — work on a public holiday or its replacement day needs a derogation.

Work on the ten public holidays is prohibited except where Sunday work is allowed
(loi du 4 janvier 1974, art. 4 s.); a replacement day takes the holiday's place.
Planned slots starting on those days are paid absence, not work, so what is worked on
them is the extra hours recorded on them and the part after midnight of a night shift
started the day before (Sunday 22:00 into a Monday holiday: the shift belongs to
Sunday, DOMAIN.md §5, but 6 of its hours fall on the holiday): a warning for each.
"""

from datetime import date

from allocation.calendar import is_public_holiday
from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ._worked import in_period


def check(snapshot: Snapshot) -> list[Finding]:
    def day_off(day: date) -> bool:
        return is_public_holiday(day) or day in snapshot.replacement_days

    recorded = [
        (
            (("worker", e.worker_id), ("day_entry", e.id)),
            e.day,
            {"worker": snapshot.worker_name(e.worker_id), "date": e.day},
        )
        for e in snapshot.day_entries
        if e.kind == "extra_hours" and in_period(snapshot, e.day) and day_off(e.day)
    ]
    planned = []
    for s in snapshot.worked.shifts:
        for ordinal in s.days[1:]:
            day = date.fromordinal(ordinal)
            if in_period(snapshot, day) and day_off(day):
                planned.append(
                    (
                        (("worker", s.worker_id), ("assignment", s.assignment_id)),
                        day,
                        {"worker": snapshot.worker_name(s.worker_id), "date": day},
                    )
                )
    return RULE.per_subject(snapshot, recorded + planned)


RULE = Rule(
    id="WT-HOLIDAY",
    severity=Severity.WARNING,
    reference=N_("WT-HOLIDAY.reference"),
    check=check,
    derogable=True,
    message=N_("WT-HOLIDAY"),
)
