"""The papers of getting paid through the API: the SEPA direct-debit file of an issued
month (validated here against the pain.008 XSD), the member's statement of account and
the bank journal of the month."""

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any

from lxml import etree
from openpyxl import load_workbook
from pypdf import PdfReader

from exports.sepa import schema_path
from tests.api.test_payments import DAY, GE_IBAN, STRANGER, digits, issued_may, upload
from tests.bankfiles import Movement, coda_file
from tests.conftest import World
from tests.helpers import assert_error_shape, database_state

CREDITOR_ID = "BE68ZZZ0123456789"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08"}


def _mandate(admin: Any, member_id: int, reference: str = "MUTUA-MQM-001") -> None:
    response = admin.post(
        "/api/v1/mandates/",
        json={
            "member_id": member_id,
            "reference": reference,
            "signed_on": "2026-05-15",
            "iban": "BE71 0961 2345 6769",
            "sequence": "FRST",
        },
    )
    assert response.status_code == 201, response.get_json()


def _collect(admin: Any, path: str, day: str = "2026-12-15") -> Any:
    return admin.post(path, json={"collection_date": day})


def test_the_direct_debit_file_collects_the_mandated_members_invoices_once(
    admin: Any, as_user: Any, world: World, session: Any
) -> None:
    invoices = issued_may(admin)
    run_id = admin.get("/api/v1/billing-runs/", query_string={"period": "2026-05"}).get_json()
    run_id = run_id[0]["id"]
    path = f"/api/v1/billing-runs/{run_id}/direct-debits"
    # No creditor identifier: said, nothing made.
    assert admin.patch("/api/v1/groupement", json={"sepa_creditor_id": None}).status_code == 200
    before = database_state(session)
    body = assert_error_shape(_collect(admin, path), 422)
    assert "créancier" in str(body["errors"])
    assert database_state(session) == before
    set_id = admin.patch("/api/v1/groupement", json={"sepa_creditor_id": CREDITOR_ID})
    assert set_id.status_code == 200
    # The demo's cycling workshop holds a mandate; the Marolles sign one now.
    (cyclo,) = admin.get("/api/v1/mandates/").get_json()
    mandated = next(i for i in invoices if i["member_id"] == world.member_ids_a[0])
    debited = next(i for i in invoices if i["member_id"] == cyclo["member_id"])
    _mandate(admin, mandated["member_id"])
    made = _collect(admin, path)
    assert made.status_code == 201, made.get_json()
    batch = made.get_json()
    assert sorted(batch["invoice_ids"]) == sorted([mandated["id"], debited["id"]])
    response = admin.get(f"/api/v1/direct-debit-batches/{batch['id']}.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    document = etree.fromstring(response.data)
    schema = etree.XMLSchema(etree.parse(str(schema_path())))
    assert schema.validate(document), schema.error_log
    transactions = {
        t.findtext("p:PmtId/p:EndToEndId", namespaces=NS): t
        for t in document.findall(".//p:DrctDbtTxInf", NS)
    }
    assert set(transactions) == {mandated["reference"], debited["reference"]}
    ours = transactions[mandated["reference"]]
    assert ours.findtext("p:InstdAmt", namespaces=NS) == mandated["total"]
    assert ours.findtext(".//p:MndtId", namespaces=NS) == "MUTUA-MQM-001"
    total = Decimal(mandated["total"]) + Decimal(debited["total"])
    assert Decimal(document.findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS)) == total
    assert batch["total"] == f"{total:.2f}"
    assert {s.text for s in document.findall(".//p:SeqTp", NS)} == {"FRST"}
    creditor = document.findtext(".//p:CdtrSchmeId/p:Id/p:PrvtId/p:Othr/p:Id", namespaces=NS)
    assert creditor == CREDITOR_ID
    # Collected once: nothing left to collect; the mandates are now recurrent.
    assert_error_shape(_collect(admin, path), 422)
    assert {m["sequence"] for m in admin.get("/api/v1/mandates/").get_json()} == {"RCUR"}
    assert [b["id"] for b in admin.get(path).get_json()] == [batch["id"]]
    # Too soon, or for a member user, or another GE: refused.
    assert_error_shape(_collect(admin, path, "2026-01-01"), 422)
    assert_error_shape(as_user("member_a0").get(path), 403)
    assert_error_shape(
        as_user("member_a0").get(f"/api/v1/direct-debit-batches/{batch['id']}.xml"), 403
    )
    assert_error_shape(
        as_user("admin_b").get(f"/api/v1/direct-debit-batches/{batch['id']}.xml"), 404
    )
    assert_error_shape(as_user("admin_b").post(path, json={}), 404)


