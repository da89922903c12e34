"""Imports are bounded: the sheet's size (declared and real), formulas, the error list, the
time budget and the upload's weight; whatever is refused, nothing is written."""

import io
from typing import Any

import openpyxl
import pytest
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.api import imports as api_imports
from app.models import Assignment, AuditEvent, PayrollCost
from app.services.imports import Limits
from exports.templates import PAYROLL_COLUMNS, SCHEDULE_COLUMNS
from tests.api.test_imports import upload
from tests.factories import contract_payload, worker_payload
from tests.helpers import assert_error_shape, database_state
from tests.workbooks import declare, grow, rewrite_sheet, workbook

SCHEDULES = "/api/v1/imports/schedules"


@pytest.fixture
def newcomer(admin: Any) -> str:
    worker = admin.post(
        "/api/v1/workers/", json=worker_payload(first_name="Inès", last_name="Delvaux")
    ).get_json()
    admin.post("/api/v1/contracts/", json=contract_payload(worker["id"], starts_on="2026-09-01"))
    return "Delvaux Inès"


@pytest.fixture
def member(admin: Any) -> str:
    return str(admin.get("/api/v1/members/").get_json()[0]["name"])


def counts(session: Session) -> tuple[int, int, int]:
    session.expire_all()
    return tuple(  # type: ignore[return-value]
        session.scalar(select(func.count()).select_from(model))
        for model in (Assignment, PayrollCost, AuditEvent)
    )


def refused(admin: Any, session: Session, data: bytes, path: str = SCHEDULES) -> dict[str, Any]:
    """The upload's refusal (422), checked to have written nothing."""
    before, state = counts(session), database_state(session)
    body = assert_error_shape(upload(admin, path, data), 422)
    assert counts(session) == before
    assert database_state(session) == state
    return body


def test_a_declared_dimension_past_the_limits_is_refused_before_any_cell_is_read(
    admin: Any, session: Session, newcomer: str, member: str
) -> None:
    honest = workbook(
        SCHEDULE_COLUMNS, [[newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None]]
    )
    bomb = rewrite_sheet(honest, declare("A1:XFD1048576"))
    assert len(bomb) < 10_000
    (message,) = refused(admin, session, bomb)["errors"]["file"]
    assert "A1:XFD1048576, jusqu'à la ligne 1048576 et la colonne XFD" in message
    assert "au plus 5000 lignes de données (jusqu'à la ligne 5001) et 30 colonnes" in message


@pytest.fixture(scope="module")
def hundred_thousand_rows() -> bytes:
    one = workbook(
        SCHEDULE_COLUMNS,
        [["Lambert Sophie", "Membre", "lundi", "09:00", "12:00", "2026-09-01", None]],
    )
    return rewrite_sheet(one, grow(100_000))


@pytest.mark.parametrize(
    ("dimension", "fragment"),
    [
        ("A1:G100001", "jusqu'à la ligne 100001"),  # as Excel and openpyxl write it
        ("A1:G2", "ligne 5002 atteinte"),  # a dimension that lies: the rows are counted
        (None, "ligne 5002 atteinte"),  # none at all
    ],
    ids=["declared", "lying", "undeclared"],
)
def test_a_hundred_thousand_rows_are_refused(
    admin: Any, session: Session, hundred_thousand_rows: bytes, dimension: str, fragment: str
) -> None:
    data = rewrite_sheet(hundred_thousand_rows, declare(dimension))
    (message,) = refused(admin, session, data)["errors"]["file"]
    assert fragment in message and "5000" in message


def test_five_thousand_rows_are_read(admin: Any, session: Session) -> None:
    one = workbook(
        SCHEDULE_COLUMNS,
        [["Personne Inconnue", "Membre", "lundi", "09:00", "12:00", "2026-09-01", None]],
    )
    body = refused(admin, session, rewrite_sheet(one, grow(5000)))
    # Read to the last row: each row's errors are counted (and the first 200 listed).
    assert body["errors"]["count"] == 2 * 5000 and len(body["errors"]["rows"]) == 200


def test_a_row_past_the_limit_after_a_gap_is_refused(
    admin: Any, session: Session, newcomer: str, member: str
) -> None:
    honest = workbook(
        SCHEDULE_COLUMNS, [[newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None]]
    )
    far = '<row r="900000"><c r="A900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    data = rewrite_sheet(honest, lambda xml: declare("A1:G2")(xml).replace("</sheetData>", far))
    (message,) = refused(admin, session, data)["errors"]["file"]
    assert "ligne 900000 atteinte" in message


def test_an_empty_formatted_cell_past_the_column_limit_is_refused(
    admin: Any, session: Session, newcomer: str, member: str
) -> None:
    honest = workbook(
        SCHEDULE_COLUMNS, [[newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None]]
    )
    data = rewrite_sheet(
        honest,
        lambda xml: xml.replace("</row></sheetData>", '<c r="XFD2" s="0"/></row></sheetData>'),
    )
    (message,) = refused(admin, session, data)["errors"]["file"]
    assert "XFD2" in message


def test_every_sheet_is_held_to_the_limits(admin: Any, session: Session) -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Horaires"
    first.append(list(SCHEDULE_COLUMNS))
    book.create_sheet("Notes")["A6000"] = "une note tout en bas"
    output = io.BytesIO()
    book.save(output)
    (message,) = refused(admin, session, output.getvalue())["errors"]["file"]
    assert message.startswith("La feuille « Notes » déclare la plage A6000:A6000, jusqu'à")


