"""The pages' rules, with Flask's test client: sign-in, CSRF, roles, scoping, headers."""

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, DEMO_PASSWORD, MEMBERS
from app.models import Worker
from tests.conftest import World
from tests.helpers import csrf_token, database_state, signed_in

ADMIN_PAGES = [
    "/gestion/",
    "/gestion/membres",
    "/gestion/travailleurs",
    "/gestion/facturation",
    "/gestion/conformite",
    "/gestion/rapport-annuel",
    "/gestion/registre",
    "/gestion/imports",
    "/gestion/parametres",
    "/gestion/calendriers",
    "/gestion/banque",
    "/gestion/comptes",
]
MEMBER_PAGES = [
    "/membre/factures",
    "/membre/compte",
    "/membre/heures",
    "/membre/exposition",
    "/membre/calendrier",
]


# No app context is held open here (unlike the ``session`` fixture): each request then has
# its own, as in production, and ``g`` (CSRF token, caller) does not carry over.
def state(app: Flask) -> Any:
    with app.app_context():
        return database_state(db.session())


@pytest.fixture(autouse=True)
def _rolled_back(connection: Any) -> None:
    """Every test here runs in the suite's rolled-back transaction (failed sign-ins,
    sessions ended, passwords changed included)."""


def test_every_page_needs_a_sign_in(client: FlaskClient) -> None:
    for page in ADMIN_PAGES + MEMBER_PAGES:
        response = client.get(page)
        assert response.status_code == 302 and "/connexion" in response.headers["Location"]


def test_each_role_reaches_its_pages_and_no_other(app: Flask, connection: Any) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    for page in ADMIN_PAGES:
        assert admin.get(page).status_code == 200, page
    member = signed_in(app, MEMBERS[0][-1])
    for page in MEMBER_PAGES:
        assert member.get(page).status_code == 200, page
    for page in [*ADMIN_PAGES, "/gestion/exports"]:
        assert member.get(page).status_code == 404, page
    for page in MEMBER_PAGES:
        assert admin.get(page).status_code == 404, page
    accountant = signed_in(app, ACCOUNTANT_EMAIL)
    assert accountant.get("/gestion/exports").status_code == 200
    before = state(app)
    token = csrf_token(accountant, "/gestion/exports")
    response = accountant.post("/gestion/membres", data={"name": "Pirate", "csrf_token": token})
    assert response.status_code == 403
    assert state(app) == before


def test_another_groupements_records_are_not_found(
    app: Flask, connection: Any, world: World
) -> None:
    with app.app_context():
        foreign = (
            db.session()
            .scalars(select(Worker.id).where(Worker.groupement_id == world.ge_b))
            .first()
        )
    admin = signed_in(app, ADMIN_EMAIL)
    assert admin.get(f"/gestion/travailleurs/{foreign}").status_code == 404
    other = signed_in(app, "admin@ge-b.example", "secret-b")
    page = other.get("/gestion/membres").get_data(as_text=True)
    assert "Marolles" not in page and "Outremeuse" in page


def test_a_form_without_its_csrf_token_is_refused(app: Flask, connection: Any) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    before = state(app)
    assert admin.post("/gestion/membres", data={"name": "Sans jeton"}).status_code == 400
    assert state(app) == before


def test_sign_in_attempts_are_limited(app: Flask) -> None:
    client = app.test_client()
    token = csrf_token(client)
    codes = [
        client.post(
            "/connexion", data={"email": ADMIN_EMAIL, "password": "wrong", "csrf_token": token}
        ).status_code
        for _ in range(11)
    ]
    assert codes[:10] == [401] * 10 and codes[10] == 429


