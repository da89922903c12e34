"""A finding carries its message id and its values; each language renders it when read."""

from datetime import date
from decimal import Decimal

from legal_rules import liability
from legal_rules.liability import DebtFacts
from legal_rules.model import Euros, Phrase


def test_one_finding_reads_in_three_languages_with_its_values_in_each_format() -> None:
    debt = DebtFacts(7, "onss", date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 15),
                     Decimal("10805.56"))  # fmt: skip
    (finding,) = [f for f in liability.check(date(2026, 6, 1), [], [debt]) if f.subjects]
    key = finding.key

    assert finding.message_id == "LIAB-ARREARS" and finding.reference_id == "reference.liability"
    values = dict(finding.values)  # typed, not words: the date, the amount, the debt's kind
    assert values["due"] == date(2026, 4, 15)
    assert values["amount"] == Euros(Decimal("10805.56"))
    assert values["kind"] == Phrase("debt.onss")

    texts = {language: finding.message(language) for language in ("fr", "nl", "en")}
    assert texts["fr"].startswith(
        "Dette échue depuis le 15 avril 2026 (cotisations ONSS, 10\u202f805,56\xa0€ restant dus)"
    )
    assert texts["nl"].startswith(
        "Schuld vervallen sinds 15 april 2026 (RSZ-bijdragen, nog €\xa010.805,56"
    )
    assert texts["en"].startswith(
        "Debt overdue since 15 April 2026 (ONSS contributions, €10,805.56"
    )
    assert finding.messages.in_language("nl") == texts["nl"]  # the three views of one finding
    assert finding.legal_basis("en").startswith("Law of 12 August 2000")
    assert finding.key == key  # reading it changed nothing: one finding, whatever the language
    assert "fr" not in values and "nl" not in values and "en" not in values


def test_an_unknown_language_reads_french() -> None:
    debt = DebtFacts(1, "wages", date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 5),
                     Decimal("100"))  # fmt: skip
    (finding,) = [f for f in liability.check(date(2026, 3, 1), [], [debt]) if f.subjects]
    assert finding.message("de") == finding.message("fr")
    assert "(salaires, 100,00\xa0€ restant dus)" in finding.message("fr")