def test_a_value_past_the_column_limit_is_refused(
    admin: Any, session: Session, newcomer: str, member: str
) -> None:
    row = [newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None] + [None] * 23
    data = rewrite_sheet(workbook(SCHEDULE_COLUMNS, [[*row, "au-delà"]]), declare("A1:G2"))
    (message,) = refused(admin, session, data)["errors"]["file"]
    assert "AE2" in message and "30 colonnes, de A à AD" in message


def test_formula_cells_are_refused_with_their_sheet_row_and_column(
    admin: Any, session: Session, newcomer: str, member: str
) -> None:
    rows = [
        [newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None],
        [newcomer, member, "mardi", '=TEXT(9/24,"hh:mm")', "12:00", "2026-09-01", None],
    ]
    body = refused(admin, session, workbook(SCHEDULE_COLUMNS, rows))
    (error,) = body["errors"]["rows"]
    assert (error["sheet"], error["row"], error["column"]) == ("Horaires", 3, "D")
    assert "Formule refusée en D3" in error["message"] and "TEXT" in error["message"]


def test_a_payroll_total_computed_by_formula_is_refused(admin: Any, session: Session) -> None:
    rows = [["Lambert Sophie", "2026-05", "=3000+450", 1117.8, 627.9, 287.39, 0]]
    body = refused(admin, session, workbook(PAYROLL_COLUMNS, rows), "/api/v1/imports/payroll-costs")
    (error,) = body["errors"]["rows"]
    assert (error["row"], error["column"]) == (2, "C") and "=3000+450" in error["message"]


def test_duplicate_rows_are_each_reported_once_in_a_capped_list(
    admin: Any, session: Session, newcomer: str, member: str
) -> None:
    row = [newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None]
    data = workbook(SCHEDULE_COLUMNS, [row] * 2000)
    body = refused(admin, session, data)
    listed = body["errors"]["rows"]
    assert body["errors"]["count"] == 1999  # every row but the first, once
    assert len(listed) == 200
    assert [e["row"] for e in listed] == list(range(3, 203))
    assert all("ligne 2 (09:00–12:00)" in e["message"] for e in listed)


def test_overlaps_are_found_in_any_order_each_row_once(
    admin: Any, session: Session, newcomer: str, member: str
) -> None:
    def slot(day: str, start: str, end: str) -> list[Any]:
        return [newcomer, member, day, start, end, "2026-09-01", None]

    rows = [
        slot("lundi", "13:00", "15:00"),  # row 2: overlaps row 4's long slot
        slot("lundi", "16:00", "17:00"),  # row 3: overlaps row 4
        slot("lundi", "08:00", "18:00"),  # row 4
        slot("mardi", "08:00", "12:00"),  # row 5: another day, no overlap
        slot("lundi", "18:00", "19:00"),  # row 6: touches row 4, no overlap
    ]
    listed = refused(admin, session, workbook(SCHEDULE_COLUMNS, rows))["errors"]["rows"]
    assert [(e["row"], e["column"]) for e in listed] == [(2, "D"), (3, "D")]
    assert all("ligne 4 (08:00–18:00)" in e["message"] for e in listed)


def test_a_spent_time_budget_stops_the_import(
    admin: Any, session: Session, newcomer: str, member: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(api_imports, "limits", lambda: Limits(seconds=0))
    rows = [[newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None]]
    (message,) = refused(admin, session, workbook(SCHEDULE_COLUMNS, rows))["errors"]["file"]
    assert message.startswith("Import interrompu") and "Rien n'a été enregistré" in message


def test_errors_keep_their_shape_in_every_language(
    as_user: Any, session: Session, newcomer: str, member: str
) -> None:
    row = [newcomer, member, "lundi", "09:00", "12:00", "2026-09-01", None]
    data = rewrite_sheet(workbook(SCHEDULE_COLUMNS, [row] * 3), declare("A1:XFD1048576"))
    for language, start in [("nl", "Het blad"), ("en", "Sheet")]:
        body = assert_error_shape(upload(as_user("admin_a", language), SCHEDULES, data), 422)
        assert body["errors"]["file"][0].startswith(start)
    body = assert_error_shape(
        upload(as_user("admin_a", "en"), SCHEDULES, workbook(SCHEDULE_COLUMNS, [row] * 3)), 422
    )
    assert body["errors"]["count"] == 2
    assert body["errors"]["rows"][0]["message"].startswith("This slot (09:00–12:00)")


def _padding(size: int) -> bytes:
    """A body of ``size`` bytes (refused for its weight before anything reads it)."""
    return b"PK" + b"\x00" * (size - 2)


@pytest.mark.parametrize(
    "size",
    [5 * 1024 * 1024 + 1, 5 * 1024 * 1024 + 600 * 1024],
    ids=["file over the limit", "request over the limit"],
)
def test_an_upload_over_the_limit_is_413_in_the_one_error_shape(
    admin: Any, session: Session, size: int
) -> None:
    before = database_state(session)
    body = assert_error_shape(upload(admin, SCHEDULES, _padding(size)), 413)
    assert body["errors"] == {"file": [body["message"]]}
    assert "5 Mo au plus" in body["message"]
    assert database_state(session) == before


def test_one_setting_bounds_the_api_and_the_page(
    app: Flask, admin: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1024 * 1024)
    body = assert_error_shape(upload(admin, SCHEDULES, _padding(1024 * 1024 + 1)), 413)
    assert "1 Mo au plus" in body["message"]
    assert upload(admin, SCHEDULES, _padding(1024 * 1024)).status_code == 422  # not a workbook
