"""The payroll reconciliation page: its table and the correction it points to, in French
and in Dutch; the workbook from the page; linked from the month close's step 4 and the
settings' cost parameters; read by an accountant, hidden from a member user."""

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, MEMBERS
from app.models import Groupement, PayrollCost, Worker
from app.services import month_close
from tests.conftest import World
from tests.helpers import arranging, signed_in

MAY = "2026-05"


@pytest.fixture(autouse=True)
def _rolled_back(connection: Any) -> None:
    """Every test here runs in the suite's rolled-back transaction."""


def _plant(app: Flask, world: World) -> str:
    """Sophie's May imported with employer contributions at 40 % of the modelled gross
    (the model takes 32.40 %); her name."""
    with app.app_context():
        session = db.session()
        sophie = session.scalars(select(Worker).where(Worker.first_name == "Sophie")).one()
        groupement = session.get_one(Groupement, world.ge_a)
        row = PayrollCost(
            groupement_id=world.ge_a,
            worker_id=sophie.id,
            month=month_close.parse(MAY),
            gross=Decimal("0"),
            employer_contributions=Decimal("0"),
            holiday_provision=Decimal("0"),
            year_end_provision=Decimal("0"),
            other=Decimal("0"),
        )
        with arranging(session, world.ge_a) as write:
            write.session.add(row)
        # The model's own figures, then contributions at 40 % of its gross.
        model = month_close.payroll_comparisons(session, groupement, row.month)[sophie.id]
        with arranging(session, world.ge_a):
            row.gross = model.modelled.gross
            row.employer_contributions = (model.modelled.gross * Decimal("0.40")).quantize(
                Decimal("0.01")
            )
            row.holiday_provision = model.modelled.holiday_provision
            row.year_end_provision = model.modelled.year_end_provision
            row.other = model.modelled.other
        session.commit()
        return f"{sophie.last_name} {sophie.first_name}"


@pytest.mark.parametrize(
    ("language", "texts"),
    [
        ("fr", ("Rapprochement de la paie", "Cotisations patronales", "mai 2026", "32,4")),
        ("nl", ("Afstemming van de lonen", "Werkgeversbijdragen", "mei 2026", "32,4")),
    ],
)
def test_the_page_shows_each_workers_figures_and_the_correction(
    app: Flask, world: World, language: str, texts: tuple[str, ...]
) -> None:
    name = _plant(app, world)
    admin = signed_in(app, ADMIN_EMAIL)
    admin.get(f"/langue/{language}")
    page = admin.get(f"/gestion/reconciliation?period={MAY}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert name in html
    for text in texts:
        assert text in html, text
    assert 'class="flagged"' in html
    assert "40" in html  # the imported contributions' rate of the gross
    year = admin.get("/gestion/reconciliation?period=2026").get_data(as_text=True)
    assert name in year
    workbook = admin.get(f"/gestion/reconciliation/{MAY}.xlsx")
    assert workbook.status_code == 200
    sheets = openpyxl.load_workbook(io.BytesIO(workbook.data)).worksheets
    assert sheets[0].cell(2, 1).value == name


def test_a_wrong_period_is_said_on_the_page(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    page = admin.get("/gestion/reconciliation?period=2026-13")
    assert page.status_code == 200
    assert 'id="e-period"' in page.get_data(as_text=True)


def test_linked_from_the_close_and_the_settings_read_by_the_accountant_not_a_member(
    app: Flask, world: World
) -> None:
    _plant(app, world)
    admin = signed_in(app, ADMIN_EMAIL)
    board = admin.get(f"/gestion/?cloture={MAY}").get_data(as_text=True)
    assert f'href="/gestion/reconciliation?period={MAY}"' in board
    settings = admin.get("/gestion/parametres").get_data(as_text=True)
    assert "/gestion/reconciliation?period=" in settings
    accountant = signed_in(app, ACCOUNTANT_EMAIL)
    assert accountant.get(f"/gestion/reconciliation?period={MAY}").status_code == 200
    member = signed_in(app, MEMBERS[0][-1])
    assert member.get(f"/gestion/reconciliation?period={MAY}").status_code == 404
    assert member.get(f"/gestion/reconciliation/{MAY}.xlsx").status_code == 404
