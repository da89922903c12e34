"""BILL-NONMEMBER — the GE bills its members only, for the months they are members.

A GE puts its workers « à la disposition de ses membres » only (loi du 12 août 2000,
art. 186; placing staff with anyone else breaks the ban of the law of 24 July 1987,
art. 31). So an invoice of staff, fee or overhead goes to a member of the GE whose
membership (joined on, left on: both days included) meets the month billed: a member
who joined on the month's last day, or left on its first, may be billed for it; one who
joined after it or left before it may not. Blocking, per invoice. Credit notes are left
out: they correct a month already billed, and a member that has left is still owed them.
"""

from allocation.translations import N_

from ..model import Finding, Rule, Severity, phrase
from ._words import document_values, subjects
from .model import InvoiceBatch, month_end


def check(batch: InvoiceBatch) -> list[Finding]:
    findings = []
    for document in batch.documents:
        if document.is_credit_note:
            continue
        first, last = document.month, month_end(document.month)
        member = document.member
        if member is None:
            why = phrase(N_("BILL-NONMEMBER.unknown"))
        elif member.joined_on > last:
            why = phrase(N_("BILL-NONMEMBER.joined"), date=member.joined_on)
        elif member.left_on is not None and member.left_on < first:
            why = phrase(N_("BILL-NONMEMBER.left"), date=member.left_on)
        else:
            continue
        findings.append(
            RULE.finding(
                first,
                last,
                subjects(document),
                period=f"{first:%m/%Y}",
                why=why,
                **document_values(document),
            )
        )
    return findings


RULE = Rule(
    id="BILL-NONMEMBER",
    severity=Severity.BLOCKING,
    reference=N_("BILL-NONMEMBER.reference"),
    message=N_("BILL-NONMEMBER"),
)
