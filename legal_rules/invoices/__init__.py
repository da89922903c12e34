"""The checks an invoice or credit note passes before it is issued (DOMAIN §6, §9).

Pure like the rest of ``legal_rules``: an ``InvoiceBatch`` (the documents of one issue,
numbered, as the app read them in the issuing transaction) in, findings out. One module
per rule, each with its basis in its docstring:

- INV-MENTIONS (``mentions``): the mandatory mentions of AR n° 1 art. 5 and CSA 2:20;
- INV-VAT-REGIME (``vat_regime``): each line's VAT category is the member's regime;
- INV-OGM (``ogm``): a valid structured communication;
- INV-NUM-SEQ (``numbering``): the series stays continuous, unique and chronological;
- INV-CN-REF (``credit_note_reference``): a credit note corrects an issued invoice of
  the same member;
- BILL-NONMEMBER (``nonmember``): only members, in the months they are members;
- BILL-MARGIN-44 (``margin_44``): under art. 44 §2bis, fees recover real costs (warning).

The first six are blocking: the app refuses the issue and writes nothing.
"""

from ..model import Finding, Rule, Severity
from . import (
    credit_note_reference,
    margin_44,
    mentions,
    nonmember,
    numbering,
    ogm,
    vat_regime,
)
from .model import (
    COST_SHARING,
    CREDIT_NOTE,
    EXEMPT_44_2BIS,
    EXEMPTION_MENTION,
    INVOICE,
    VAT_REPAYMENT_MENTION,
    CreditedInvoice,
    DocumentFacts,
    InvoiceBatch,
    LineFacts,
    MonthFees,
    NumberedDocument,
    PartyFacts,
    SeriesFacts,
    worded,
)

CHECKS = (
    (mentions.RULE, mentions.check),
    (vat_regime.RULE, vat_regime.check),
    (ogm.RULE, ogm.check),
    (numbering.RULE, numbering.check),
    (credit_note_reference.RULE, credit_note_reference.check),
    (nonmember.RULE, nonmember.check),
    (margin_44.RULE, margin_44.check),
)
INVOICE_RULES: tuple[Rule, ...] = tuple(rule for rule, _check in CHECKS)


def ordered(findings: list[Finding]) -> list[Finding]:
    """Blocking first, then warnings, then information; by date, rule and subjects."""
    rank = {severity: index for index, severity in enumerate(Severity)}
    return sorted(findings, key=lambda f: (rank[f.severity], f.first_date, f.rule_id, f.subjects))


def check_invoices(batch: InvoiceBatch) -> list[Finding]:
    """Every finding of the batch, blocking first."""
    return ordered([finding for _rule, check in CHECKS for finding in check(batch)])


def check_numbering(series: tuple[SeriesFacts, ...]) -> list[Finding]:
    """INV-NUM-SEQ over whole series, as the compliance report shows them."""
    return ordered([f for s in series for f in numbering.series_findings(s)])


__all__ = [
    "COST_SHARING",
    "CREDIT_NOTE",
    "EXEMPTION_MENTION",
    "EXEMPT_44_2BIS",
    "INVOICE",
    "INVOICE_RULES",
    "VAT_REPAYMENT_MENTION",
    "CreditedInvoice",
    "DocumentFacts",
    "InvoiceBatch",
    "LineFacts",
    "MonthFees",
    "NumberedDocument",
    "PartyFacts",
    "SeriesFacts",
    "check_invoices",
    "check_numbering",
    "ordered",
    "worded",
]
