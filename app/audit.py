"""An audit event for every change, written in the same transaction as the change.

A session hook sees every inserted, updated and deleted row at flush time, so no code
path (API, CLI, seed, future jobs) can change a record without leaving a trace.
"""

import enum
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask import g, has_app_context
from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from .models import AuditEvent, Groupement
from .models.base import Base, utcnow
from .models.enums import AuditAction

# Secrets are never copied into the trail; their change is still recorded.
REDACTED_COLUMNS = frozenset({"password_hash", "token_hash"})
# The event's own time says when; the row's bookkeeping stamps would only repeat it.
UNAUDITED_COLUMNS = frozenset({"created_at", "updated_at"})


@dataclass(frozen=True)
class Actor:
    label: str
    user_id: int | None = None


SYSTEM = Actor("system")
_current_actor: ContextVar[Actor] = ContextVar("mutua_actor", default=SYSTEM)


@contextmanager
def acting_as(actor: Actor):  # type: ignore[no-untyped-def]
    token = _current_actor.set(actor)
    try:
        yield actor
    finally:
        _current_actor.reset(token)


def set_request_actor(actor: Actor) -> None:
    """For a request: kept on ``g``, so it ends with the request and never leaks to the next."""
    g.mutua_actor = actor


def current_actor() -> Actor:
    if has_app_context() and "mutua_actor" in g:
        return g.mutua_actor  # type: ignore[no-any-return]
    return _current_actor.get()


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime | time):
        return value.isoformat()
    return value


def _columns(obj: Base) -> list[str]:
    return [
        column.key
        for column in inspect(obj).mapper.column_attrs
        if column.key not in UNAUDITED_COLUMNS
    ]


def _snapshot(obj: Base) -> dict[str, Any]:
    return {
        key: "***" if key in REDACTED_COLUMNS else _plain(getattr(obj, key))
        for key in _columns(obj)
    }


def _changes(obj: Base) -> tuple[dict[str, Any], dict[str, Any]]:
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    state = inspect(obj)
    for key in _columns(obj):
        history = state.attrs[key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if key in REDACTED_COLUMNS:
            old, new = "***", "***"
        before[key], after[key] = _plain(old), _plain(new)
    return before, after


def _tenant_of(obj: Base) -> int:
    return obj.id if isinstance(obj, Groupement) else obj.groupement_id  # type: ignore[attr-defined]


def event_row(
    groupement_id: int, action: AuditAction, entity: str, entity_id: int, before: Any, after: Any
) -> dict[str, Any]:
    """One audit event, by whoever acts now."""
    actor = current_actor()
    return {
        "groupement_id": groupement_id,
        "user_id": actor.user_id,
        "actor": actor.label,
        "occurred_at": utcnow(),
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": before,
        "after": after,
    }


def record_bulk_write(
    session: Session,
    groupement_id: int,
    action: AuditAction,
    entity: str,
    entity_id: int,
    before: Any,
    after: Any,
) -> None:
    """The audit event of a write done by bulk statements, which the flush hook does not
    see: one event for the whole write, whose ``after`` (or ``before``) lists what it
    wrote (a draft's run, invoices and lines: not one event per line)."""
    session.execute(
        insert(AuditEvent), [event_row(groupement_id, action, entity, entity_id, before, after)]
    )


@event.listens_for(Session, "after_flush")
def _record_changes(session: Session, _flush_context: Any) -> None:
    rows: list[dict[str, Any]] = []

    def add(obj: Base, action: AuditAction, before: Any, after: Any) -> None:
        rows.append(
            event_row(
                _tenant_of(obj),
                action,
                obj.__tablename__,
                obj.id,  # type: ignore[attr-defined]
                before,
                after,
            )
        )

    for obj in session.new:
        if not isinstance(obj, AuditEvent):
            add(obj, AuditAction.CREATE, None, _snapshot(obj))
    for obj in session.dirty:
        if isinstance(obj, AuditEvent) or not session.is_modified(obj, include_collections=False):
            continue
        before, after = _changes(obj)
        if before != after:
            add(obj, AuditAction.UPDATE, before, after)
    for obj in session.deleted:
        if not isinstance(obj, AuditEvent):
            add(obj, AuditAction.DELETE, _snapshot(obj), None)
    if rows:
        session.connection().execute(insert(AuditEvent), rows)
