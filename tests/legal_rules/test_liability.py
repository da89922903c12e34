"""LIAB-MEMBER-ARREARS: one warning per member with overdue invoices, worded in each
language from its values (the pure rule, no database)."""

from datetime import date
from decimal import Decimal

from allocation.translations import LANGUAGES
from legal_rules import liability
from legal_rules.liability import MemberArrears
from legal_rules.model import Euros, Severity, text

AS_OF = date(2026, 8, 1)


def arrears(member_id: int = 3, amount: str = "1234.56", oldest: date = date(2026, 7, 3),
            invoices: int = 2) -> MemberArrears:  # fmt: skip
    return MemberArrears(member_id, f"ASBL {member_id}", Decimal(amount), oldest, invoices)


def test_a_member_with_overdue_invoices_gets_one_warning_with_its_figures() -> None:
    (finding,) = liability.member_arrears(AS_OF, [arrears()])
    assert (finding.rule_id, finding.severity) == ("LIAB-MEMBER-ARREARS", Severity.WARNING)
    assert finding.reference_id == "reference.liability"
    assert finding.subjects == (("member", 3),)
    assert (finding.first_date, finding.last_date) == (date(2026, 7, 3), AS_OF)
    values = dict(finding.values)
    assert values["amount"] == Euros(Decimal("1234.56"))
    assert (values["count"], values["date"], values["member"]) == (2, date(2026, 7, 3), "ASBL 3")


def test_its_message_reads_in_french_dutch_and_english() -> None:
    (finding,) = liability.member_arrears(AS_OF, [arrears()])
    assert finding.message("fr") == (
        "ASBL 3 doit 1\u202f234,56\xa0€ sur 2 factures échues, la plus ancienne depuis le"
        " 3 juillet 2026 : une dette impayée d'un membre pèse sur tous les membres"
        " solidairement responsables."
    )
    assert finding.message("nl").startswith(
        "ASBL 3 is €\xa01.234,56 verschuldigd op 2 vervallen facturen, de oudste sinds"
        " 3 juli 2026: "
    )
    assert finding.message("en").startswith(
        "ASBL 3 owes €1,234.56 on 2 overdue invoices, the oldest since 3 July 2026: "
    )
    assert finding.legal_basis("nl").startswith("Wet van 12 augustus 2000")


def test_one_invoice_is_said_in_the_singular() -> None:
    (finding,) = liability.member_arrears(AS_OF, [arrears(invoices=1)])
    assert "sur 1 facture échue depuis le 3 juillet 2026 :" in finding.message("fr")
    assert "op 1 factuur, vervallen sinds 3 juli 2026:" in finding.message("nl")
    assert "on 1 invoice overdue since 3 July 2026:" in finding.message("en")


def test_the_same_arrears_read_in_another_language_are_one_finding() -> None:
    (finding,) = liability.member_arrears(AS_OF, [arrears()])
    renamed = liability.member_arrears(AS_OF, [MemberArrears(3, "Autre nom", Decimal("1234.56"),
                                                             date(2026, 7, 3), 2)])  # fmt: skip
    assert renamed[0].key == finding.key  # a new name is not a new breach…
    (worse,) = liability.member_arrears(AS_OF, [arrears(amount="2000.00")])
    assert worse.key != finding.key  # …a larger amount is


def test_one_finding_per_member_in_the_order_given() -> None:
    found = liability.member_arrears(AS_OF, [arrears(5), arrears(2, "10.00", invoices=1)])
    assert [f.subjects for f in found] == [(("member", 5),), (("member", 2),)]


def test_nothing_open_or_nothing_past_its_due_date_is_no_warning() -> None:
    assert liability.member_arrears(AS_OF, []) == []
    assert liability.member_arrears(AS_OF, [arrears(amount="0.00")]) == []
    assert liability.member_arrears(AS_OF, [arrears(invoices=0)]) == []
    # Due today is due, not late: paying on the due date is paying on time.
    assert liability.member_arrears(AS_OF, [arrears(oldest=AS_OF)]) == []
    assert len(liability.member_arrears(AS_OF, [arrears(oldest=date(2026, 7, 31))])) == 1


def test_every_liability_rule_speaks_three_languages() -> None:
    assert "LIAB-MEMBER-ARREARS" in {rule.id for rule in liability.LIABILITY_RULES}
    assert liability.__doc__ and "LIAB-MEMBER-ARREARS" in liability.__doc__
    for rule in liability.LIABILITY_RULES:
        for message_id in (rule.reference, rule.message):
            assert all(text(message_id, lang) not in ("", message_id) for lang in LANGUAGES)
