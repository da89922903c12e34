"""The language columns, the users' (5c1e7a9b2d40) and the GEs' (8d3f2a61c7e5): French for
the rows already there, a named CHECK, and a downgrade that keeps every row (on SQLite
no table rebuild: the tables pointing at them, tokens and members, keep theirs)."""

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.cli import alembic_config
from app.db import make_engine
from tests.migrations.test_tenant_keys import _rows, _seeded

HARDENING = "361318da3d49"
USER_LANGUAGE = "5c1e7a9b2d40"
STORED_FINDINGS = "9d3f6b1c8e27"
GROUPEMENT_LANGUAGE = "8d3f2a61c7e5"


@pytest.mark.parametrize(
    ("parent", "revision", "table", "check", "pointing"),
    [
        (HARDENING, USER_LANGUAGE, "users", "ck_users_user_language", "api_tokens"),
        (
            STORED_FINDINGS,
            GROUPEMENT_LANGUAGE,
            "groupements",
            "ck_groupements_groupement_language",
            "members",
        ),
    ],
)
def test_a_language_column_goes_up_and_down_keeping_every_row(
    empty_database: str, parent: str, revision: str, table: str, check: str, pointing: str
) -> None:
    _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, parent)
    before = _rows(empty_database)
    assert before[table] and before[pointing]

    command.upgrade(config, revision)
    after = _rows(empty_database)
    assert {name: rows for name, rows in after.items() if name != table} == {
        name: rows for name, rows in before.items() if name != table
    }
    assert after[table] == [(*row, "fr") for row in before[table]]
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            with pytest.raises(IntegrityError, match=rf"{check}|CHECK"):
                connection.execute(text(f"UPDATE {table} SET language = 'de'"))
            connection.rollback()
            connection.execute(text(f"UPDATE {table} SET language = 'nl'"))
            connection.rollback()
    finally:
        engine.dispose()

    command.downgrade(config, parent)
    assert _rows(empty_database) == before
    command.upgrade(config, revision)
    assert _rows(empty_database)[pointing] == before[pointing]
