"""BILL-NONMEMBER — the GE bills its members only, for the months they are members.

A GE puts its workers « à la disposition de ses membres » only (loi du 12 août 2000,
art. 186; placing staff with anyone else breaks the ban of the law of 24 July 1987,
art. 31). So an invoice of staff, fee or overhead goes to a member of the GE whose
membership (joined on, left on: both days included) meets the month billed: a member
who joined on the month's last day, or left on its first, may be billed for it; one who
joined after it or left before it may not. Blocking, per invoice. Credit notes are left
out: they correct a month already billed, and a member that has left is still owed them.
"""

from datetime import date

from ..model import LANGUAGES, Finding, Rule, Severity, format_date
from ._words import document_values, subjects
from .model import InvoiceBatch, month_end


def _why(template: tuple[str, str, str], day: date) -> tuple[str, str, str]:
    fr, nl, en = (
        text.format(date=format_date(day, language))
        for text, language in zip(template, LANGUAGES, strict=True)
    )
    return fr, nl, en


def check(batch: InvoiceBatch) -> list[Finding]:
    findings = []
    for document in batch.documents:
        if document.is_credit_note:
            continue
        first, last = document.month, month_end(document.month)
        member = document.member
        if member is None:
            why = (
                "inconnu du groupement",
                "onbekend bij de groepering",
                "unknown to the groupement",
            )
        elif member.joined_on > last:
            why = _why(("membre depuis le {date}", "lid sinds {date}", "a member since {date}"),
                       member.joined_on)  # fmt: skip
        elif member.left_on is not None and member.left_on < first:
            why = _why(
                ("sorti le {date}", "vertrokken op {date}", "left on {date}"), member.left_on
            )
        else:
            continue
        findings.append(
            RULE.finding(
                first,
                last,
                subjects(document),
                period=f"{first:%m/%Y}",
                fr=why[0],
                nl=why[1],
                en=why[2],
                **document_values(document),
            )
        )
    return findings


RULE = Rule(
    id="BILL-NONMEMBER",
    severity=Severity.BLOCKING,
    reference={
        "fr": "Loi du 12 août 2000, art. 186 ; loi du 24 juillet 1987, art. 31",
        "nl": "Wet van 12 augustus 2000, art. 186 ; wet van 24 juli 1987, art. 31",
        "en": "Law of 12 August 2000, art. 186; Law of 24 July 1987, art. 31",
    },
    templates={
        "fr": "Facturation impossible : {member} n'est pas membre du groupement en {period} "
        "({fr}) ; {doc_fr} ne peut pas être émise.",
        "nl": "Facturatie onmogelijk: {member} is in {period} geen lid van de groepering ({nl}); "
        "{doc_nl} kan niet worden uitgereikt.",
        "en": "Cannot bill: {member} is not a member of the groupement in {period} ({en}); "
        "{doc_en} cannot be issued.",
    },
)
