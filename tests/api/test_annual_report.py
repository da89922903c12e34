"""The GE's annual activity report for 2026, on the demo with May 2026 issued (and a credit
note of 100.00 on one invoice): the workbook and the PDF read back, the scoping, and the
record that the report was sent, which ends the GE-REPORT-01 reminder."""

import io
from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy.orm import Session

from allocation import calendar
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, MEMBERS
from app.jobs import run
from app.models import AuditEvent, Groupement, Member, Notification
from legal_rules import reminders
from tests.api.test_payments import issued_may
from tests.conftest import World
from tests.helpers import assert_error_shape, csrf_token, database_state, signed_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CREDITED = Decimal("100.00")


def _may_and_a_credit(admin: Any) -> list[dict[str, Any]]:
    invoices = issued_may(admin)
    first = invoices[0]
    credit = admin.post(
        f"/api/v1/invoices/{first['id']}/credit-notes",
        json={
            "reason": "Correction",
            "lines": [{"line_id": first["lines"][0]["id"], "amount": "100.00"}],
        },
    )
    assert credit.status_code == 201, credit.get_json()
    return invoices


def _sheets(data: bytes) -> dict[str, list[tuple[Any, ...]]]:
    book = load_workbook(io.BytesIO(data))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def test_the_workbook_holds_the_years_figures(admin: Any, session: Session, world: World) -> None:
    invoices = _may_and_a_credit(admin)
    response = admin.get("/api/v1/annual-report/2026.xlsx")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert response.content_type == XLSX
    assert 'filename="rapport-annuel-2026.xlsx"' in response.headers["Content-Disposition"]
    sheets = _sheets(response.data)
    assert list(sheets) == [
        "Synthèse",
        "Membres",
        "Contrats",
        "Travailleurs",
        "Effectif",
        "Heures par membre",
        "Dérogations",
        "Constats",
    ]
    book = load_workbook(io.BytesIO(response.data))
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.auto_filter.ref, sheet.title

    # Members: every member of the demo met 2026, with its dates as dates.
    members = {m.name: m for m in session.query(Member).filter_by(groupement_id=world.ge_a)}
    rows = sheets["Membres"][1:]
    assert {row[0] for row in rows} == set(members)
    for name, _number, joined, left in rows:
        assert joined.date() == members[name].joined_on
        assert (left.date() if left else None) == members[name].left_on

    # Hours per member: the issued invoices' hours of the year; the credit note takes
    # money off, not hours.
    expected: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0), Decimal(0)])
    for invoice in invoices:
        for line in invoice["lines"]:
            figures = expected[invoice["member_id"]]
            figures[0] += Decimal(line["worked_hours"])
            figures[1] += Decimal(line["absence_hours"])
        expected[invoice["member_id"]][2] += Decimal(invoice["lines_total"])
    expected[invoices[0]["member_id"]][2] -= CREDITED
    names = {m.id: m.name for m in members.values()}
    got = {row[0]: row[1:] for row in sheets["Heures par membre"][1:]}
    assert set(got) == {names[ident] for ident in expected}
    for ident, (worked, absence, billed) in expected.items():
        w, a, total, b = (Decimal(str(value)) for value in got[names[ident]])
        assert (w, a, total, b) == (worked, absence, worked + absence, billed)

    # Workers: their hours add up to the members' (every staff line names its worker).
    workers = sheets["Travailleurs"][1:]
    assert sum(Decimal(str(row[2])) for row in workers) == sum(e[0] for e in expected.values())
    assert all(row[1] >= 1 for row in workers)
    contracts = sheets["Contrats"][1:]
    assert {row[0] for row in contracts} == {row[0] for row in workers}
    assert all(row[2] >= 19 for row in contracts)  # the GE floor

    # Headcount: one row a day of 2026, never above the cap.
    headcount = sheets["Effectif"][1:]
    assert len(headcount) == 365
    assert headcount[0][0].date() == date(2026, 1, 1)
    cap = session.get_one(Groupement, world.ge_a).headcount_cap
    assert all(row[2] == cap for row in headcount)
    peak = max(row[1] for row in headcount)
    assert 0 < peak <= cap
    summary = dict(sheets["Synthèse"][1:])
    assert summary["Effectif maximal"] == peak
    assert summary["Année"] == 2026
    assert summary["Jours au-delà du plafond (50 travailleurs)"] == 0


def test_the_pdf_names_the_ge_the_year_and_its_sections(
    admin: Any, session: Session, world: World
) -> None:
    _may_and_a_credit(admin)
    response = admin.get("/api/v1/annual-report/2026.pdf")
    assert response.status_code == 200
    assert response.content_type == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)
    assert session.get_one(Groupement, world.ge_a).name in text  # GE Bruxelles Solidaire ASBL
    assert "SPF Emploi, Travail et Concertation sociale" in text
    assert "Rapport d'activité annuel 2026" in text
    for section in (
        "Chiffres clés",
        "Membres et dates d'adhésion",
        "Travailleurs, contrats et heures",
        "Effectif par jour face au plafond",
        "Heures par membre",
        "Dérogations utilisées",
        "Constats de l'année par règle",
    ):
        assert section in text, section


