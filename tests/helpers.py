"""Assertions and arrangements shared by the tests."""

import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app import create_app
from app.db import db
from app.demo import DEMO_PASSWORD
from app.models import Base
from app.services.writes import Reach, UnitOfWork, within


@contextmanager
def arranging(session: Session, groupement_id: int) -> Iterator[UnitOfWork]:
    """Test data written straight to the tables, as a trusted loader would: through the
    guarded unit of work (tenant scope, issued months) without the GE law (a test plants
    breaches on purpose)."""
    with within(session, groupement_id, Reach.NOTHING) as unit:
        yield unit


def database_state(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: equal states mean nothing was written."""
    session.expire_all()
    state = {}
    for table in Base.metadata.sorted_tables:
        rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
        state[table.name] = [tuple(row) for row in rows]
    return state


def upload_file(api: Any, path: str, data: bytes, name: str) -> Any:
    """POST ``data`` as the form's ``file``, encoded in memory: the test client would
    spool a large body to a file it never closes."""
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(data), filename=name)})
    return api.post(path, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"}
    assert body["code"] == status
    assert body["message"]
    return body  # type: ignore[no-any-return]


@contextmanager
def another_app(app: Flask, connection: Connection, **config: Any) -> Iterator[Flask]:
    """A second ``create_app`` on the suite's database. ``create_app`` binds the one
    ``db`` to an engine of its own: the suite's engine, and the test's connection (so
    that this test's writes are still rolled back), are given back to it."""
    saved = db.engine
    other = create_app({"DATABASE_URL": app.config["DATABASE_URL"], "TESTING": True, **config})
    if db.engine is not None:
        db.engine.dispose()
    db.engine = saved
    db.session.remove()
    db.session.configure(bind=connection, join_transaction_mode="create_savepoint")
    yield other


def csrf_token(client: FlaskClient, path: str = "/connexion") -> str:
    """The CSRF token of the form a page shows."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True))
    assert found, path
    return found.group(1)


def signed_in(app: Flask, email: str, password: str = DEMO_PASSWORD) -> FlaskClient:
    """A browser-like client signed in through the sign-in page."""
    client = app.test_client()
    response = client.post(
        "/connexion",
        data={"email": email, "password": password, "csrf_token": csrf_token(client)},
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client
