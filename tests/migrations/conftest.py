"""Fixtures of the migration tests: each starts from a database of its own, not the suite's."""

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text

from app.db import make_engine


@pytest.fixture
def empty_database(tmp_path: Path) -> Iterator[str]:
    """A database of its own, on the engine the suite runs on."""
    base = os.environ.get("MUTUA_TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    name = f"mutua_migrations_{uuid.uuid4().hex[:8]}"
    server = make_engine(str(make_url(base).set(database="postgres")))
    with server.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with server.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        server.dispose()
