"""The GE's "hiring alone" parameters (b4e1d7c2a905): the defaults for the GEs already
there, named CHECKs, and a downgrade that keeps every row (no rebuild of groupements,
which would delete every row that points at it)."""

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.cli import alembic_config
from app.db import make_engine
from tests.migrations.test_tenant_keys import _rows, _seeded

PARENT = "8c5e2a7d1f43"  # late-payment notes
ALONE = "b4e1d7c2a905"


def test_the_alone_parameters_go_up_and_down_keeping_every_row(empty_database: str) -> None:
    _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, PARENT)
    before = _rows(empty_database)
    assert before["groupements"] and before["members"]

    command.upgrade(config, ALONE)
    after = _rows(empty_database)
    assert {t: r for t, r in after.items() if t != "groupements"} == {
        t: r for t, r in before.items() if t != "groupements"
    }
    # one third (33.3333 % in ten-thousandths), 1,500.00 and 600.00 in cents
    assert after["groupements"] == [(*row, 333333, 150000, 60000) for row in before["groupements"]]
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            for column, value, check in (
                ("alone_minimum_percent", 0, "ck_groupements_alone_minimum_range"),
                ("alone_minimum_percent", 1000001, "ck_groupements_alone_minimum_range"),
                ("alone_recruitment_per_year", -1, "ck_groupements_alone_recruitment_not_negative"),
                (
                    "alone_payroll_admin_per_year",
                    -1,
                    "ck_groupements_alone_payroll_admin_not_negative",
                ),
            ):
                with pytest.raises(IntegrityError, match=rf"{check}|CHECK"):
                    connection.execute(text(f"UPDATE groupements SET {column} = {value}"))
                connection.rollback()
    finally:
        engine.dispose()

    command.downgrade(config, PARENT)
    assert _rows(empty_database) == before
    command.upgrade(config, ALONE)
    assert _rows(empty_database)["members"] == before["members"]
