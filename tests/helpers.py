"""Assertions shared by the API tests."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Base
from app.services.writes import Reach, UnitOfWork, within


@contextmanager
def arranging(session: Session, groupement_id: int) -> Iterator[UnitOfWork]:
    """Test data written straight to the tables, as a trusted loader would: through the
    guarded unit of work (tenant scope, issued months) without the GE law (a test plants
    breaches on purpose)."""
    with within(session, groupement_id, Reach.NOTHING) as unit:
        yield unit


def database_state(session: Session) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: equal states mean nothing was written."""
    session.expire_all()
    state = {}
    for table in Base.metadata.sorted_tables:
        rows = session.execute(select(table).order_by(*table.primary_key.columns)).all()
        state[table.name] = [tuple(row) for row in rows]
    return state


def assert_error_shape(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"code", "status", "message", "errors"}
    assert body["code"] == status
    assert body["message"]
    return body  # type: ignore[no-any-return]
