"""BILL-SPLIT-100 and BILL-CREDIT — what a month's billing must reconcile.

A worker's cost for a month is shared among the members to 100 %: a cost that no hour
can carry (a month without planned hours, a whole month of absence under the loaded
rate, overhead with nobody's hours to follow) would be lost from the invoices; the run
is refused until the schedule or the policy carries it. A complement that bills less
than was issued needs a credit note: the run says so.
"""

from allocation.translations import N_

from .model import Rule, Severity

BILL_SPLIT_100 = Rule(
    id="BILL-SPLIT-100",
    severity=Severity.BLOCKING,
    reference=N_("BILL-SPLIT-100.reference"),
    message=N_("BILL-SPLIT-100"),
)
BILL_CREDIT = Rule(
    id="BILL-CREDIT",
    severity=Severity.WARNING,
    reference=N_("BILL-CREDIT.reference"),
    message=N_("BILL-CREDIT"),
)
