"""The caller's own groupement: its identity, legal parameters and yearly cost parameters."""

import calendar
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..auth import Principal, current_principal
from ..db import db
from ..errors import InvalidInput
from ..i18n import t
from ..models import CostParameters, Groupement
from ..models.enums import AbsencePolicy, GroupementLegalForm, ManagementFeeMode, VatMode
from ..services.compliance import baseline, enforce, finding_json, whole_history
from . import crud, fields
from .schemas import POSTAL_CODE, CheckedSchema, Schema, TimeOfDay, iso_date, optional_text

blp = Blueprint(
    "groupement",
    __name__,
    url_prefix="/api/v1/groupement",
    description="Le groupement de l'appelant et ses paramètres",
)


NOT_NEGATIVE = ma.validate.Range(min=0, error="must_not_be_negative")


class CostParametersSchema(Schema):
    year = ma.fields.Integer(dump_only=True)
    employer_contribution_percent = fields.Percent(required=True)
    holiday_pay_percent = fields.Percent(required=True)
    year_end_bonus_percent = fields.Percent(required=True)
    accident_insurance_percent = fields.Percent(required=True)
    prevention_service_per_year = fields.Money(required=True, validate=NOT_NEGATIVE)
    meal_voucher_employer_part = fields.Money(required=True, validate=NOT_NEGATIVE)


class GroupementSchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    legal_form = ma.fields.Enum(GroupementLegalForm, by_value=True)
    enterprise_number = fields.EnterpriseNumber()
    vat_number = fields.VatNumber(allow_none=True)
    iban = fields.Iban(allow_none=True)
    bic = fields.Bic(allow_none=True)
    street = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    postal_code = ma.fields.String(validate=ma.validate.Regexp(POSTAL_CODE))
    city = ma.fields.String(validate=ma.validate.Length(min=1, max=100))
    country = ma.fields.String(validate=ma.validate.Regexp(r"^[A-Z]{2}$"))
    rpm_seat = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    authorisation_reference = optional_text(100)
    authorisation_date = iso_date(allow_none=True)
    joint_committee = ma.fields.String(
        allow_none=True, validate=ma.validate.Regexp(r"^[0-9]{3}(\.[0-9]{2})?$")
    )
    headcount_cap = ma.fields.Integer(validate=ma.validate.Range(min=1, max=10000))
    headcount_cap_reference = optional_text(200)
    weekly_hours_floor = fields.Hours()
    weekly_hours_floor_reference = optional_text(200)
    full_time_weekly_hours = fields.Hours()
    vat_mode = ma.fields.Enum(VatMode, by_value=True)
    absence_policy = ma.fields.Enum(AbsencePolicy, by_value=True)
    management_fee_mode = ma.fields.Enum(ManagementFeeMode, by_value=True)
    management_fee_per_hour = fields.Money(validate=NOT_NEGATIVE)
    management_fee_percent = fields.Percent()
    payment_terms_days = ma.fields.Integer(validate=ma.validate.Range(min=0, max=120))
    # The scheduled jobs (Europe/Brussels times) and their reminders.
    scheduled_jobs_enabled = ma.fields.Boolean()
    draft_day = ma.fields.Integer(validate=ma.validate.Range(min=1, max=28))
    draft_time = TimeOfDay()
    sweep_time = TimeOfDay()
    contract_end_notice_days = ma.fields.Integer(validate=ma.validate.Range(min=1, max=365))
    headcount_alert_percent = ma.fields.Integer(validate=ma.validate.Range(min=1, max=100))
    annual_report_due_month = ma.fields.Integer(validate=ma.validate.Range(min=1, max=12))
    annual_report_due_day = ma.fields.Integer(validate=ma.validate.Range(min=1, max=31))
    annual_report_last_year = ma.fields.Integer(
        allow_none=True, validate=ma.validate.Range(min=2000, max=2100)
    )
    notification_email = ma.fields.Email(allow_none=True, validate=ma.validate.Length(max=254))
    cost_parameters = ma.fields.List(ma.fields.Nested(CostParametersSchema), dump_only=True)


