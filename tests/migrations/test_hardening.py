"""The hardening step goes down keeping every row (the language column after it:
test_language_columns.py)."""

from alembic import command

from app.cli import alembic_config
from tests.migrations.test_tenant_keys import _rows, _seeded

TENANT_KEYS = "ca20e58530f8"
HARDENING = "361318da3d49"
USER_LANGUAGE = "5c1e7a9b2d40"


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
