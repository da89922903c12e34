"""Production-safe defaults: the sign-in limit behind a proxy and across instances, local
redirects only, sessions that end at sign-out and on a password change, the password
policy, no-store answers and the security headers, the same work for unknown e-mails."""

import ast
import base64
import hashlib
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, func, select

from app import auth
from app.audit import Actor, acting_as
from app.auth import _dummy_hash, password_problem
from app.db import db
from app.demo import ADMIN_EMAIL, DEMO_PASSWORD, MEMBERS, demo_logins
from app.i18n import t
from app.models import Groupement, LoginAttempt, User
from app.models.base import utcnow
from tests.conftest import Api, World
from tests.factories import enterprise_number
from tests.helpers import another_app, csrf_token, signed_in

STRONG = "quatre-chevaux-verts-au-galop"
WEAK = ("aaaaaaaaaaaa", "password1234", "a", "azertyuiop12")
ELSEWHERE = ("https://evil.example", "//evil.example", "/\\evil.example", "/\t/evil.example")


@pytest.fixture(autouse=True)
def _rolled_back(connection: Connection) -> None:
    """Every test here runs in the suite's rolled-back transaction (attempts included)."""


def _sign_in(client: FlaskClient, password: str, email: str = ADMIN_EMAIL, **headers: str) -> int:
    response = client.post(
        "/connexion",
        data={"email": email, "password": password, "csrf_token": csrf_token(client)},
        headers=headers,
    )
    return response.status_code


def _attempts(app: Flask) -> int:
    with app.app_context():
        return db.session().scalar(select(func.count()).select_from(LoginAttempt)) or 0


# -- the sign-in limit -----------------------------------------------------------------


def test_behind_the_proxy_ten_wrong_passwords_lock_out_that_client_only(
    app: Flask, connection: Connection
) -> None:
    with another_app(app, connection, TRUSTED_PROXIES=1) as proxied:
        attacker, colleague = proxied.test_client(), proxied.test_client()
        forwarded = {"X-Forwarded-For": "203.0.113.5"}
        codes = [_sign_in(attacker, "wrong", **forwarded) for _ in range(10)]
        assert codes == [401] * 10
        # Locked: even the right password is refused now, before it is looked at.
        assert _sign_in(attacker, DEMO_PASSWORD, **forwarded) == 429
        assert _sign_in(colleague, DEMO_PASSWORD, **{"X-Forwarded-For": "198.51.100.7"}) == 302


def test_with_no_proxy_trusted_a_forged_forwarded_address_changes_nothing(app: Flask) -> None:
    client = app.test_client()
    for number in range(10):
        assert _sign_in(client, "wrong", **{"X-Forwarded-For": f"203.0.113.{number}"}) == 401
    assert _sign_in(client, DEMO_PASSWORD, **{"X-Forwarded-For": "198.51.100.7"}) == 429


def test_the_lock_is_per_email_from_one_address(app: Flask) -> None:
    client = app.test_client()
    for _ in range(10):
        assert _sign_in(client, "wrong") == 401
    assert _sign_in(client, DEMO_PASSWORD) == 429
    assert _sign_in(client, DEMO_PASSWORD, email=MEMBERS[0][-1]) == 302


def test_two_app_instances_share_the_count(app: Flask, connection: Connection) -> None:
    with another_app(app, connection) as other:
        first, second = app.test_client(), other.test_client()
        for _ in range(5):
            assert _sign_in(first, "wrong") == 401
            assert _sign_in(second, "wrong") == 401
        assert _sign_in(first, DEMO_PASSWORD) == 429
        assert _sign_in(second, DEMO_PASSWORD) == 429


def test_failures_older_than_five_minutes_no_longer_count_and_are_purged(app: Flask) -> None:
    client = app.test_client()
    with time_machine.travel(utcnow() - timedelta(minutes=6), tick=False):
        for _ in range(10):
            assert _sign_in(client, "wrong") == 401
    assert _attempts(app) == 20  # the address, and the address with the e-mail
    assert _sign_in(client, DEMO_PASSWORD) == 302
    assert _sign_in(app.test_client(), "wrong") == 401
    assert _attempts(app) == 2  # the old ones went with the new failure


def test_a_long_email_is_counted_too(app: Flask) -> None:
    client = app.test_client()
    assert _sign_in(client, "wrong", email="x" * 5000 + "@example.be") == 401


# -- the same work for every e-mail ----------------------------------------------------


