"""The pages of getting paid, with Flask's test client: who reaches which account and
statement, and a refused bank file that changes nothing."""

from typing import Any

from flask import Flask

from app.db import db
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, MEMBERS
from tests.conftest import World
from tests.helpers import csrf_token, database_state, signed_in


def state(app: Flask) -> Any:
    with app.app_context():
        return database_state(db.session())


def test_accounts_and_statements_are_the_ges_and_the_members_own(
    app: Flask, connection: Any, world: World
) -> None:
    own, other = world.member_ids_a[0], world.member_ids_a[1]
    admin = signed_in(app, ADMIN_EMAIL)
    assert admin.get(f"/gestion/comptes/{other}").status_code == 200
    assert admin.get(f"/gestion/comptes/{other}/releve.pdf").data.startswith(b"%PDF")
    accountant = signed_in(app, ACCOUNTANT_EMAIL)
    assert accountant.get("/gestion/banque").status_code == 200
    assert accountant.get(f"/gestion/comptes/{other}/releve.xlsx").status_code == 200
    other_ge = signed_in(app, "admin@ge-b.example", "secret-b")
    for path in (f"/gestion/comptes/{own}", f"/gestion/comptes/{own}/releve.pdf"):
        assert other_ge.get(path).status_code == 404, path
    assert MEMBERS[0][0] not in other_ge.get("/gestion/comptes").get_data(as_text=True)
    member = signed_in(app, MEMBERS[0][-1])
    page = member.get("/membre/compte").get_data(as_text=True)
    assert MEMBERS[0][0] in page and not [m[0] for m in MEMBERS[1:] if m[0] in page]
    assert member.get("/membre/compte/releve.pdf").data.startswith(b"%PDF")
    for path in (
        "/gestion/banque",
        "/gestion/comptes",
        f"/gestion/comptes/{other}",
        f"/gestion/comptes/{other}/releve.pdf",
    ):
        assert member.get(path).status_code == 404, path


def test_a_broken_statement_on_the_page_is_refused_and_changes_nothing(
    app: Flask, connection: Any
) -> None:
    import io

    admin = signed_in(app, ADMIN_EMAIL)
    before = state(app)
    response = admin.post(
        "/gestion/banque",
        data={
            "action": "import",
            "file": (io.BytesIO(b"0" * 127 + b"\n"), "releve.cod"),
            "csrf_token": csrf_token(admin, "/gestion/banque"),
        },
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    text = response.get_data(as_text=True)
    assert "Relevé refusé" in text and "Ligne 1" in text, text[:2000]
    assert state(app) == before
    accountant = signed_in(app, ACCOUNTANT_EMAIL)
    refused = accountant.post(
        "/gestion/banque",
        data={"action": "ignore", "line": "1", "csrf_token": csrf_token(accountant, "/gestion/")},
    )
    assert refused.status_code == 403
    assert state(app) == before
