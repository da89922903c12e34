"""Every issued document reopened by a real consumer: the official Peppol validator for
the UBL, pypdf for the PDF."""

import io
import os
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pypdf
import pytest
from sqlalchemy.orm import Session
from stdnum.be import ogm_vcs

from allocation.formats import money
from app.models import Invoice
from tests.conftest import World
from tests.helpers import arranging


def _validation_folder() -> Path:
    """The official validator: MUTUA_PEPPOL_VALIDATION, else ../shared/validation next to
    the repository, else the workplace's shared folder (a clone may live elsewhere)."""
    candidates = [
        os.environ.get("MUTUA_PEPPOL_VALIDATION"),
        Path(__file__).resolve().parents[3] / "shared" / "validation",
        "/work/shared/validation",
    ]
    for candidate in candidates:
        if candidate and (Path(candidate) / "validate_peppol.py").exists():
            return Path(candidate)
    raise AssertionError(f"the Peppol validator is missing (looked in {candidates})")


VALIDATION = _validation_folder()


@pytest.fixture(scope="session")
def validator() -> Any:
    sys.path.insert(0, str(VALIDATION))
    try:
        from validate_peppol import PeppolValidator
    finally:
        sys.path.remove(str(VALIDATION))
    return PeppolValidator()


def _issue(admin: Any, period: str, day: str) -> dict[str, Any]:
    run = admin.post("/api/v1/billing-runs/", json={"period": period}).get_json()
    issued = admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": day})
    assert issued.status_code == 200, issued.get_json()
    return issued.get_json()  # type: ignore[no-any-return]


@pytest.fixture
def documents(admin: Any) -> Iterator[list[dict[str, Any]]]:
    """The demo's May (exempt and 21 % members), January (Marie starts on the 5th: a
    partial month) and a credit note, all issued."""
    january = _issue(admin, "2026-01", "2026-02-04")["invoices"]
    may = _issue(admin, "2026-05", "2026-06-03")["invoices"]
    note = admin.post(
        f"/api/v1/invoices/{may[1]['id']}/credit-notes", json={"reason": "Heures corrigées"}
    ).get_json()
    yield may + january + [note]