def test_pages_carry_security_headers_and_a_safe_cookie(app: Flask) -> None:
    client = app.test_client()
    response = client.get("/connexion")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    client.post(
        "/connexion",
        data={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD, "csrf_token": csrf_token(client)},
    )
    cookie = client.get_cookie("session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"


def test_the_language_switch_and_belgian_formats(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    page = admin.get("/gestion/facturation").get_data(as_text=True)
    assert "Facturation" in page
    admin.get("/langue/nl")
    assert "Facturatie" in admin.get("/gestion/facturation").get_data(as_text=True)
    admin.get("/langue/fr")
    members = admin.get("/gestion/membres").get_data(as_text=True)
    assert re.search(r"\d{2}/\d{2}/\d{4}", members)  # 01/09/2019


def test_a_password_is_changed_with_the_old_one(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    token = csrf_token(admin, "/mot-de-passe")
    wrong = admin.post(
        "/mot-de-passe", data={"password": "nope", "new_password": "x" * 12, "csrf_token": token}
    )
    assert "incorrect" in wrong.get_data(as_text=True)
    done = admin.post(
        "/mot-de-passe",
        data={"password": DEMO_PASSWORD, "new_password": "un-nouveau-secret", "csrf_token": token},
    )
    assert done.status_code == 302
    signed_in(app, ADMIN_EMAIL, "un-nouveau-secret")


def test_the_monthly_timesheet_shows_holidays_and_takes_an_absence(
    app: Flask, connection: Any
) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    with app.app_context():
        marie = db.session().scalars(select(Worker.id).where(Worker.first_name == "Marie")).one()
    page = admin.get(f"/gestion/travailleurs/{marie}/mois?mois=2026-11").get_data(as_text=True)
    assert "jour férié ou de remplacement" in page  # 2 and 11 November 2026
    assert "Maladie" in page  # the demo's sick days
    token = csrf_token(admin, f"/gestion/travailleurs/{marie}/mois?mois=2026-11")
    done = admin.post(
        f"/gestion/travailleurs/{marie}/mois?mois=2026-11",
        data={
            "day": "2026-11-25",
            "kind": "paid_leave",
            "hours": "6.5",
            "member_id": "",
            "csrf_token": token,
        },
    )
    assert "Enregistré." in done.get_data(as_text=True)
    assert "Congé payé : 6,50\u00a0h" in done.get_data(as_text=True)


def test_an_absence_where_nobody_expects_the_worker_is_refused_on_the_page(
    app: Flask, connection: Any
) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    with app.app_context():
        marie = db.session().scalars(select(Worker.id).where(Worker.first_name == "Marie")).one()
    path = f"/gestion/travailleurs/{marie}/mois?mois=2026-11"
    before = state(app)
    refused = admin.post(
        path,
        data={
            "day": "2026-11-29",  # a Sunday: nothing planned
            "kind": "sickness",
            "hours": "2",
            "member_id": "",
            "csrf_token": csrf_token(admin, path),
        },
    ).get_data(as_text=True)
    assert "pour 0 h planifiées" in refused
    assert 'option value="sickness" selected' in refused  # the form keeps what was typed
    assert state(app) == before


def test_settings_take_replacement_days_and_refuse_a_wrong_one(app: Flask, connection: Any) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    token = csrf_token(admin, "/gestion/parametres")
    wrong = admin.post(
        "/gestion/parametres",
        data={
            "form": "replacement",
            "holiday": "2027-05-02",
            "replacement": "2027-05-03",
            "csrf_token": token,
        },
    )
    assert "pas un jour férié" in wrong.get_data(as_text=True)
    right = admin.post(
        "/gestion/parametres",
        data={
            "form": "replacement",
            "holiday": "2027-05-01",
            "replacement": "2027-05-03",
            "csrf_token": token,
        },
    )
    assert "03/05/2027" in right.get_data(as_text=True)


def test_the_schedule_form_takes_a_night_shift(app: Flask, connection: Any) -> None:
    """22:00 to 06:00 typed in a Monday block is saved as one slot to the next morning,
    with the WT-NIGHT warning, and shown again as typed; 00:00 ends a block at midnight."""
    admin, path, contract_id, member = _maries_week(app)
    saved = admin.post(
        path,
        data={
            "form": "schedule",
            "contract_id": contract_id,
            "starts_on": "2026-12-07",
            f"b-1-{member}-0-0-start": "22:00",
            f"b-1-{member}-0-0-end": "06:00",
            f"b-1-{member}-2-0-start": "18:00",
            f"b-1-{member}-2-0-end": "00:00",
            "csrf_token": csrf_token(admin, path),
        },
    ).get_data(as_text=True)
    assert "Enregistré." in saved, saved[:2000]
    assert "WT-NIGHT" in saved
    assert "WT-REST-11H" not in saved
    page = admin.get(path).get_data(as_text=True)
    assert f'name="b-1-{member}-0-0-start" value="22:00"' in page
    assert f'name="b-1-{member}-0-0-end" value="06:00"' in page
    assert f'name="b-1-{member}-2-0-end" value="00:00"' in page


def _maries_week(app: Flask) -> tuple[FlaskClient, str, str, str]:
    """The administrator on Marie's page: (client, path, her contract's id, the first
    member's id in her week's grid)."""
    admin = signed_in(app, ADMIN_EMAIL)
    with app.app_context():
        marie = db.session().scalars(select(Worker.id).where(Worker.first_name == "Marie")).one()
    path = f"/gestion/travailleurs/{marie}"
    page = admin.get(path).get_data(as_text=True)
    contract_id = re.search(r'name="contract_id" value="(\d+)"', page)
    member = re.search(r'name="b-1-(\d+)-0-0-start"', page)
    assert contract_id and member
    return admin, path, contract_id.group(1), member.group(1)


def test_a_refused_week_keeps_its_first_day_and_lends_it_to_no_other_form(
    app: Flask, connection: Any
) -> None:
    """Refused, the week stays as typed, its first day too (saving it again must not save
    it from the old day); the new-contract form below stays empty."""
    admin, path, contract_id, member = _maries_week(app)
    refused = admin.post(
        path,
        data={
            "form": "schedule",
            "contract_id": contract_id,
            "starts_on": "2026-12-14",
            f"b-1-{member}-0-0-start": "22u",
            f"b-1-{member}-0-0-end": "6u",
            "csrf_token": csrf_token(admin, path),
        },
    ).get_data(as_text=True)
    assert f'name="b-1-{member}-0-0-start" value="22u"' in refused
    week_from = f'id="from-{contract_id}" name="starts_on" type="date" required value="2026-12-14"'
    assert week_from in refused
    assert 'id="f-starts_on" name="starts_on" type="date" value=""' in refused


def test_the_settings_page_sets_the_reference_period_of_the_average_week(
    app: Flask, connection: Any
) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    page = admin.get("/gestion/parametres").get_data(as_text=True)
    assert '<option value="3" selected>Trimestre civil (par défaut)</option>' in page
    saved = admin.post(
        "/gestion/parametres",
        data={
            "form": "groupement",
            "reference_period_months": "12",
            "full_time_weekly_hours": "38",
            "csrf_token": csrf_token(admin, "/gestion/parametres"),
        },
    ).get_data(as_text=True)
    assert "Enregistré." in saved
    assert '<option value="12" selected>Année civile</option>' in saved
    refused = admin.post(
        "/gestion/parametres",
        data={
            "form": "groupement",
            "reference_period_months": "5",
            "csrf_token": csrf_token(admin, "/gestion/parametres"),
        },
    ).get_data(as_text=True)
    assert 'aria-describedby="e-reference_period_months"' in refused
