"""Migrations are reviewed code: one head, each step upgrades and downgrades, no drift."""

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from app.cli import alembic_config
from app.db import make_engine
from app.models import Base


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_there_is_one_head() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(script.get_heads()) == 1


def test_every_migration_upgrades_and_downgrades(empty_database: str) -> None:
    config = alembic_config(empty_database)
    script = ScriptDirectory.from_config(config)
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    for revision in revisions:
        command.upgrade(config, revision)
        command.downgrade(config, "-1")
        command.upgrade(config, revision)
    assert _tables(empty_database) == set(Base.metadata.tables)
    command.downgrade(config, "base")
    assert _tables(empty_database) == set()


def test_models_and_migrations_agree(empty_database: str) -> None:
    command.upgrade(alembic_config(empty_database), "head")
    engine = make_engine(empty_database)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_migrations_never_import_the_app() -> None:
    versions = Path(__file__).resolve().parents[2] / "migrations" / "versions"
    for migration in versions.glob("*.py"):
        source = migration.read_text()
        assert "import app" not in source and "from app" not in source, migration.name
