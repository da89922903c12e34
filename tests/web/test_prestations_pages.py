"""The secretariat profiles' page and the prestations on the exports page."""

import csv
import io
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, MEMBERS
from app.models import SecretariatProfile
from tests.helpers import csrf_token, database_state, signed_in

PROFILE = {
    "name": "Secrétariat web",
    "columns": "worker, day, code, hours",
    "separator": "tab",
    "decimal_mark": ",",
    "date_format": "DD/MM/YYYY",
    "identifier": "national_number",
    "code-paid_leave": "V01",
    "is_default": "on",
}


@pytest.fixture(autouse=True)
def _rolled_back(connection: Any) -> None:
    """Every test here runs in the suite's rolled-back transaction."""


def state(app: Flask) -> Any:
    with app.app_context():
        return database_state(db.session())


def test_an_administrator_saves_a_profile_and_downloads_the_prestations(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    page = admin.get("/gestion/exports?period=2026-05").get_data(as_text=True)
    assert "Présentation Mutua (aucun profil par défaut)" in page
    token = csrf_token(admin, "/gestion/secretariats")
    done = admin.post("/gestion/secretariats", data=PROFILE | {"csrf_token": token})
    text = done.get_data(as_text=True)
    assert "Enregistré." in text and "Secrétariat web" in text and "tabulation" in text
    page = admin.get("/gestion/exports?period=2026-05").get_data(as_text=True)
    assert "Secrétariat web (par défaut)" in page and "aucun profil par défaut" not in page
    data = admin.get("/gestion/exports/prestations/2026-05.csv").data.decode()
    header, *rows = list(csv.reader(io.StringIO(data), delimiter="\t"))
    assert header == ["worker", "day", "code", "hours"]
    assert rows and all("," in row[3] for row in rows)
    workbook = admin.get("/gestion/exports/prestations/2026-05.xlsx")
    assert workbook.status_code == 200 and workbook.data[:2] == b"PK"


def test_a_refused_profile_says_why_in_french_and_writes_nothing(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    before = state(app)
    token = csrf_token(admin, "/gestion/secretariats")
    refused = admin.post(
        "/gestion/secretariats",
        data=PROFILE | {"columns": "worker, jour", "csrf_token": token},
    ).get_data(as_text=True)
    assert "Colonne inconnue" in refused
    assert state(app) == before


def test_members_and_accountants_are_kept_to_their_part(app: Flask) -> None:
    member = signed_in(app, MEMBERS[0][-1])
    assert member.get("/gestion/secretariats").status_code == 404
    assert member.get("/gestion/exports/prestations/2026-05.csv").status_code == 404
    accountant = signed_in(app, ACCOUNTANT_EMAIL)
    assert accountant.get("/gestion/exports/prestations/2026-05.csv").status_code == 200
    before = state(app)
    token = csrf_token(accountant, "/gestion/secretariats")
    posted = accountant.post("/gestion/secretariats", data=PROFILE | {"csrf_token": token})
    assert posted.status_code == 403
    assert state(app) == before


def test_making_a_profile_the_default_unsets_the_former_one(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    token = csrf_token(admin, "/gestion/secretariats")
    admin.post("/gestion/secretariats", data=PROFILE | {"csrf_token": token})
    second = PROFILE | {"name": "Autre", "is_default": ""}
    admin.post("/gestion/secretariats", data=second | {"csrf_token": token})
    with app.app_context():
        rows = db.session().execute(select(SecretariatProfile.name, SecretariatProfile.id))
        ids = {name: ident for name, ident in rows}
    done = admin.post(
        "/gestion/secretariats",
        data={"action": "default", "profile": str(ids["Autre"]), "csrf_token": token},
    )
    assert "Enregistré." in done.get_data(as_text=True)
    with app.app_context():
        defaults = db.session().scalars(
            select(SecretariatProfile.name).where(SecretariatProfile.is_default.is_(True))
        )
        assert list(defaults) == ["Autre"]
