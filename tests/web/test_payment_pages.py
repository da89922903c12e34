"""The pages of getting paid, with Flask's test client: who reaches which account and
statement, and a refused bank file that changes nothing."""

from typing import Any

from flask import Flask
from sqlalchemy import select

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


def test_an_amount_typed_the_belgian_way_or_wrongly_is_never_a_server_error(
    app: Flask, connection: Any, world: World
) -> None:
    from decimal import Decimal

    from app.services import payments
    from tests.bankfiles import Movement, coda_file

    admin = signed_in(app, ADMIN_EMAIL)
    data = coda_file(
        "BE21001234567803",
        [Movement(Decimal("2000.00"), "x", False, "BE68539007547034", "Y")],
    )
    with app.app_context():
        payments.import_statements(world.ge_a, data, "a.cod")
    page = admin.get("/gestion/banque").get_data(as_text=True)
    line = page.split('name="line" value="')[1].split('"')[0]
    for typed in ("1.234", "abc", "1.234,567"):
        response = admin.post(
            "/gestion/banque",
            data={
                "line": line,
                "action": "assign",
                "member_id": str(world.member_ids_a[0]),
                "invoice_id": "",
                "amount": typed,
                "csrf_token": csrf_token(admin, "/gestion/banque"),
            },
            follow_redirects=True,
        )
        assert response.status_code == 200, typed
    assigned = admin.post(
        "/gestion/banque",
        data={
            "line": line,
            "action": "assign",
            "member_id": str(world.member_ids_a[0]),
            "invoice_id": "",
            "amount": "1.234,50",
            "csrf_token": csrf_token(admin, "/gestion/banque"),
        },
        follow_redirects=True,
    )
    assert "Enregistré" in assigned.get_data(as_text=True)


def test_a_member_reads_the_explanation_of_its_line_without_other_names(
    app: Flask, connection: Any, world: World
) -> None:
    from app.models import Invoice, InvoiceLine
    from app.models.enums import LineKind
    from tests.api.test_payments import issued_may
    from tests.conftest import Api

    admin_client = app.test_client()
    issued_may(Api(admin_client, world.tokens["admin_a"]))
    with app.app_context():
        session = db.session()
        own = session.scalars(
            select(Invoice).where(Invoice.member_id == world.member_ids_a[0])
        ).first()
        line = session.scalars(
            select(InvoiceLine).where(
                InvoiceLine.invoice_id == own.id, InvoiceLine.kind == LineKind.STAFF
            )
        ).first()
        other = session.scalars(
            select(Invoice).where(Invoice.member_id == world.member_ids_a[1])
        ).first()
        own_id, line_id, other_id = own.id, line.id, other.id
    member = signed_in(app, MEMBERS[0][-1])
    lines_page = member.get(f"/membre/factures/{own_id}").get_data(as_text=True)
    assert f"/membre/lignes/{line_id}" in lines_page
    page = member.get(f"/membre/lignes/{line_id}").get_data(as_text=True)
    assert "Le partage entre membres" in page and "autres membres" in page
    assert not [name for name, *_ in MEMBERS[1:] if name in page]
    assert member.get(f"/membre/factures/{other_id}").status_code == 404
    admin = signed_in(app, ADMIN_EMAIL)
    staff_page = admin.get(f"/gestion/lignes/{line_id}").get_data(as_text=True)
    assert MEMBERS[0][0] in staff_page and "autres membres" not in staff_page
    assert member.get(f"/gestion/lignes/{line_id}").status_code == 404
