"""The texts of the exports catalogue, with figures by the one formatter."""

from decimal import Decimal

from exports.formats import line_description, t


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
    assert t("invoice", "de") == "Facture"
