"""The weekly schedule: a contract placed with a member for a period, in weekly slots."""

from itertools import pairwise
from typing import Any

import marshmallow as ma
from flask_smorest import Blueprint
from sqlalchemy import Select
from sqlalchemy.orm import Session, selectinload

from allocation.hours import minutes_to_display_hours

from ..auth import Principal
from ..errors import InvalidInput
from ..i18n import t
from ..models import Assignment, Contract, Member, Slot
from ..services.compliance import Period
from . import crud
from .schemas import CheckedSchema, Filters, Schema, TimeOfDay, iso_date, reference

blp = Blueprint(
    "assignments",
    __name__,
    url_prefix="/api/v1/assignments",
    description="Horaires : mises à disposition d'un contrat auprès d'un membre",
)


class SlotSchema(Schema):
    weekday = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=0, max=6),
        metadata={"description": "0 = lundi … 6 = dimanche"},
    )
    starts_at = TimeOfDay(required=True)
    ends_at = TimeOfDay(required=True)


class AssignmentSchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    contract_id = reference(required=True)
    member_id = reference(required=True)
    starts_on = iso_date(required=True)
    ends_on = iso_date(load_default=None, allow_none=True)
    slots = ma.fields.List(ma.fields.Nested(SlotSchema), required=True)
    weekly_hours = ma.fields.Method(
        "_weekly_hours",
        dump_only=True,
        metadata={"description": "Heures par semaine, somme des plages (arrondi au centième)"},
    )

    def _weekly_hours(self, assignment: Assignment) -> str:
        return f"{minutes_to_display_hours(assignment.weekly_minutes):.2f}"


class AssignmentFilters(Filters):
    contract_id = reference(strict=False)
    member_id = reference(strict=False)


def _apply(assignment: Assignment, data: dict[str, Any]) -> None:
    slots = data.pop("slots", None)
    crud.set_fields(assignment, data)
    if slots is not None:
        # The slots given replace the week as a whole: a schedule is edited as one grid.
        assignment.slots = [Slot(groupement_id=assignment.groupement_id, **s) for s in slots]


def _check(session: Session, principal: Principal, assignment: Assignment) -> None:
    crud.find_in_groupement(session, Contract, principal, assignment.contract_id, "contract_id")
    crud.find_in_groupement(session, Member, principal, assignment.member_id, "member_id")
    if assignment.ends_on is not None and assignment.ends_on < assignment.starts_on:
        raise InvalidInput({"ends_on": ["ends_before_start"]})
    slot_errors: dict[int, Any] = {}
    for index, slot in enumerate(assignment.slots):
        if slot.ends_at <= slot.starts_at:
            slot_errors[index] = {
                "ends_at": [
                    t(
                        "slot_ends_before_start",
                        start=slot.starts_at.strftime("%H:%M"),
                        end=slot.ends_at.strftime("%H:%M"),
                    )
                ]
            }
    if slot_errors:
        raise InvalidInput({"slots": slot_errors})
    ordered = sorted(assignment.slots, key=lambda s: (s.weekday, s.starts_at))
    for first, second in pairwise(ordered):
        if first.weekday == second.weekday and second.starts_at < first.ends_at:
            span = "{:%H:%M}–{:%H:%M}"
            raise InvalidInput(
                {
                    "slots": [
                        t(
                            "slots_overlap",
                            first=span.format(first.starts_at, first.ends_at),
                            second=span.format(second.starts_at, second.ends_at),
                        )
                    ]
                }
            )


def _at_own_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    return stmt.where(Assignment.member_id == member_id)


def _filter(stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
    for key in ("contract_id", "member_id"):
        if key in filters:
            stmt = stmt.where(getattr(Assignment, key) == filters[key])
    return stmt


RESOURCE = crud.Resource(
    model=Assignment,
    schema=AssignmentSchema,
    title="Mises à disposition (horaires)",
    member_scope=_at_own_member,
    filters=AssignmentFilters,
    apply_filters=_filter,
    order_by=(Assignment.starts_on, Assignment.id),
    apply=_apply,
    check=_check,
    load_options=(selectinload(Assignment.slots),),
    period=lambda a: Period(a.starts_on, a.ends_on),
)
crud.register(blp, RESOURCE)
