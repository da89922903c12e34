"""The month's close on the pages: the timesheet marked reviewed (and unmarked by a later
entry), the dashboard's checklist with its links, the settings' threshold."""

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL
from app.models import Groupement, Worker
from tests.conftest import World
from tests.helpers import csrf_token, database_state, signed_in


@pytest.fixture(autouse=True)
def _rolled_back(connection: Any) -> None:
    """Every test here runs in the suite's rolled-back transaction."""


def _sophie(app: Flask) -> int:
    with app.app_context():
        return db.session().scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()


def test_an_administrator_reviews_a_timesheet_until_it_changes(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    sophie = _sophie(app)
    path = f"/gestion/travailleurs/{sophie}/mois?mois=2026-05"
    page = admin.get(path).get_data(as_text=True)
    assert "Pas encore revue." in page and "Marquer le mois comme revu" in page
    token = csrf_token(admin, path)
    done = admin.post(path, data={"form": "review", "csrf_token": token}).get_data(as_text=True)
    assert "Revue par" in done and "Marquer le mois comme revu" not in done
    board = admin.get("/gestion/?cloture=2026-05").get_data(as_text=True)
    assert "Clôture de mai 2026" in board
    assert "1 feuilles revues sur" in board
    assert 'href="/gestion/exports?period=2026-05"' in board
    # An entry added on the page afterwards: the month is to review again.
    entry = {"day": "2026-05-12", "kind": "extra_hours", "hours": "1", "csrf_token": token}
    assert admin.post(path, data=entry).status_code == 200
    again = admin.get(path).get_data(as_text=True)
    assert "modifiée depuis : à revoir" in again


def test_an_accountant_reads_the_checklist_and_reviews_nothing(app: Flask) -> None:
    accountant = signed_in(app, ACCOUNTANT_EMAIL)
    assert "Clôture de" in accountant.get("/gestion/").get_data(as_text=True)
    path = f"/gestion/travailleurs/{_sophie(app)}/mois?mois=2026-05"
    assert "Marquer le mois comme revu" not in accountant.get(path).get_data(as_text=True)
    with app.app_context():
        before = database_state(db.session())
    token = csrf_token(accountant, path)
    refused = accountant.post(path, data={"form": "review", "csrf_token": token})
    assert refused.status_code == 403
    with app.app_context():
        assert database_state(db.session()) == before


def test_the_threshold_is_a_setting(app: Flask, world: World) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    page = admin.get("/gestion/parametres").get_data(as_text=True)
    assert 'name="payroll_gap_percent"' in page
    token = csrf_token(admin, "/gestion/parametres")
    saved = admin.post(
        "/gestion/parametres",
        data={"form": "month_close", "payroll_gap_percent": "12.5", "csrf_token": token},
    )
    assert saved.status_code == 200
    refused = admin.post(
        "/gestion/parametres",
        data={"form": "month_close", "payroll_gap_percent": "150", "csrf_token": token},
    )
    assert 'id="e-payroll_gap_percent"' in refused.get_data(as_text=True)
    with app.app_context():
        ge = db.session().get_one(Groupement, world.ge_a)
        db.session().refresh(ge)
        assert str(ge.payroll_gap_percent).startswith("12.5")
