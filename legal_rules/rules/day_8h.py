"""WT-DAY-8H — a working day normally lasts no more than 8 hours.

« La durée du travail ne peut excéder huit heures par jour » (loi du 16 mars 1971,
art. 19), summed over every member the worker serves that day. Between 8 and 9 hours
is a warning (allowed in some regimes); above 9 hours WT-DAY-MAX blocks.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, Snapshot
from ..references import LABOUR_ACT_ART_19
from ._worked import daily_findings

NORMAL_MINUTES = 8 * 60
MAXIMUM_MINUTES = 9 * 60


def check(snapshot: Snapshot) -> list[Finding]:
    return daily_findings(
        RULE, snapshot, lambda minutes: NORMAL_MINUTES < minutes <= MAXIMUM_MINUTES
    )


RULE = Rule(
    id="WT-DAY-8H",
    severity=Severity.WARNING,
    reference=LABOUR_ACT_ART_19,
    check=check,
    derogable=True,
    message=N_("WT-DAY-8H"),
)
