"""The calendar feeds' table (4f2c9e7a1b63): every other row untouched on the way up and
down, one owner per feed (a worker or a member, never both, never neither), a token
hash used once; the downgrade drops the table."""

from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import DateTime, bindparam, inspect, text
from sqlalchemy.exc import IntegrityError

from app.cli import alembic_config
from app.db import make_engine
from tests.migrations.test_tenant_keys import _rows, _seeded

PARENT = "3b7e0c5d9a14"  # rotating schedules
FEEDS = "4f2c9e7a1b63"


def _feed(connection: Any, ge: int, token_hash: str, **owner: int | None) -> None:
    statement = text(
        "INSERT INTO calendar_feeds (groupement_id, worker_id, member_id, token_hash, prefix,"
        " created_at) VALUES (:g, :w, :m, :h, 'cal_', :c)"
    ).bindparams(bindparam("c", type_=DateTime(timezone=True)))
    connection.execute(
        statement,
        {
            "g": ge,
            "w": owner.get("worker"),
            "m": owner.get("member"),
            "h": token_hash,
            "c": datetime(2026, 12, 7, tzinfo=UTC),
        },
    )


def test_the_feeds_table_goes_up_and_down_keeping_every_other_row(empty_database: str) -> None:
    ge_a, _ge_b = _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, PARENT)
    before = _rows(empty_database)

    command.upgrade(config, FEEDS)
    after = _rows(empty_database)
    assert after.pop("calendar_feeds") == []
    assert after == before
    engine = make_engine(empty_database)
    try:
        with engine.connect() as connection:
            worker = connection.execute(
                text("SELECT min(id) FROM workers WHERE groupement_id = :g"), {"g": ge_a}
            ).scalar_one()
            member = connection.execute(
                text("SELECT min(id) FROM members WHERE groupement_id = :g"), {"g": ge_a}
            ).scalar_one()
            for owner in ({}, {"worker": worker, "member": member}):
                refused = pytest.raises(IntegrityError, match=r"ck_calendar_feeds_one_owner|CHECK")
                with refused, connection.begin_nested():
                    _feed(connection, ge_a, "a" * 64, **owner)
            _feed(connection, ge_a, "b" * 64, worker=worker)
            with pytest.raises(IntegrityError, match=r"(?i)unique"), connection.begin_nested():
                _feed(connection, ge_a, "b" * 64, member=member)
            connection.rollback()
        indexes = inspect(engine).get_indexes("calendar_feeds")
        names = {index["name"] for index in indexes if index["name"].startswith("ix_")}
        assert names == {
            "ix_calendar_feeds_groupement_id",
            "ix_calendar_feeds_worker_id",
            "ix_calendar_feeds_member_id",
        }
    finally:
        engine.dispose()

    command.downgrade(config, PARENT)
    assert _rows(empty_database) == before