def test_a_revoked_mandate_collects_nothing(admin: Any) -> None:
    issued_may(admin)
    run_id = admin.get("/api/v1/billing-runs/", query_string={"period": "2026-05"}).get_json()
    path = f"/api/v1/billing-runs/{run_id[0]['id']}/direct-debits"
    (cyclo,) = admin.get("/api/v1/mandates/").get_json()
    revoked = admin.patch(f"/api/v1/mandates/{cyclo['id']}", json={"revoked_on": "2026-12-01"})
    assert revoked.status_code == 200, revoked.get_json()
    body = assert_error_shape(_collect(admin, path), 422)
    assert "mandat" in str(body["errors"])


def test_a_member_downloads_its_own_statement_of_account(
    admin: Any, as_user: Any, world: World
) -> None:
    invoices = issued_may(admin)
    own = next(i for i in invoices if i["member_id"] == world.member_ids_a[0])
    data = coda_file(
        GE_IBAN,
        [Movement(Decimal("100.00"), digits(own), True, None, "Membre", DAY)],
        day=DAY,
    )
    assert upload(admin, data).status_code == 201
    member = as_user("member_a0")
    pdf = member.get(
        f"/api/v1/accounts/{world.member_ids_a[0]}/statement.pdf",
        query_string={"as_of": "2026-06-25"},
    )
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert own["reference"] in text and "100,00" in text
    workbook = load_workbook(
        io.BytesIO(
            member.get(
                f"/api/v1/accounts/{world.member_ids_a[0]}/statement.xlsx",
                query_string={"as_of": "2026-06-25"},
            ).data
        )
    )
    values = [
        cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    assert own["reference"] in values
    open_now = Decimal(own["total"]) - Decimal("100.00")
    assert any(isinstance(v, (int, float)) and Decimal(str(v)) == open_now for v in values)
    other = next(m for m in world.member_ids_a if m != world.member_ids_a[0])
    assert_error_shape(member.get(f"/api/v1/accounts/{other}/statement.pdf"), 404)


def test_the_bank_journal_balances_and_letters_each_invoice(admin: Any) -> None:
    invoice = issued_may(admin)[0]
    movements = [
        Movement(
            Decimal(invoice["total"]) + Decimal("5.00"), digits(invoice), True, None, "M", DAY
        ),
        Movement(Decimal("42.00"), "Don", False, STRANGER, "Ami", DAY),
    ]
    assert upload(admin, coda_file(GE_IBAN, movements, day=DAY)).status_code == 201
    response = admin.get(
        "/api/v1/exports/bank-journal", query_string={"period": "2026-06", "format": "csv"}
    )
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    debit = sum((Decimal(r["debit"] or "0") for r in rows), Decimal("0"))
    credit = sum((Decimal(r["credit"] or "0") for r in rows), Decimal("0"))
    assert debit == credit == Decimal(invoice["total"]) + Decimal("47.00")
    lettered = [r for r in rows if r["matching"] == invoice["reference"]]
    assert [Decimal(r["credit"]) for r in lettered] == [Decimal(invoice["total"])]
    assert any(r["account"] == "499000" and Decimal(r["credit"]) == Decimal("42.00") for r in rows)
    assert date.fromisoformat(rows[0]["date"]) == DAY