def _save(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_every_ubl_passes_the_official_peppol_validator(
    admin: Any, documents: list[dict[str, Any]], validator: Any, tmp_path: Path
) -> None:
    for document in documents:
        response = admin.get(f"/api/v1/invoices/{document['id']}/ubl")
        assert response.status_code == 200
        assert response.headers["Content-Disposition"].endswith(f'{document["reference"]}.xml"')
        report = validator.validate(
            str(_save(tmp_path, f"{document['reference']}.xml", response.data))
        )
        fatal = [(f.id, f.text) for f in report.findings if f.blocking]
        assert report.valid and not fatal, (document["reference"], fatal)


def test_the_ubl_carries_the_structured_communication_and_the_exemption(
    admin: Any, documents: list[dict[str, Any]]
) -> None:
    exempt = next(d for d in documents if d["mentions"] and d["kind"] == "invoice")
    xml = admin.get(f"/api/v1/invoices/{exempt['id']}/ubl").get_data(as_text=True)
    assert f"<cbc:PaymentID>{exempt['payment_reference']}</cbc:PaymentID>" in xml
    assert "<cbc:ID>E</cbc:ID>" in xml and "article 44, §2bis" in xml
    note = documents[-1]
    credit_xml = admin.get(f"/api/v1/invoices/{note['id']}/ubl").get_data(as_text=True)
    assert "<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>" in credit_xml
    assert "InvoiceDocumentReference" in credit_xml


def _text(admin: Any, document: dict[str, Any]) -> str:
    response = admin.get(f"/api/v1/invoices/{document['id']}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_pdf_holds_every_mandatory_mention(admin: Any, documents: list[dict[str, Any]]) -> None:
    ge = admin.get("/api/v1/groupement").get_json()
    for document in documents:
        member = admin.get(f"/api/v1/members/{document['member_id']}").get_json()
        text = " ".join(_text(admin, document).split())
        for mention in (
            ge["name"],
            ge["enterprise_number"],
            ge["vat_number"],
            "Bruxelles",
            member["name"],
            member["enterprise_number"],
            document["reference"],
        ):
            assert mention in text, (document["reference"], mention)
        # The total as Babel writes euros in the member's locale ("6 826,30 €" in fr_BE).
        total = money(Decimal(document["total"]), member["language"])
        assert " ".join(total.split()) in text
        if member["vat_number"]:
            assert member["vat_number"] in text
        for mention in document["mentions"]:
            assert " ".join(mention.split()) in text
        if document["kind"] == "invoice":
            assert document["payment_reference"] in text
            assert ogm_vcs.is_valid(document["payment_reference"].strip("+"))


def test_the_pdf_speaks_the_members_language(admin: Any, documents: list[dict[str, Any]]) -> None:
    dutch = next(
        d
        for d in documents
        if admin.get(f"/api/v1/members/{d['member_id']}").get_json()["language"] == "nl"
    )
    text = _text(admin, dutch)
    assert "Factuur" in text and "Gestructureerde mededeling" in text and "€" in text


def _legal_form(xml: str) -> str:
    return xml.split("<cbc:CompanyLegalForm>")[1].split("</cbc:CompanyLegalForm>")[0]


def test_the_legal_forms_are_printed_in_the_members_language_and_never_twice(
    admin: Any, validator: Any, tmp_path: Path
) -> None:
    """The demo's Dutch member, "Buurthuis Ribaucourt vzw", and the GE, "GE Bruxelles
    Solidaire ASBL", already end with their form: the Dutch invoice prints each name alone,
    never the stored value "(ASBL)". Renamed without it, the member's form is printed in
    Dutch, "(vzw)", and in English once it reads English. The UBL's BT-33 gives the seller's
    form in the document's language, and the validator still accepts it."""
    members = admin.get("/api/v1/members/?page_size=100").get_json()
    member = next(m for m in members if m["language"] == "nl")
    assert member["name"].endswith(" vzw") and member["legal_form"] == "ASBL"
    ge = admin.get("/api/v1/groupement").get_json()
    assert ge["name"].endswith(" ASBL")
    january = _issue(admin, "2026-01", "2026-02-04")["invoices"]
    issued = _issue(admin, "2026-05", "2026-06-03")["invoices"]
    invoice = next(i for i in issued if i["member_id"] == member["id"])
    text = " ".join(_text(admin, invoice).split())
    assert member["name"] in text and ge["name"] in text
    assert "(ASBL)" not in text and "(vzw)" not in text and "(VZW)" not in text
    response = admin.get(f"/api/v1/invoices/{invoice['id']}/ubl")
    assert _legal_form(response.get_data(as_text=True)).startswith("vzw")
    report = validator.validate(str(_save(tmp_path, "nl.xml", response.data)))
    assert report.valid and not [f.id for f in report.findings if f.blocking]

    # Each credit note is a document of its own, printed with the parties of its day.
    credited = {"nl": invoice, "en": next(i for i in january if i["member_id"] == member["id"])}
    for language, printed in (
        ("nl", "Buurthuis Ribaucourt (vzw)"),
        ("en", "Buurthuis Ribaucourt, non-profit association (ASBL/VZW)"),
    ):
        changed = admin.patch(
            f"/api/v1/members/{member['id']}",
            json={"name": "Buurthuis Ribaucourt", "language": language},
        )
        assert changed.status_code == 200, changed.get_json()
        note = admin.post(
            f"/api/v1/invoices/{credited[language]['id']}/credit-notes", json={"reason": "Uren"}
        ).get_json()
        assert "reference" in note, note
        text = " ".join(_text(admin, note).split())
        assert printed in text and "(ASBL)" not in text
        xml = admin.get(f"/api/v1/invoices/{note['id']}/ubl").get_data(as_text=True)
        assert _legal_form(xml).startswith({"nl": "vzw", "en": "non-profit association"}[language])


def test_a_draft_has_no_document_and_others_documents_are_not_found(
    as_user: Any, world: Any
) -> None:
    admin = as_user("admin_a")
    draft = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    assert admin.get(f"/api/v1/invoices/{draft['invoices'][0]['id']}/pdf").status_code == 404
    issued = admin.post(f"/api/v1/billing-runs/{draft['id']}/issue", json={}).get_json()
    member = as_user("member_a1")
    for invoice in issued["invoices"]:
        for kind in ("pdf", "ubl"):
            status = member.get(f"/api/v1/invoices/{invoice['id']}/{kind}").status_code
            assert status == (200 if invoice["member_id"] == world.member_ids_a[1] else 404)
            assert (
                as_user("admin_b").get(f"/api/v1/invoices/{invoice['id']}/{kind}").status_code
                == 404
            )


def _by_hand(amount: Decimal, language: str) -> str:
    """Euros written out without Babel: "€ 1.017,81" (nl_BE), "€1,017.81" (en)."""
    grouped = f"{amount:,.2f}"
    if language == "en":
        return f"€{grouped}"
    return "€ " + grouped.replace(",", " ").replace(".", ",").replace(" ", ".")


WORDS = {
    "nl": ("Terbeschikkingstelling van", "u gewerkt", "u betaalde afwezigheid"),
    "en": ("Provision of", "h worked", "h paid absence"),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_members_invoice_speaks_its_language_in_its_lines_and_figures(
    admin: Any, language: str
) -> None:
    """The demo's Dutch member (made English for the second case): its May invoice's lines
    are described, and its amounts and hours written, in its language, in the PDF and the
    UBL alike; nothing on it is the French line any more."""
    members = admin.get("/api/v1/members/?page_size=100").get_json()
    member = next(m for m in members if m["language"] == "nl")
    if language != "nl":
        changed = admin.patch(f"/api/v1/members/{member['id']}", json={"language": language})
        assert changed.status_code == 200, changed.get_json()
    issued = _issue(admin, "2026-05", "2026-06-03")["invoices"]
    invoice = next(i for i in issued if i["member_id"] == member["id"])
    text = " ".join(_text(admin, invoice).split())
    xml = admin.get(f"/api/v1/invoices/{invoice['id']}/ubl").get_data(as_text=True)
    staff = [line for line in invoice["lines"] if line["kind"] == "staff"]
    assert staff
    for words in WORDS[language]:
        assert words in text and words in xml, words
    for line in staff:
        assert line["description"].startswith(WORDS[language][0])
        assert line["description"] in xml
        worked = Decimal(line["worked_hours"])
        hours = f"{worked:.2f}".replace(".", "," if language == "nl" else ".")
        assert f"{hours} {WORDS[language][1]}" in text
    for line in invoice["lines"]:
        assert _by_hand(Decimal(line["amount"]), language) in text
    assert _by_hand(Decimal(invoice["total"]), language) in text
    assert "Mise à disposition" not in text and "prestées" not in text
    assert "Mise à disposition" not in xml
    terms = {"nl": "Te betalen binnen 30 dagen", "en": "Payable within 30 days"}[language]
    assert f"<cbc:Note>{terms}</cbc:Note>" in xml
    detail = openpyxl.load_workbook(
        io.BytesIO(admin.get(f"/api/v1/invoices/{invoice['id']}/xlsx").data)
    ).active
    header = [cell.value for cell in detail[1]]
    assert header[0] == {"nl": "Werknemer", "en": "Worker"}[language]
    assert detail["B2"].value == staff[0]["description"]
    note = admin.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes", json={"reason": "Uren"}
    ).get_json()
    correction = {"nl": "Correctie van", "en": "Correction of"}[language]
    note_text = " ".join(_text(admin, note).split())
    assert f"{correction} {invoice['reference']}: {WORDS[language][0]}" in note_text
    assert _by_hand(Decimal(note["total"]), language) in note_text


def test_the_lines_take_the_language_the_member_has_on_the_day_of_issue(admin: Any) -> None:
    """Drafted while the member read French, issued once it reads Dutch: the document's
    labels and its lines agree, in Dutch."""
    members = admin.get("/api/v1/members/?page_size=100").get_json()
    member = next(m for m in members if m["language"] == "fr")
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    drafted = next(i for i in run["invoices"] if i["member_id"] == member["id"])
    assert drafted["lines"][0]["description"].startswith("Mise à disposition de")
    admin.patch(f"/api/v1/members/{member['id']}", json={"language": "nl"})
    issued = admin.post(
        f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2026-06-03"}
    )
    assert issued.status_code == 200, issued.get_json()
    invoice = next(i for i in issued.get_json()["invoices"] if i["member_id"] == member["id"])
    assert invoice["lines"][0]["description"].startswith("Terbeschikkingstelling van")
    assert "Factuur" in _text(admin, invoice)


# The legal mentions as each language prints them (AR n° 1 art. 5; art. 12 for the VAT
# repayment): the French ones are what every document printed before they were translated.
EXEMPTION = {
    "fr": "Exemption de TVA – article 44, §2bis, du Code de la TVA",
    "nl": "Vrijstelling van btw – artikel 44, § 2bis, van het Wetboek van de belasting over "
    "de toegevoegde waarde",
    "en": "VAT exempt – article 44, §2bis, of the Belgian VAT Code",
}
REPAYMENT = {
    "fr": "TVA à reverser à l'État dans la mesure où elle a été initialement déduite.",
    "nl": "Btw terug te storten aan de Staat in de mate dat ze oorspronkelijk in aftrek werd "
    "gebracht.",
    "en": "VAT to be repaid to the State insofar as it was initially deducted.",
}


def _member(admin: Any, language: str, vat_treatment: str) -> dict[str, Any]:
    """The demo member of that VAT treatment, made to read ``language`` if it does not."""
    members = admin.get("/api/v1/members/?page_size=100").get_json()
    member = next(m for m in members if m["vat_treatment"] == vat_treatment)
    if member["language"] != language:
        changed = admin.patch(f"/api/v1/members/{member['id']}", json={"language": language})
        assert changed.status_code == 200, changed.get_json()
    return member  # type: ignore[no-any-return]


@pytest.mark.parametrize("language", ["fr", "nl", "en"])
def test_an_exempt_invoice_states_its_legal_basis_in_the_members_language(
    admin: Any, validator: Any, tmp_path: Path, language: str
) -> None:
    """The exemption's basis is printed in the member's language on the PDF and is the
    UBL's exemption reason (BT-120), next to the unchanged VATEX code; the Peppol
    validator still accepts the document. No other language's wording is left on it."""
    member = _member(admin, language, "exempt_44_2bis")
    issued = _issue(admin, "2026-05", "2026-06-03")["invoices"]
    invoice = next(i for i in issued if i["member_id"] == member["id"])
    assert invoice["mentions"] == [EXEMPTION[language]]
    text = " ".join(_text(admin, invoice).split())
    response = admin.get(f"/api/v1/invoices/{invoice['id']}/ubl")
    xml = response.get_data(as_text=True)
    assert EXEMPTION[language] in text
    assert "<cbc:TaxExemptionReasonCode>VATEX-EU-132</cbc:TaxExemptionReasonCode>" in xml
    assert f"<cbc:TaxExemptionReason>{EXEMPTION[language]}</cbc:TaxExemptionReason>" in xml
    for other in set(EXEMPTION) - {language}:
        assert EXEMPTION[other] not in text and EXEMPTION[other] not in xml
    report = validator.validate(str(_save(tmp_path, "exempt.xml", response.data)))
    assert report.valid and not [f.id for f in report.findings if f.blocking]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_a_credit_note_taking_back_vat_says_so_in_the_members_language(
    admin: Any, validator: Any, tmp_path: Path, language: str
) -> None:
    member = _member(admin, language, "standard")
    issued = _issue(admin, "2026-05", "2026-06-03")["invoices"]
    invoice = next(i for i in issued if i["member_id"] == member["id"])
    note = admin.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes", json={"reason": "Uren"}
    ).get_json()
    assert note["mentions"] == [REPAYMENT[language]], note
    text = " ".join(_text(admin, note).split())
    assert REPAYMENT[language] in text and REPAYMENT["fr"] not in text
    response = admin.get(f"/api/v1/invoices/{note['id']}/ubl")
    assert REPAYMENT[language] in response.get_data(as_text=True)
    report = validator.validate(str(_save(tmp_path, "note.xml", response.data)))
    assert report.valid and not [f.id for f in report.findings if f.blocking]


def test_documents_issued_before_the_mentions_were_translated_keep_their_french(
    admin: Any, session: Session, world: World
) -> None:
    """What a document printed is what it prints: a Dutch member's exempt invoice and a
    credit note issued with the French mentions (the exemption stored in French, no
    repayment mention frozen with the parties) print them in French still."""
    exempt = _member(admin, "nl", "exempt_44_2bis")
    taxed = _member(admin, "nl", "standard")
    issued = _issue(admin, "2026-05", "2026-06-03")["invoices"]
    old_invoice = next(i for i in issued if i["member_id"] == exempt["id"])
    taxed_invoice = next(i for i in issued if i["member_id"] == taxed["id"])
    note = admin.post(
        f"/api/v1/invoices/{taxed_invoice['id']}/credit-notes", json={"reason": "Uren"}
    ).get_json()
    with arranging(session, world.ge_a):
        stored = session.get_one(Invoice, old_invoice["id"])
        stored.exemption_mention = EXEMPTION["fr"]
        old_note = session.get_one(Invoice, note["id"])
        old_note.parties = {
            k: v for k, v in (old_note.parties or {}).items() if k != "vat_repayment_mention"
        }
    session.commit()
    for document, mention in ((old_invoice, EXEMPTION["fr"]), (note, REPAYMENT["fr"])):
        assert admin.get(f"/api/v1/invoices/{document['id']}").get_json()["mentions"] == [mention]
        assert mention in " ".join(_text(admin, document).split())
