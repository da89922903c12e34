"""The GEs' language column: French for the GEs already there, a named CHECK, and a
downgrade that keeps every row (on SQLite no table rebuild: every table pointing at
``groupements`` keeps its rows)."""

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.cli import alembic_config
from app.db import make_engine
from tests.migrations.test_tenant_keys import _rows, _seeded

PARENT = "9d3f6b1c8e27"  # stored findings
GROUPEMENT_LANGUAGE = "8d3f2a61c7e5"


def test_the_language_column_goes_up_and_down_keeping_every_row(empty_database: str) -> None:
    _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, PARENT)
    before = _rows(empty_database)
    assert before["groupements"] and before["members"] and before["users"]

    command.upgrade(config, GROUPEMENT_LANGUAGE)
    after = _rows(empty_database)
    assert {table: rows for table, rows in after.items() if table != "groupements"} == {
        table: rows for table, rows in before.items() if table != "groupements"
    }
    assert after["groupements"] == [(*row, "fr") for row in before["groupements"]]
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            with pytest.raises(IntegrityError, match=r"ck_groupements_groupement_language|CHECK"):
                connection.execute(text("UPDATE groupements SET language = 'de'"))
            connection.rollback()
            connection.execute(text("UPDATE groupements SET language = 'nl'"))
            connection.rollback()
    finally:
        engine.dispose()

    command.downgrade(config, PARENT)
    assert _rows(empty_database) == before
    command.upgrade(config, GROUPEMENT_LANGUAGE)
    assert _rows(empty_database)["members"] == before["members"]
