"""BILL-MARGIN-44 — under the cost-sharing exemption, fees recover real costs, no more.

A « groupement autonome » exempt under Code TVA art. 44, §2bis may charge each member
« le remboursement exact de sa quote-part dans les dépenses engagées en commun », with
no margin (circular 31/2016; research/legal.md §4.2, condition 3; DOMAIN §5: « the fee
may only recover real costs »).

What the fees are compared with. The staff lines already recover the workers' cost to
the cent (BILL-SPLIT-100 refuses a month whose shares do not add up to it), so the
management fee and the overhead lines can only recover the GE's *own* costs: those
DOMAIN §5 names overhead (coordinator, social secretariat, insurance), recorded per
month in ``overheads``. Mutua therefore compares, for the month billed:

    fee lines + overhead lines billed (issued invoices less credit notes)
        <= the GE's overhead recorded for the month

over the whole GE rather than member by member: the fee is one setting of the GE, a
rate per hour or a percentage of staff cost, so it weighs members otherwise than the
overhead's split by hours does, and whatever it collects beyond the costs is margin
that reaches every member, the exempt ones included (a mixed GE has no separate fee for
its taxable members). Overhead lines split exactly the recorded overhead, so in practice
the warning says that a management fee is charged on top of costs that are already
recovered, or with no cost recorded to justify it: record the real costs as overhead, or
drop the fee.

A warning, not a refusal: whether an amount is a real cost is the GE's to show to the
VAT administration; the finding states the figures. Applies only when the GE's VAT mode
is the cost-sharing one.
"""

from allocation.translations import N_

from ..model import Euros, Finding, Rule, Severity
from .model import COST_SHARING, InvoiceBatch, month_end


def check(batch: InvoiceBatch) -> list[Finding]:
    if batch.vat_mode != COST_SHARING:
        return []
    findings = []
    for month in batch.months:
        billed = month.fees + month.overhead
        if billed > month.costs:
            findings.append(
                RULE.finding(
                    month.month,
                    month_end(month.month),
                    (),
                    period=f"{month.month:%m/%Y}",
                    fees=Euros(month.fees),
                    overhead=Euros(month.overhead),
                    costs=Euros(month.costs),
                    excess=Euros(billed - month.costs),
                )
            )
    return findings


RULE = Rule(
    id="BILL-MARGIN-44",
    severity=Severity.WARNING,
    reference=N_("BILL-MARGIN-44.reference"),
    message=N_("BILL-MARGIN-44"),
)
