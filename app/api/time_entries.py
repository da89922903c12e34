"""Day entries (what happened on a day) and the GE's public-holiday replacement days."""

from decimal import Decimal
from typing import Any

import marshmallow as ma
from flask_smorest import Blueprint
from sqlalchemy import Select, extract, func, select
from sqlalchemy.orm import Session

from allocation import formats
from allocation.calendar import public_holidays
from allocation.month import PAID_ABSENCES, UNPAID_ABSENCES

from ..auth import Principal
from ..errors import InvalidInput
from ..i18n import N_, language, t
from ..models import DayEntry, Member, ReplacementDay, Worker
from ..models.enums import DayEntryKind
from ..services import records
from ..services.compliance import Period, planned_minutes
from . import crud, fields
from .schemas import CheckedSchema, Filters, iso_date, optional_text, reference

day_entries_blp = Blueprint(
    "day_entries",
    __name__,
    url_prefix="/api/v1/day-entries",
    description="Prestations et absences du jour",
)
replacement_days_blp = Blueprint(
    "replacement_days",
    __name__,
    url_prefix="/api/v1/replacement-days",
    description="Jours de remplacement des jours fériés",
)

HOURS_IN_A_DAY = Decimal(24)


class DayEntrySchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    worker_id = reference(required=True)
    day = iso_date(required=True)
    member_id = reference(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Le membre concerné. Pour une absence : le membre où le travailleur "
            "était planifié ce jour-là ; null = l'absence est retirée des heures planifiées "
            "ce jour-là chez tous les membres, au prorata. Une absence ne peut dépasser les "
            "heures planifiées (chez ce membre, ou au total si null)."
        },
    )
    hours = fields.Hours(required=True)
    kind = ma.fields.Enum(DayEntryKind, by_value=True, required=True)
    note = optional_text(500)


class DayEntryFilters(Filters):
    worker_id = reference(strict=False)
    member_id = reference(strict=False)
    from_ = iso_date(data_key="from")
    to = iso_date()


def _check_day_entry(session: Session, principal: Principal, entry: DayEntry) -> None:
    worker = records.find_in_groupement(session, Worker, principal, entry.worker_id, "worker_id")
    records.find_in_groupement(session, Member, principal, entry.member_id, "member_id")
    # Two entries for the same worker written at once must not both pass the 24 h check.
    session.refresh(worker, with_for_update=True)
    if not 0 < entry.hours <= HOURS_IN_A_DAY:
        raise InvalidInput({"hours": [N_("day_hours_range")]})
    others = session.scalar(
        select(func.coalesce(func.sum(DayEntry.hours), 0)).where(
            DayEntry.groupement_id == principal.groupement_id,
            DayEntry.worker_id == entry.worker_id,
            DayEntry.day == entry.day,
            DayEntry.id != (entry.id or 0),
        )
    )
    total = entry.hours + others
    if total > HOURS_IN_A_DAY:
        raise InvalidInput({"hours": [t("day_total_over_24", hours=total, day=entry.day)]})
    if entry.kind.value in ABSENCES:
        _check_absence(session, principal, entry)


# An absence comes off hours the schedule planned that day (DOMAIN §5): at its member, or,
# with no member, off the day's hours at every member pro rata.
ABSENCES = PAID_ABSENCES | UNPAID_ABSENCES


def _check_absence(session: Session, principal: Principal, entry: DayEntry) -> None:
    planned = planned_minutes(session, principal.groupement_id, entry.worker_id, entry.day)
    day = formats.day(entry.day, language())
    if entry.member_id is not None and not planned.get(entry.member_id):
        raise InvalidInput({"member_id": [t("absence_not_planned", day=day)]})
    absent = session.execute(
        select(DayEntry.member_id, DayEntry.hours).where(
            DayEntry.groupement_id == principal.groupement_id,
            DayEntry.worker_id == entry.worker_id,
            DayEntry.day == entry.day,
            DayEntry.kind.in_(list(ABSENCES)),
            DayEntry.id != (entry.id or 0),
        )
    ).all()
    # At its member when it names one, and the day as a whole (an absence spread pro rata
    # takes from every member, so the day's total bounds them all).
    bounds = []
    if entry.member_id is not None:
        name = session.get_one(Member, entry.member_id).name
        at_member = sum(h for member, h in absent if member == entry.member_id)
        bounds.append((planned[entry.member_id], at_member, f" ({name})"))
    bounds.append((sum(planned.values()), sum(h for _m, h in absent), ""))
    for limit, taken, where in bounds:
        planned_hours = Decimal(limit) / 60
        if taken + entry.hours <= planned_hours:
            continue
        message = t(
            "absence_over_planned",
            hours=formats.short_number(taken + entry.hours, language()),
            planned=formats.short_number(planned_hours, language()),
            day=day,
            where=where,
        )
        raise InvalidInput({"hours": [message]})


def _filter_day_entries(stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
    if "worker_id" in filters:
        stmt = stmt.where(DayEntry.worker_id == filters["worker_id"])
    if "member_id" in filters:
        stmt = stmt.where(DayEntry.member_id == filters["member_id"])
    if "from_" in filters:
        stmt = stmt.where(DayEntry.day >= filters["from_"])
    if "to" in filters:
        stmt = stmt.where(DayEntry.day <= filters["to"])
    return stmt


class ReplacementDaySchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    holiday = iso_date(required=True, metadata={"description": "Le jour férié remplacé"})
    replacement = iso_date(required=True, metadata={"description": "Le jour chômé"})


class ReplacementDayFilters(Filters):
    year = ma.fields.Integer(validate=ma.validate.Range(min=2000, max=2100))


def _check_replacement_day(session: Session, principal: Principal, day: ReplacementDay) -> None:
    public = public_holidays(day.holiday.year)
    if day.holiday not in public:
        raise InvalidInput({"holiday": [t("not_a_public_holiday", day=day.holiday)]})
    if day.replacement.year != day.holiday.year:
        raise InvalidInput({"replacement": [N_("replacement_other_year")]})
    if day.replacement in public:
        raise InvalidInput({"replacement": [N_("replacement_is_holiday")]})


def _filter_replacement_days(stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
    if "year" in filters:
        stmt = stmt.where(extract("year", ReplacementDay.holiday) == filters["year"])
    return stmt


def _member_entries(stmt: Select[Any], member_id: int) -> Select[Any]:
    return stmt.where(DayEntry.member_id == member_id)


def _whole_calendar(stmt: Select[Any], _member_id: int) -> Select[Any]:
    # The GE's calendar is the same for every member: nothing in it is another member's.
    return stmt


DAY_ENTRIES = records.Resource(
    model=DayEntry,
    member_scope=_member_entries,
    apply_filters=_filter_day_entries,
    order_by=(DayEntry.day, DayEntry.id),
    check=_check_day_entry,
    period=lambda e: Period(e.day, e.day),
)
crud.register(
    day_entries_blp, DAY_ENTRIES, DayEntrySchema, "Prestations du jour", filters=DayEntryFilters
)
REPLACEMENT_DAYS = records.Resource(
    model=ReplacementDay,
    member_scope=_whole_calendar,
    apply_filters=_filter_replacement_days,
    order_by=(ReplacementDay.holiday,),
    check=_check_replacement_day,
    period=lambda d: Period(min(d.holiday, d.replacement), max(d.holiday, d.replacement)),
)
crud.register(
    replacement_days_blp,
    REPLACEMENT_DAYS,
    ReplacementDaySchema,
    "Jours de remplacement",
    filters=ReplacementDayFilters,
)