# A legal parameter changes only with the act that changes it (a royal decree may raise the cap).
REFERENCED_PARAMETERS = {
    "headcount_cap": "headcount_cap_reference",
    "weekly_hours_floor": "weekly_hours_floor_reference",
}


def _require_references(groupement: Groupement, data: dict[str, Any]) -> None:
    errors = {
        reference: [t("reference_required", field=reference)]
        for parameter, reference in REFERENCED_PARAMETERS.items()
        if parameter in data
        and data[parameter] != getattr(groupement, parameter)
        and not (data.get(reference) or "").strip()
    }
    if errors:
        raise InvalidInput(errors)


def _check(groupement: Groupement) -> None:
    errors: dict[str, list[str]] = {}
    for name in ("weekly_hours_floor", "full_time_weekly_hours"):
        if not 0 < getattr(groupement, name) <= 50:
            errors[name] = ["weekly_hours_range"]
    if groupement.management_fee_per_hour < 0:
        errors["management_fee_per_hour"] = ["must_not_be_negative"]
    # A due day every year has (29 February would skip three years in four).
    longest = calendar.monthrange(2025, groupement.annual_report_due_month)[1]
    if groupement.annual_report_due_day > longest:
        errors["annual_report_due_day"] = ["Invalid value."]
    if errors:
        raise InvalidInput(errors)


def save_groupement(principal: Principal, data: dict[str, Any]) -> Groupement:
    """Change the GE's parameters in one transaction, the GE law enforced on its whole
    history (a new cap or floor applies to every day)."""
    with db.transaction() as session:
        groupement = session.get_one(Groupement, principal.groupement_id)
        _require_references(groupement, data)
        before = baseline(session, groupement.id, whole_history(session, groupement.id))
        for key, value in data.items():
            setattr(groupement, key, value)
        _check(groupement)
        crud.flush_or_conflict(session, "conflict_duplicate")
        found = enforce(session, groupement.id, before, "groupements", groupement.id)
        groupement.findings = [finding_json(f) for f in found]  # type: ignore[attr-defined]
    return groupement


def _own(session: Session) -> Groupement:
    return session.get_one(Groupement, current_principal().groupement_id)


@blp.route("")
class OwnGroupement(MethodView):
    @blp.response(200, GroupementSchema)
    def get(self) -> Groupement:
        """The caller's groupement."""
        return _own(db.session())

    @blp.arguments(GroupementSchema(partial=True))
    @blp.response(200, GroupementSchema)
    def patch(self, data: dict[str, Any]) -> Groupement:
        """Change the groupement's identity or parameters (administrators)."""
        return save_groupement(current_principal(), data)


@blp.route("/cost-parameters/<int:year>")
class YearCostParameters(MethodView):
    @blp.response(200, CostParametersSchema)
    def get(self, year: int) -> CostParameters:
        """Cost parameters of a year (the defaults of DOMAIN §4 when none were set)."""
        session = db.session()
        found = _find_year(session, year)
        return found or CostParameters(year=year, **_defaults())

    @blp.arguments(CostParametersSchema)
    @blp.response(200, CostParametersSchema)
    def put(self, data: dict[str, Any], year: int) -> CostParameters:
        """Set the cost parameters of a year (administrators)."""
        return save_cost_parameters(current_principal(), year, data)


def save_cost_parameters(principal: Principal, year: int, data: dict[str, Any]) -> CostParameters:
    if not 2000 <= year <= 2100:
        raise InvalidInput({"year": ["Invalid value."]})
    with db.transaction() as session:
        parameters = _find_year(session, year) or CostParameters(
            groupement_id=principal.groupement_id, year=year
        )
        for key, value in data.items():
            setattr(parameters, key, value)
        session.add(parameters)
        crud.flush_or_conflict(session, "conflict_duplicate")
    return parameters


def _find_year(session: Session, year: int) -> CostParameters | None:
    return session.scalars(
        select(CostParameters).where(
            CostParameters.groupement_id == current_principal().groupement_id,
            CostParameters.year == year,
        )
    ).one_or_none()


def _defaults() -> dict[str, Any]:
    return {
        column.key: column.default.arg
        for column in CostParameters.__table__.columns
        if column.default is not None and column.default.is_scalar
    }
