"""The weekly schedule: a contract placed with a member for a period, in weekly slots."""

from datetime import time
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint

from allocation.hours import minutes_to_display_hours
from allocation.schedule import LONGEST_CYCLE

from ..auth import current_principal
from ..models import Assignment
from ..services.schedule import ASSIGNMENTS, MIDNIGHT, Block, Week, end_of_slot, save_week
from . import crud
from .schemas import CheckedSchema, Filters, Schema, TimeOfDay, iso_date, reference

blp = Blueprint(
    "assignments",
    __name__,
    url_prefix="/api/v1/assignments",
    description="Horaires : mises à disposition d'un contrat auprès d'un membre",
)


class SlotEnd(TimeOfDay):
    """A slot's end: a time of day, or "24:00" for midnight (given back as "00:00"). An end
    not after the start is the next day: 22:00-06:00 runs from 22:00 to 06:00 the day
    after; an end equal to the start is refused."""

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> time:
        if value == MIDNIGHT:
            return end_of_slot(value)
        return super()._deserialize(value, attr, data, **kwargs)


class SlotSchema(Schema):
    week = ma.fields.Integer(
        load_default=1,
        validate=ma.validate.Range(min=1, max=LONGEST_CYCLE),
        metadata={
            "description": "Semaine du cycle (1 … cycle_weeks) ; 1 pour un horaire hebdomadaire"
        },
    )
    weekday = ma.fields.Integer(
        required=True,
        validate=ma.validate.Range(min=0, max=6),
        metadata={"description": "0 = lundi … 6 = dimanche"},
    )
    starts_at = TimeOfDay(required=True)
    ends_at = SlotEnd(
        required=True,
        metadata={
            "description": "Une fin qui n'est pas après le début est le lendemain ; "
            "« 24:00 » est accepté pour minuit (rendu « 00:00 »)"
        },
    )


def cycle_weeks_field() -> ma.fields.Integer:
    return ma.fields.Integer(
        load_default=1,
        validate=ma.validate.Range(min=1, max=LONGEST_CYCLE),
        metadata={"description": "Horaire tournant : il se répète toutes les n semaines (1 à 8)"},
    )


def cycle_anchor_field() -> ma.fields.Date:
    return iso_date(
        load_default=None,
        allow_none=True,
        metadata={"description": "Un jour de la semaine 1 du cycle (vide : starts_on)"},
    )


class AssignmentSchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    contract_id = reference(required=True)
    member_id = reference(required=True)
    starts_on = iso_date(required=True)
    ends_on = iso_date(load_default=None, allow_none=True)
    cycle_weeks = cycle_weeks_field()
    cycle_anchor = cycle_anchor_field()
    slots = ma.fields.List(ma.fields.Nested(SlotSchema), required=True)
    weekly_hours = ma.fields.Method(
        "_weekly_hours",
        dump_only=True,
        metadata={
            "type": "string",
            "format": "decimal",
            "description": "Heures par semaine, somme des plages, en moyenne sur le cycle "
            "(arrondi au centième)",
        },
    )

    def _weekly_hours(self, assignment: Assignment) -> str:
        return f"{minutes_to_display_hours(assignment.weekly_minutes):.2f}"


class AssignmentFilters(Filters):
    contract_id = reference(strict=False)
    member_id = reference(strict=False)


class MemberSlots(Schema):
    member_id = reference(required=True)
    slots = ma.fields.List(ma.fields.Nested(SlotSchema), required=True)


class ScheduleVersion(Schema):
    contract_id = reference(required=True)
    starts_on = iso_date(required=True)
    cycle_weeks = cycle_weeks_field()
    cycle_anchor = cycle_anchor_field()
    members = ma.fields.List(ma.fields.Nested(MemberSlots), required=True)


@blp.route("/versions")
class Versions(MethodView):
    @blp.arguments(ScheduleVersion)
    @blp.response(201, AssignmentSchema(many=True))
    def post(self, data: dict[str, Any]) -> list[Assignment]:
        """Une nouvelle version de l'horaire d'un contrat à partir d'un jour.

        Remplace l'horaire du contrat à partir de `starts_on`, chez tous les membres, en une
        écriture, jusqu'à la veille de la version suivante s'il y en a une (elle reste) :
        les mises à disposition antérieures se terminent la veille, celles qui commencent
        ce jour-là sont remplacées. C'est
        la façon d'enregistrer un horaire tournant réparti entre plusieurs membres : la loi
        (19 h en moyenne sur le cycle, repos, 40 h par semaine…) est vérifiée sur l'horaire
        entier, pas membre par membre.
        """
        week: Week = {}
        for member in data["members"]:
            week.setdefault(member["member_id"], []).extend(
                Block(s["weekday"], s["starts_at"], s["ends_at"], s["week"])
                for s in member["slots"]
            )
        return save_week(
            current_principal(),
            data["contract_id"],
            data["starts_on"],
            week,
            data["cycle_weeks"],
            data["cycle_anchor"],
        )


crud.register(
    blp, ASSIGNMENTS, AssignmentSchema, "Mises à disposition (horaires)", filters=AssignmentFilters
)