def test_an_unknown_email_and_an_inactive_user_are_checked_against_the_dummy_hash(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = auth.check_password_hash

    def spy(hashed: str, password: str) -> bool:
        checked.append(hashed)
        return real(hashed, password)

    monkeypatch.setattr(auth, "check_password_hash", spy)
    client = app.test_client()
    assert _sign_in(client, DEMO_PASSWORD, email="nobody@example.be") == 401
    assert checked == [_dummy_hash()]

    with app.app_context():
        admin = db.session().scalars(select(User).where(User.email == ADMIN_EMAIL)).one()
        known = admin.password_hash
    assert _sign_in(client, "wrong") == 401
    assert checked[-1] == known

    with app.app_context(), acting_as(Actor("tests")), db.transaction() as session:
        session.scalars(select(User).where(User.email == ADMIN_EMAIL)).one().is_active = False
    db.session.remove()
    assert _sign_in(client, DEMO_PASSWORD) == 401
    assert checked[-1] == _dummy_hash()
    assert _dummy_hash().split("$")[0] == known.split("$")[0]  # made the same way


# -- local redirects only --------------------------------------------------------------


@pytest.mark.parametrize("target", ELSEWHERE)
def test_next_elsewhere_lands_on_the_roles_home(app: Flask, target: str) -> None:
    client = app.test_client()
    response = client.post(
        "/connexion",
        query_string={"next": target},
        data={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/gestion/"


def test_next_on_this_site_is_followed(app: Flask) -> None:
    client = app.test_client()
    asked = client.get("/gestion/membres")
    assert asked.status_code == 302
    login = asked.headers["Location"]
    assert "next=" in login
    response = client.post(
        login,
        data={"email": ADMIN_EMAIL, "password": DEMO_PASSWORD, "csrf_token": csrf_token(client)},
    )
    assert response.headers["Location"] == "/gestion/membres"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_language_switch_goes_back_only_to_this_site(app: Flask, target: str) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    response = admin.get("/langue/nl", query_string={"next": target})
    assert response.headers["Location"] == "/"
    referred = admin.get("/langue/en", headers={"Referer": "https://evil.example/"})
    assert referred.headers["Location"] == "/"
    back = admin.get("/langue/fr", query_string={"next": "/gestion/membres?page=2"})
    assert back.headers["Location"] == "/gestion/membres?page=2"


def test_the_language_links_name_the_page_they_are_on(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    page = admin.get("/gestion/membres").get_data(as_text=True)
    assert "/langue/nl?next=/gestion/membres" in page


# -- sessions end at sign-out and on a password change ---------------------------------


def _replayed(app: Flask, cookie: str) -> FlaskClient:
    client = app.test_client()
    client.set_cookie("session", cookie)
    return client


def test_a_cookie_saved_before_sign_out_is_refused_afterwards(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    saved = admin.get_cookie("session")
    assert saved is not None
    assert _replayed(app, saved.value).get("/gestion/").status_code == 200
    out = admin.post("/deconnexion", data={"csrf_token": csrf_token(admin, "/gestion/")})
    assert out.status_code == 302
    again = _replayed(app, saved.value).get("/gestion/")
    assert again.status_code == 302 and "/connexion" in again.headers["Location"]


def _change_password(client: FlaskClient, new: str) -> Any:
    return client.post(
        "/mot-de-passe",
        data={
            "password": DEMO_PASSWORD,
            "new_password": new,
            "csrf_token": csrf_token(client, "/mot-de-passe"),
        },
    )


def test_a_password_change_ends_the_other_sessions_and_keeps_this_one(app: Flask) -> None:
    elsewhere = signed_in(app, ADMIN_EMAIL)
    saved = elsewhere.get_cookie("session")
    assert saved is not None
    here = signed_in(app, ADMIN_EMAIL)
    changed = _change_password(here, STRONG)
    assert changed.status_code == 302
    assert here.get("/gestion/").status_code == 200
    assert elsewhere.get("/gestion/").status_code == 302
    assert _replayed(app, saved.value).get("/gestion/").status_code == 302
    signed_in(app, ADMIN_EMAIL, STRONG)


# -- the password policy ---------------------------------------------------------------


@pytest.mark.parametrize("weak", WEAK)
def test_a_weak_password_is_refused_on_the_web(app: Flask, weak: str) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    response = _change_password(admin, weak)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "12 caractères au moins." in page or "trop courant" in page
    signed_in(app, ADMIN_EMAIL)  # the old password still works


def _create_user(app: Flask, world: World, email: str, password: str) -> Any:
    return app.test_cli_runner().invoke(
        args=[
            "create-user",
            "--groupement",
            str(world.ge_a),
            "--email",
            email,
            "--password",
            password,
            "--role",
            "accountant",
        ],
    )


@pytest.mark.parametrize("weak", WEAK)
def test_a_weak_password_is_refused_by_the_cli(app: Flask, world: World, weak: str) -> None:
    result = _create_user(app, world, "nouveau@example.be", weak)
    assert result.exit_code != 0
    assert "--password" in result.output
    with app.app_context():
        found = db.session().scalars(select(User).where(User.email == "nouveau@example.be"))
        assert found.first() is None


def test_a_groupements_first_administrator_needs_a_strong_password_too(app: Flask) -> None:
    result = app.test_cli_runner().invoke(
        args=[
            "create-groupement",
            "--name",
            "GE Faible ASBL",
            "--enterprise-number",
            enterprise_number(),
            "--street",
            "Rue 1",
            "--postal-code",
            "1000",
            "--city",
            "Bruxelles",
            "--rpm-seat",
            "Tribunal de l'entreprise francophone de Bruxelles",
            "--admin-email",
            "admin@ge-faible.be",
            "--admin-password",
            "password1234",
        ],
    )
    assert result.exit_code != 0 and "--admin-password" in result.output
    with app.app_context():
        assert (
            db.session().scalar(select(func.count()).where(Groupement.name == "GE Faible ASBL"))
            == 0
        )


def test_a_strong_password_is_accepted_by_the_cli_and_signs_in(app: Flask, world: World) -> None:
    result = _create_user(app, world, "nouveau@example.be", STRONG)
    assert result.exit_code == 0, result.output
    signed_in(app, "nouveau@example.be", STRONG)


def test_the_policy_says_why_in_three_languages(app: Flask) -> None:
    with app.test_request_context(headers={"Accept-Language": "nl"}):
        assert password_problem("kort") == "password_too_short"
        assert password_problem("password1234") == "password_too_weak"
        email = "tresorerie@ge-bruxelles.be"
        assert password_problem(email, email) == "password_too_weak"
        assert password_problem(STRONG) is None
        assert password_problem(STRONG * 5) is None  # beyond zxcvbn's 72 characters
        assert "12 tekens" in t("password_too_short")


def test_the_demo_logins_satisfy_the_policy() -> None:
    for _role, _member, _language, email in demo_logins():
        assert password_problem(DEMO_PASSWORD, email) is None, email


# -- answers: no-store, security headers -----------------------------------------------


def _issued_invoice(admin: Api) -> int:
    run = admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).get_json()
    done = admin.post(f"/api/v1/billing-runs/{run['id']}/issue", json={"issue_date": "2026-06-03"})
    assert done.status_code == 200, done.get_data(as_text=True)[:300]
    return int(done.get_json()["invoices"][0]["id"])


def test_pages_api_answers_and_downloads_are_not_stored(app: Flask, admin: Api) -> None:
    invoice = _issued_invoice(admin)
    web = signed_in(app, ADMIN_EMAIL)
    answers = {
        "page": web.get("/gestion/"),
        "sign-in page": app.test_client().get("/connexion"),
        "journal download": web.get("/gestion/exports/journal?period=2026-05"),
        "api answer": admin.get("/api/v1/members/"),
        "api error": admin.get("/api/v1/members/999999"),
        "pdf download": admin.get(f"/api/v1/invoices/{invoice}/pdf"),
        "openapi": app.test_client().get("/api/v1/openapi.json"),
    }
    for name, response in answers.items():
        assert response.status_code in (200, 404), name
        assert response.headers["Cache-Control"] == "no-store", name
        assert response.headers["X-Content-Type-Options"] == "nosniff", name
    static = app.test_client().get("/static/mutua.css")
    assert "no-store" not in static.headers.get("Cache-Control", "")
    static.close()


def test_the_api_docs_page_carries_the_security_headers(app: Flask) -> None:
    response = app.test_client().get("/api/v1/docs")
    assert response.status_code == 200
    for name in ("X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy"):
        assert response.headers[name]
    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    (script,) = re.findall(r"<script>(.*?)</script>", response.get_data(as_text=True), re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in policy
    assert response.headers["Cache-Control"] == "no-store"


# -- no assert in the code that serves requests ----------------------------------------


def test_no_assert_guards_the_application_code() -> None:
    """``python -O`` drops asserts: a check the app relies on must be an explicit one,
    in the app and in the pure cores it calls on every request. (The scheduler's own
    process keeps two about how it was started.)"""
    top = Path(__file__).resolve().parents[2]
    found = [
        f"{path.relative_to(top)}:{node.lineno}"
        for package in ("app", "allocation", "legal_rules", "exports")
        for path in sorted((top / package).rglob("*.py"))
        if path.name != "scheduler.py"
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Assert)
    ]
    assert found == []
