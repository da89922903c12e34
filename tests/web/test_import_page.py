"""The import page: the API's limits and error cap, shown on the page."""

import io
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app.db import db
from app.demo import ADMIN_EMAIL
from exports.templates import CYCLE_COLUMNS, PAYROLL_COLUMNS, SCHEDULE_COLUMNS
from tests.helpers import csrf_token, database_state, signed_in
from tests.workbooks import workbook

PAGE = "/gestion/imports"


@pytest.fixture
def page(app: Flask, connection: Any) -> FlaskClient:
    return signed_in(app, ADMIN_EMAIL)


def send(client: FlaskClient, data: bytes) -> Any:
    fields = {
        "csrf_token": csrf_token(client, PAGE),
        "kind": "schedules",
        "file": FileStorage(io.BytesIO(data), filename="horaires.xlsx"),
    }
    boundary, body = encode_multipart(fields)
    return client.post(PAGE, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def state(app: Flask) -> Any:
    with app.app_context():
        return database_state(db.session())


def test_a_long_error_list_is_capped_with_the_rest_counted(app: Flask, page: FlaskClient) -> None:
    row = ["Lambert Sophie", "ASBL Fantôme", "lundi", "09:00", "12:00", "2026-09-01", None]
    before = state(app)
    response = send(page, workbook(SCHEDULE_COLUMNS, [row] * 300))
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert text.count("Membre inconnu") == 200
    assert "… et 100 autres erreurs." in text
    assert state(app) == before


def test_an_upload_over_the_old_one_megabyte_reaches_the_import(page: FlaskClient) -> None:
    response = send(page, b"PK" + b"\x00" * (2 * 1024 * 1024))
    assert response.status_code == 200
    assert "classeur Excel (.xlsx)" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "size", [5 * 1024 * 1024 + 1, 5 * 1024 * 1024 + 600 * 1024], ids=["file", "request"]
)
def test_an_upload_over_the_limit_is_refused_on_the_page(
    app: Flask, page: FlaskClient, size: int
) -> None:
    before = state(app)
    response = send(page, b"PK" + b"\x00" * size)
    text = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Fichier trop volumineux : 5 Mo au plus." in text and 'name="file"' in text
    assert state(app) == before


def test_the_page_and_the_api_share_one_setting(
    app: Flask, page: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 1024 * 1024)
    response = send(page, b"PK" + b"\x00" * (1024 * 1024 + 600 * 1024))
    assert response.status_code == 413
    assert "Fichier trop volumineux : 1 Mo au plus." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("kind", "columns"),
    [("schedules", SCHEDULE_COLUMNS + CYCLE_COLUMNS), ("payroll-costs", PAYROLL_COLUMNS)],
)
def test_the_page_links_each_template_and_serves_it(
    page: FlaskClient, kind: str, columns: tuple[str, ...]
) -> None:
    from openpyxl import load_workbook

    link = f"/gestion/imports/modele/{kind}.xlsx"
    assert link in page.get(PAGE).get_data(as_text=True)
    response = page.get(link)
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
    first = next(sheet.iter_rows(max_row=1, values_only=True))
    assert first == columns
    assert page.get("/gestion/imports/modele/other.xlsx").status_code == 404