def test_the_report_speaks_the_ges_language(admin: Any) -> None:
    assert admin.patch("/api/v1/groupement", json={"language": "nl"}).status_code == 200
    sheets = _sheets(admin.get("/api/v1/annual-report/2026.xlsx").data)
    assert "Overzicht" in sheets and "Uren per lid" in sheets
    pdf = admin.get("/api/v1/annual-report/2026.pdf").data
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Jaarlijks activiteitenverslag 2026" in text


def test_only_the_ges_staff_reads_its_report(as_user: Any, world: World) -> None:
    accountant = as_user("accountant_a")
    assert accountant.get("/api/v1/annual-report/2026.xlsx").status_code == 200
    assert_error_shape(as_user("member_a0").get("/api/v1/annual-report/2026.pdf"), 403)
    # Another GE reads its own report: none of this GE's members.
    other = as_user("admin_b").get("/api/v1/annual-report/2026.xlsx")
    assert other.status_code == 200
    names = {row[0] for row in _sheets(other.data)["Membres"][1:]}
    assert not names & {name for name, *_rest in MEMBERS}
    # An accountant reads but does not record the report as sent.
    assert_error_shape(accountant.post("/api/v1/annual-report/2026/sent"), 403)


def test_a_year_not_begun_is_refused(admin: Any, session: Session, world: World) -> None:
    future = calendar.today().year + 1
    assert_error_shape(admin.get(f"/api/v1/annual-report/{future}.pdf"), 422)
    before = database_state(session)
    body = assert_error_shape(admin.post(f"/api/v1/annual-report/{future}/sent"), 422)
    assert "year" in body["errors"]
    assert database_state(session) == before


def _report_reminders(session: Session, world: World) -> list[Notification]:
    session.expire_all()
    return list(
        session.query(Notification).filter_by(groupement_id=world.ge_a, kind="GE-REPORT-01")
    )


def test_unsent_the_report_is_reminded(session: Session, world: World) -> None:
    """The demo reported 2025: the sweep of 15 July 2027, past the due day (30 June),
    reminds of 2026."""
    assert session.get_one(Groupement, world.ge_a).annual_report_last_year == 2025
    run("compliance_sweep", world.ge_a, date(2027, 7, 15))
    assert [n.key for n in _report_reminders(session, world)] == ["GE-REPORT-01:2026:warning"]


def test_sent_ends_the_reminder_for_that_year(admin: Any, session: Session, world: World) -> None:
    sent = admin.post("/api/v1/annual-report/2026/sent")
    assert sent.status_code == 200, sent.get_json()
    assert sent.get_json() == {"year": 2026, "annual_report_last_year": 2026}
    session.expire_all()
    groupement = session.get_one(Groupement, world.ge_a)
    assert groupement.annual_report_last_year == 2026
    # Audited like every write.
    audited = session.query(AuditEvent).filter_by(entity="groupements", entity_id=world.ge_a)
    assert any(
        (event.before or {}).get("annual_report_last_year") == 2025
        and (event.after or {}).get("annual_report_last_year") == 2026
        for event in audited
    )
    # Recording an earlier year changes nothing.
    before = database_state(session)
    again = admin.post("/api/v1/annual-report/2024/sent")
    assert again.get_json()["annual_report_last_year"] == 2026
    assert database_state(session) == before

    run("compliance_sweep", world.ge_a, date(2027, 7, 15))
    assert _report_reminders(session, world) == []
    assert reminders.annual_report(date(2027, 7, 15), 2026, 6, 30, True) == []


def test_the_page_shows_the_figures_and_records_the_report_sent(
    app: Any, connection: Any, world: World
) -> None:
    client = signed_in(app, ADMIN_EMAIL)
    page = client.get("/gestion/rapport-annuel?annee=2026")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Rapport d&#39;activité annuel 2026" in html or "Rapport d'activité annuel 2026" in html
    assert (
        "/gestion/rapport-annuel/2026.pdf" in html and "/gestion/rapport-annuel/2026.xlsx" in html
    )
    assert "Marquer comme envoyé au SPF ETCS" in html
    download = client.get("/gestion/rapport-annuel/2026.xlsx")
    assert download.status_code == 200 and download.content_type == XLSX
    assert "/gestion/rapport-annuel" in client.get("/gestion/conformite").get_data(as_text=True)

    token = csrf_token(client, "/gestion/rapport-annuel?annee=2026")
    done = client.post("/gestion/rapport-annuel?annee=2026", data={"csrf_token": token})
    assert done.status_code == 302
    after = client.get("/gestion/rapport-annuel?annee=2026").get_data(as_text=True)
    assert "Marquer comme envoyé au SPF ETCS" not in after

    accountant = signed_in(app, ACCOUNTANT_EMAIL)
    assert accountant.get("/gestion/rapport-annuel").status_code == 200
    assert "Marquer comme envoyé" not in accountant.get("/gestion/rapport-annuel").get_data(
        as_text=True
    )
    member = signed_in(app, MEMBERS[0][-1])
    assert member.get("/gestion/rapport-annuel").status_code == 404
    assert member.get("/gestion/rapport-annuel/2026.pdf").status_code == 404
