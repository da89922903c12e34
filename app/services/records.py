"""One way to read, create, change and delete a record of a groupement.

Every kind of record is a ``Resource``: its model, who of a member may see it, how input
lands on it, its checks and what a change of it reaches. The functions below do the
rest the same way for all of them, for the API and the web pages alike: scope every
query to the caller's groupement (and member, for member users), and run every write in
the guarded unit of work (``writes``), which changes nothing when it fails.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Select, false, inspect, select
from sqlalchemy.orm import Session

from ..auth import Principal
from ..errors import InvalidInput, NotFound
from ..i18n import N_
from ..models import Member
from ..models.base import Base
from ..models.enums import Role
from .compliance import Period, finding_json
from .writes import Reach, flush_or_conflict, guarded_write

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
    # Restricts a select to the rows a member user may read (its own member's).
    member_scope: Callable[[Select[Any], int], Select[Any]]
    # A list's filters (validated by the adapter) applied to a select, and its order.
    apply_filters: Callable[[Select[Any], dict[str, Any]], Select[Any]] = lambda stmt, _f: stmt
    order_by: tuple[Any, ...] = ()
    # Writes the validated input onto the object (nested collections need more than setattr).
    apply: Callable[[Any, dict[str, Any]], None] = set_fields
    # Checks the object as it would be saved; raises InvalidInput. Runs inside the transaction.
    check: Hook = _no_check
    load_options: tuple[Any, ...] = field(default_factory=tuple)
    # The days a record's legal rules and bills look at. Without it a change is checked
    # against the GE's whole history and every issued month (Reach.EVERYTHING), unless
    # ``moves_nothing`` says it can move neither a finding nor a bill.
    period: Callable[[Any], Period | None] | None = None
    moves_nothing: bool = False


def scoped(resource: Resource, principal: Principal) -> Select[Any]:
    """The records of ``resource`` the caller may see: its groupement's, and for a member
    user its member's."""
    model: Any = resource.model
    stmt = select(model).where(model.groupement_id == principal.groupement_id)
    if principal.role is Role.MEMBER:
        if principal.member_id is None:  # a member user always names its member
            raise NotFound()
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
        raise InvalidInput({field_name: [N_("unknown_reference")]})
    return obj


def reach_of(resource: Resource, obj: Any | None, data: dict[str, Any] | None) -> Reach:
    """What writing ``data`` onto ``obj`` (None: a new record; data None: a deletion) can
    move: the days of the record as it is and as it will be."""
    if resource.moves_nothing:
        return Reach.NOTHING
    if resource.period is None:
        return Reach.EVERYTHING
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
    return Reach.of(Period.union([as_is, to_be]))


def create(resource: Resource, principal: Principal, data: dict[str, Any]) -> Any:
    """Create a record from validated input: one guarded write."""
    model: Any = resource.model
    with guarded_write(principal.groupement_id) as write:
        write.reaches(reach_of(resource, None, data))
        obj = model(groupement_id=principal.groupement_id)
        resource.apply(obj, data)
        resource.check(write.session, principal, obj)
        write.session.add(obj)
        flush_or_conflict(write.session, N_("conflict_duplicate"))
        write.about(resource.model.__tablename__, obj.id)
    obj.findings = [finding_json(finding) for finding in write.findings]
    return obj


def update(resource: Resource, principal: Principal, ident: int, data: dict[str, Any]) -> Any:
    """Change a visible record with validated (partial) input, the same way."""
    with guarded_write(principal.groupement_id) as write:
        obj = get_visible(write.session, resource, principal, ident)
        write.reaches(reach_of(resource, obj, data))
        # The checks query the database: the half-changed object must not go first.
        with write.session.no_autoflush:
            resource.apply(obj, data)
            resource.check(write.session, principal, obj)
        flush_or_conflict(write.session, N_("conflict_duplicate"))
        write.about(resource.model.__tablename__, obj.id)
    obj.findings = [finding_json(finding) for finding in write.findings]
    return obj


def remove(resource: Resource, principal: Principal, ident: int) -> None:
    with guarded_write(principal.groupement_id) as write:
        obj = get_visible(write.session, resource, principal, ident)
        write.reaches(reach_of(resource, obj, None))
        write.session.delete(obj)
        flush_or_conflict(write.session, N_("conflict_in_use"))


def visible_member(session: Session, principal: Principal, member_id: int) -> Member:
    """The member, for its GE's staff or its own users; 404 otherwise."""
    if principal.member_id is not None and principal.member_id != member_id:
        raise NotFound()
    member = session.scalars(
        select(Member).where(
            Member.id == member_id, Member.groupement_id == principal.groupement_id
        )
    ).one_or_none()
    if member is None:
        raise NotFound()
    return member
