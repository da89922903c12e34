"""Slots across midnight: the CHECK becomes ``ends_at <> starts_at``, every row survives
up and down (the SQLite rebuild of a leaf table deletes nothing), and the downgrade
refuses while a slot ends the next day."""

from datetime import time

import pytest
from alembic import command
from sqlalchemy import Time, bindparam, text
from sqlalchemy.exc import IntegrityError

from app.cli import alembic_config
from app.db import make_engine
from tests.migrations.test_tenant_keys import _rows, _seeded

PARENT = "8d3f2a61c7e5"  # the groupement's language
NIGHT_SLOTS = "489335c1bf7f"


def _slot(url: str, starts_at: time, ends_at: time) -> int:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            assignment, groupement = connection.execute(
                text("SELECT id, groupement_id FROM assignments ORDER BY id")
            ).first()  # type: ignore[misc]
            statement = text(
                "INSERT INTO assignment_slots (assignment_id, groupement_id, weekday, starts_at,"
                " ends_at) VALUES (:a, :g, 0, :s, :e) RETURNING id"
            ).bindparams(bindparam("s", type_=Time()), bindparam("e", type_=Time()))
            return int(
                connection.execute(
                    statement, {"a": assignment, "g": groupement, "s": starts_at, "e": ends_at}
                ).scalar_one()
            )
    finally:
        engine.dispose()


def _delete(url: str, slot_id: int) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM assignment_slots WHERE id = :i"), {"i": slot_id})
    finally:
        engine.dispose()


def test_night_slots_go_up_and_down_keeping_every_row(empty_database: str) -> None:
    _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, PARENT)
    before = _rows(empty_database)
    assert before["assignment_slots"] and before["assignments"]

    command.upgrade(config, NIGHT_SLOTS)
    assert _rows(empty_database) == before
    night = _slot(empty_database, time(22), time(6))
    with pytest.raises(IntegrityError, match=r"ck_assignment_slots_has_length|CHECK"):
        _slot(empty_database, time(9), time(9))

    with pytest.raises(RuntimeError, match=r"1 slot\(s\) end the next day"):
        command.downgrade(config, PARENT)
    assert len(_rows(empty_database)["assignment_slots"]) == len(before["assignment_slots"]) + 1

    _delete(empty_database, night)
    command.downgrade(config, PARENT)
    assert _rows(empty_database) == before
    with pytest.raises(IntegrityError, match=r"ck_assignment_slots_ends_after_start|CHECK"):
        _slot(empty_database, time(22), time(6))
    command.upgrade(config, NIGHT_SLOTS)
    assert _rows(empty_database) == before


REFERENCE_PERIOD = "8a85191383bb"


def test_the_reference_period_column_goes_up_and_down_keeping_every_row(
    empty_database: str,
) -> None:
    """Added and dropped in place: a rebuild of groupements would delete every GE record."""
    _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, NIGHT_SLOTS)
    before = _rows(empty_database)
    command.upgrade(config, REFERENCE_PERIOD)
    after = _rows(empty_database)
    assert {t: r for t, r in after.items() if t != "groupements"} == {
        t: r for t, r in before.items() if t != "groupements"
    }
    assert after["groupements"] == [(*row, 3) for row in before["groupements"]]
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            with pytest.raises(
                IntegrityError, match=r"ck_groupements_reference_period_months|CHECK"
            ):
                connection.execute(text("UPDATE groupements SET reference_period_months = 5"))
            connection.rollback()
    finally:
        engine.dispose()
    command.downgrade(config, NIGHT_SLOTS)
    assert _rows(empty_database) == before
