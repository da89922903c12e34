"""The users' language column: French for the users already there, a named CHECK, and a
downgrade that keeps every row (on SQLite no table rebuild: tokens stay). The hardening
step before it goes down keeping every row too."""

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.cli import alembic_config
from app.db import make_engine
from tests.migrations.test_tenant_keys import _rows, _seeded

TENANT_KEYS = "ca20e58530f8"
HARDENING = "361318da3d49"
USER_LANGUAGE = "5c1e7a9b2d40"


def test_the_language_column_goes_up_and_down_keeping_every_row(empty_database: str) -> None:
    _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, HARDENING)
    before = _rows(empty_database)
    assert before["users"] and before["api_tokens"]

    command.upgrade(config, USER_LANGUAGE)
    after = _rows(empty_database)
    assert {table: rows for table, rows in after.items() if table != "users"} == {
        table: rows for table, rows in before.items() if table != "users"
    }
    assert after["users"] == [(*row, "fr") for row in before["users"]]
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            with pytest.raises(IntegrityError, match=r"ck_users_user_language|CHECK"):
                connection.execute(text("UPDATE users SET language = 'de'"))
            connection.rollback()
            connection.execute(text("UPDATE users SET language = 'nl'"))
            connection.rollback()
    finally:
        engine.dispose()

    command.downgrade(config, HARDENING)
    assert _rows(empty_database) == before
    command.upgrade(config, USER_LANGUAGE)
    assert _rows(empty_database)["api_tokens"] == before["api_tokens"]


def test_the_hardening_step_goes_down_keeping_every_row(empty_database: str) -> None:
    """Its columns on groupements and users are dropped in place: a rebuild of those
    tables on SQLite would delete every row pointing at them."""
    _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, TENANT_KEYS)
    before = _rows(empty_database)
    command.upgrade(config, USER_LANGUAGE)
    command.downgrade(config, TENANT_KEYS)
    assert _rows(empty_database) == before
