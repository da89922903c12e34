"""Assertions shared by the API tests."""

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Base


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
