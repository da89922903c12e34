"""Test fixtures: one migrated database per session, one rolled-back transaction per test.

The engine is SQLite (a file, as in production's embedded mode) unless
``MUTUA_TEST_DATABASE_URL`` names another database, such as PostgreSQL. That database
is emptied and migrated from scratch when the session starts.
"""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from app import create_app
from app.audit import Actor, acting_as
from app.auth import issue_token
from app.cli import alembic_config
from app.db import db, make_engine
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, MEMBERS, load_demo
from app.models import Member, User
from legal_rules.model import Finding, Rule
from tests.factories import make_second_groupement


@pytest.fixture(autouse=True)
def findings_survive_their_record(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every finding any test makes (every rule, on every snapshot the tests build) goes
    through the JSON the database keeps and back, and must come back the same finding."""
    make = Rule.finding

    def finding(rule: Rule, *args: Any, **values: Any) -> Finding:
        made = make(rule, *args, **values)
        back = Finding.from_record(json.loads(json.dumps(made.to_record())))
        assert back == made and back.key == made.key, made
        return made

    monkeypatch.setattr(Rule, "finding", finding)


def _test_database_url(tmp_dir: Path) -> str:
    return os.environ.get("MUTUA_TEST_DATABASE_URL") or f"sqlite:///{tmp_dir / 'test.db'}"


def reset_database(url: str) -> None:
    """Start from an empty database, whatever a previous run left."""
    if url.startswith("postgresql"):
        engine = make_engine(url)
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()


@dataclass
class World:
    """What every test may rely on: the demo GE (A), a second GE (B) and their tokens."""

    ge_a: int
    ge_b: int
    member_ids_a: list[int]
    tokens: dict[str, str]


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    url = _test_database_url(tmp_path_factory.mktemp("db"))
    reset_database(url)
    flask_app = create_app({"DATABASE_URL": url, "TESTING": True})
    command.upgrade(alembic_config(url), "head")
    yield flask_app
    db.session.remove()
    if db.engine is not None:
        db.engine.dispose()


@pytest.fixture(scope="session")
def world(app: Flask) -> World:
    """Committed once for the session; each test's changes are rolled back."""
    with app.app_context(), acting_as(Actor("tests")), db.transaction() as session:
        ge_a, _ = load_demo(session)
        ge_b = make_second_groupement(session)
        tokens = {
            "admin_a": _token(session, ADMIN_EMAIL),
            "accountant_a": _token(session, ACCOUNTANT_EMAIL),
            "admin_b": _token(session, "admin@ge-b.example"),
        }
        members = session.query(Member).filter_by(groupement_id=ge_a.id).order_by(Member.id)
        member_ids = [m.id for m in members]
        for index, (*_rest, login) in enumerate(MEMBERS):
            tokens[f"member_a{index}"] = _token(session, login)
        world = World(ge_a.id, ge_b.id, member_ids, tokens)
    db.session.remove()
    return world


def _token(session: Session, email: str) -> str:
    user = session.query(User).filter_by(email=email).one()
    return issue_token(session, user, "tests")


@pytest.fixture
def connection(app: Flask, world: World) -> Iterator[Connection]:
    """Everything a test writes, even its commits, is undone at its end."""
    assert db.engine is not None
    with db.engine.connect() as conn:
        transaction = conn.begin()
        db.session.remove()
        db.session.configure(bind=conn, join_transaction_mode="create_savepoint")
        try:
            yield conn
        finally:
            db.session.remove()
            db.session.configure(bind=db.engine, join_transaction_mode="conditional_savepoint")
            transaction.rollback()


@pytest.fixture
def session(app: Flask, connection: Connection) -> Iterator[Session]:
    with app.app_context():
        yield db.session()


class Api:
    """A test client that speaks JSON with a bearer token."""

    def __init__(self, client: FlaskClient, token: str | None, language: str | None = None):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}
        if language:
            self.headers["Accept-Language"] = language

    def __getattr__(self, method: str) -> Any:
        if method not in {"get", "post", "patch", "put", "delete"}:
            raise AttributeError(method)

        def call(path: str, **kwargs: Any) -> Any:
            headers = {**self.headers, **kwargs.pop("headers", {})}
            return getattr(self.client, method)(path, headers=headers, **kwargs)

        return call


@pytest.fixture
def client(app: Flask, connection: Connection) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def as_user(client: FlaskClient, world: World) -> Any:
    """``as_user("admin_a")`` gives an Api client with that token."""

    def make(who: str, language: str | None = None) -> Api:
        return Api(client, world.tokens[who], language)

    return make


@pytest.fixture
def admin(as_user: Any) -> Api:
    return as_user("admin_a")  # type: ignore[no-any-return]
