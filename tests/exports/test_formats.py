"""The one formatter of the documents: Babel in fr_BE, nl_BE and en, and the texts of the
exports catalogue."""

from datetime import date
from decimal import Decimal

from exports.formats import day, hours, line_description, money, percent, t


def test_figures_are_written_as_babel_writes_them_in_each_locale() -> None:
    amount = Decimal("1234.56")
    assert money(amount, "fr") == "1\u202f234,56\xa0€"
    assert money(amount, "nl") == "€\xa01.234,56"
    assert money(amount, "en") == "€1,234.56"
    assert [hours(Decimal("53.2"), language) for language in ("fr", "nl", "en")] == [
        "53,20",
        "53,20",
        "53.20",
    ]
    assert [percent(Decimal("21.00"), language) for language in ("fr", "nl", "en")] == [
        "21\xa0%",
        "21%",
        "21%",
    ]
    may = date(2026, 5, 31)
    assert [day(may, language) for language in ("fr", "nl", "en")] == [
        "31 mai 2026",
        "31 mei 2026",
        "May 31, 2026",
    ]


def test_a_line_is_described_in_the_members_language() -> None:
    worked, absent = Decimal("53.20"), Decimal("9.12")
    assert line_description("staff", "Sophie Lambert", worked, absent, "fr") == (
        "Mise à disposition de Sophie Lambert : 53,20 h prestées, 9,12 h d'absence rémunérée"
    )
    assert line_description("staff", "Sophie Lambert", worked, absent, "nl") == (
        "Terbeschikkingstelling van Sophie Lambert: 53,20 u gewerkt, 9,12 u betaalde afwezigheid"
    )
    assert line_description("staff", "Sophie Lambert", worked, absent, "en") == (
        "Provision of Sophie Lambert: 53.20 h worked, 9.12 h paid absence"
    )
    assert line_description("fee", None, Decimal(0), Decimal(0), "nl") == "Beheerskosten"


def test_an_unknown_language_reads_french() -> None:
    assert t("invoice", "de") == "Facture" and money(Decimal("1"), "de") == "1,00\xa0€"
