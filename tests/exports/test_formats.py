"""The texts of the exports catalogue, with figures by the one formatter."""

from decimal import Decimal

from exports.formats import line_description, named_with_form, t


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


def test_a_legal_form_is_printed_by_its_label_in_the_documents_language() -> None:
    assert named_with_form("Buurthuis Ribaucourt", "ASBL", "nl") == "Buurthuis Ribaucourt (vzw)"
    assert named_with_form("Maison Médicale", "ASBL", "fr") == "Maison Médicale (ASBL)"
    assert named_with_form("Neighbourhood House", "ASBL", "en") == (
        "Neighbourhood House, non-profit association (ASBL/VZW)"
    )
    assert named_with_form("Bakkerij Peeters", "SRL", "nl") == "Bakkerij Peeters (BV)"
    # "other" names no form: nothing is printed rather than the stored value.
    assert named_with_form("Collectif Sans Forme", "other", "nl") == "Collectif Sans Forme"


def test_a_name_ending_with_its_legal_form_in_any_language_is_printed_alone() -> None:
    for name in (
        "Buurthuis Ribaucourt vzw",
        "GE Bruxelles Solidaire ASBL",
        "Maison Médicale asbl",
        "Maison Médicale A.S.B.L.",
        "Buurthuis V.Z.W.",
        "Neighbourhood House (ASBL/VZW)",
    ):
        for language in ("fr", "nl", "en"):
            assert named_with_form(name, "ASBL", language) == name, (name, language)
    # A word merely ending with the letters is not the form.
    assert named_with_form("Casa", "SA", "fr") == "Casa (SA)"
    assert named_with_form("Bakkerij NV", "SA", "fr") == "Bakkerij NV"
