"""One way to list, read, create, change and delete a record of a groupement.

Every resource of the API is a ``Resource``: its model, its schema and a few hooks.
The routes below do the rest the same way for all of them: scope every query to the
caller's groupement (and member, for member users), refuse writes from read-only roles,
run every write in one transaction that changes nothing when it fails, and answer
404 for what the caller may not see, whether it exists elsewhere or not.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select, false, func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..auth import Principal, current_principal
from ..db import db
from ..errors import Conflict, InvalidInput, NotFound
from ..models.base import Base
from ..models.enums import Role
from ..services.billing import IssuedMonths, issued_baseline, refuse_changes_to_issued
from ..services.compliance import Baseline, Period, baseline, enforce, finding_json
from .schemas import LARGEST_ID, Filters

Hook = Callable[[Session, Principal, Any], None]


def _no_check(_session: Session, _principal: Principal, _obj: Any) -> None:
    return None


def staff_only(stmt: Select[Any], _member_id: int) -> Select[Any]:
    """A member scope for what concerns the whole GE (every member's workers, the jobs):
    a member user sees none of it."""
    return stmt.where(false())


def set_fields(obj: Any, data: dict[str, Any]) -> None:
    for key, value in data.items():
        setattr(obj, key, value)


@dataclass
class Resource:
    model: type[Base]
    schema: type[ma.Schema]
    title: str
    # Restricts a select to the rows a member user may read (its own member's).
    member_scope: Callable[[Select[Any], int], Select[Any]]
    filters: type[ma.Schema] = Filters
    apply_filters: Callable[[Select[Any], dict[str, Any]], Select[Any]] = lambda stmt, _f: stmt
    order_by: tuple[Any, ...] = ()
    # Writes the validated input onto the object (nested collections need more than setattr).
    apply: Callable[[Any, dict[str, Any]], None] = set_fields
    # Checks the object as it would be saved; raises InvalidInput. Runs inside the transaction.
    check: Hook = _no_check
    load_options: tuple[Any, ...] = field(default_factory=tuple)
    # The days a record's legal rules look at; None: writing it cannot break a rule.
    period: Callable[[Any], Period | None] | None = None


@dataclass(frozen=True)
class Guard:
    """What a write must not add to: the legal findings and the issued months' bills."""

    rules: Baseline | None
    issued: IssuedMonths | None


def rules_baseline(
    session: Session,
    resource: Resource,
    principal: Principal,
    obj: Any | None,
    data: dict[str, Any] | None,
) -> Guard:
    """Before a write: the standing findings on every day it touches, as the record is
    (``obj``) and as it will be (its values overlaid with ``data``), and what the issued
    months among those days bill."""
    if resource.period is None:
        return Guard(None, None)
    current = (
        {}
        if obj is None
        else {
            attribute.key: getattr(obj, attribute.key)
            for attribute in inspect(resource.model).column_attrs
        }
    )
    as_is = resource.period(SimpleNamespace(**current)) if obj is not None else None
    to_be = resource.period(SimpleNamespace(**(current | data))) if data is not None else None
    rules = baseline(session, principal.groupement_id, Period.union([as_is, to_be]))
    issued = (
        issued_baseline(session, principal.groupement_id, rules.start, rules.end)
        if rules is not None
        else None
    )
    return Guard(rules, issued)


def enforce_rules(
    session: Session, resource: Resource, obj: Any, guard: Guard, principal: Principal
) -> None:
    """After the flush: a blocking finding the write adds, or any change to what an issued
    month bills, rolls it all back; the warnings it adds ride back on the object."""
    if guard.issued is not None:
        refuse_changes_to_issued(session, principal.groupement_id, guard.issued)
    before = guard.rules
    found = enforce(session, principal.groupement_id, before, resource.model.__tablename__, obj.id)
    obj.findings = [finding_json(finding) for finding in found]


def scoped(resource: Resource, principal: Principal) -> Select[Any]:
    model: Any = resource.model
    stmt = select(model).where(model.groupement_id == principal.groupement_id)
    if principal.role is Role.MEMBER:
        assert principal.member_id is not None
        stmt = resource.member_scope(stmt, principal.member_id)
    return stmt.options(*resource.load_options)


def get_visible(session: Session, resource: Resource, principal: Principal, ident: int) -> Any:
    model: Any = resource.model
    obj = session.scalars(scoped(resource, principal).where(model.id == ident)).one_or_none()
    if obj is None:
        raise NotFound()
    return obj


def find_in_groupement(
    session: Session, model: Any, principal: Principal, ident: int | None, field_name: str
) -> Any:
    """A referenced record of the caller's groupement, or a field error naming ``field_name``."""
    if ident is None:
        return None
    obj = session.scalars(
        select(model).where(model.id == ident, model.groupement_id == principal.groupement_id)
    ).one_or_none()
    if obj is None:
        raise InvalidInput({field_name: ["unknown_reference"]})
    return obj


def page_of(session: Session, stmt: Select[Any], pagination: Any) -> list[Any]:
    if pagination.first_item > LARGEST_ID // 2:
        raise InvalidInput({"page": ["out_of_range"]})
    pagination.item_count = session.scalar(
        select(func.count()).select_from(stmt.order_by(None).subquery())
    )
    rows = session.scalars(stmt.limit(pagination.page_size).offset(pagination.first_item))
    return list(rows.unique())


def flush_or_conflict(session: Session, message_key: str) -> None:
    try:
        session.flush()
    except IntegrityError as error:
        raise Conflict(message_key=message_key) from error


def create(resource: Resource, principal: Principal, data: dict[str, Any]) -> Any:
    """Create a record from validated input: one transaction, the GE law enforced."""
    model: Any = resource.model
    with db.transaction() as session:
        before = rules_baseline(session, resource, principal, None, data)
        obj = model(groupement_id=principal.groupement_id)
        resource.apply(obj, data)
        resource.check(session, principal, obj)
        session.add(obj)
        flush_or_conflict(session, "conflict_duplicate")
        enforce_rules(session, resource, obj, before, principal)
    return obj


def update(resource: Resource, principal: Principal, ident: int, data: dict[str, Any]) -> Any:
    """Change a visible record with validated (partial) input, the same way."""
    with db.transaction() as session:
        obj = get_visible(session, resource, principal, ident)
        before = rules_baseline(session, resource, principal, obj, data)
        # The checks query the database: the half-changed object must not go first.
        with session.no_autoflush:
            resource.apply(obj, data)
            resource.check(session, principal, obj)
        flush_or_conflict(session, "conflict_duplicate")
        enforce_rules(session, resource, obj, before, principal)
    return obj


def remove(resource: Resource, principal: Principal, ident: int) -> None:
    with db.transaction() as session:
        obj = get_visible(session, resource, principal, ident)
        before = rules_baseline(session, resource, principal, obj, None)
        session.delete(obj)
        flush_or_conflict(session, "conflict_in_use")
        enforce_rules(session, resource, obj, before, principal)


def register(blp: Blueprint, resource: Resource) -> None:
    schema = resource.schema
    order_by = resource.order_by or (resource.model.id,)  # type: ignore[attr-defined]

    @blp.route("/")
    class Collection(MethodView):
        @blp.arguments(resource.filters, location="query", unknown=ma.RAISE)
        @blp.response(200, schema(many=True))
        @blp.paginate(page_size=50, max_page_size=500)
        def get(self, filters: dict[str, Any], pagination_parameters: Any) -> list[Any]:
            stmt = scoped(resource, current_principal())
            stmt = resource.apply_filters(stmt, filters).order_by(*order_by)
            return page_of(db.session(), stmt, pagination_parameters)

        @blp.arguments(schema)
        @blp.response(201, schema)
        def post(self, data: dict[str, Any]) -> Any:
            return create(resource, current_principal(), data)

    Collection.__doc__ = f"{resource.title}: list (paginated) and create."

    @blp.route(f"/<int(max={LARGEST_ID}):ident>")
    class Item(MethodView):
        @blp.response(200, schema)
        def get(self, ident: int) -> Any:
            return get_visible(db.session(), resource, current_principal(), ident)

        @blp.arguments(schema(partial=True))
        @blp.response(200, schema)
        def patch(self, data: dict[str, Any], ident: int) -> Any:
            return update(resource, current_principal(), ident, data)

        @blp.response(204)
        def delete(self, ident: int) -> None:
            remove(resource, current_principal(), ident)

    Item.__doc__ = f"{resource.title}: read, change (PATCH, partial) and delete."
