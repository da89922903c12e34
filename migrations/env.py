"""Alembic environment: the URL comes from the app's configuration, the metadata from its models.

Called by ``flask --app app migrate`` (URL in ``config.attributes``), by the test suite
(an open connection in ``config.attributes``) or by plain ``alembic`` (the same URL the
app would use: ``MUTUA_DATABASE_URL``, ``DATABASE_URL`` or the SQLite file under instance/).
"""

from pathlib import Path

from alembic import context
from sqlalchemy import Connection

from app.config import load
from app.db import make_engine, sqlite_url
from app.models import Base

config = context.config
target_metadata = Base.metadata


def _database_url() -> str:
    url = config.attributes.get("database_url") or load()["DATABASE_URL"]
    return url or sqlite_url(str(Path(__file__).resolve().parent.parent / "instance"))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite alters tables by copying them; batch mode does that for us.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(_database_url())
    try:
        with engine.connect() as connection:
            _run(connection)
    finally:
        engine.dispose()  # a failed step too: its connection is closed, not left to the GC


if context.is_offline_mode():
    context.configure(url=_database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
