"""The caller's own groupement: its identity, legal parameters and yearly cost parameters."""

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import Session

from allocation.calendar import FIRST_DAY, LAST_DAY, REFERENCE_PERIOD_MONTHS

from ..auth import current_principal
from ..db import db
from ..i18n import t
from ..models import CostParameters, Groupement
from ..models.enums import (
    AbsencePolicy,
    GroupementLegalForm,
    Language,
    ManagementFeeMode,
    VatMode,
)
from ..services import settings
from ..services.reminders import reminder_steps
from . import fields
from .schemas import POSTAL_CODE, CheckedSchema, Schema, TimeOfDay, iso_date, optional_text


def _reminder_days(text: str) -> None:
    """Days after the due date, increasing, comma-separated ("7,21,35"); empty for none."""
    try:
        reminder_steps(text)
    except ValueError as error:
        raise ma.ValidationError(t("invalid_reminder_days")) from error


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
    reference_period_months = ma.fields.Integer(
        validate=ma.validate.OneOf(REFERENCE_PERIOD_MONTHS),
        metadata={
            "description": "Période de référence de la moyenne hebdomadaire (WT-WEEK-AVG38), "
            "en mois alignés sur le calendrier : 1, 2, 3 (trimestre, par défaut), 4, 6 ou 12"
        },
    )
    vat_mode = ma.fields.Enum(VatMode, by_value=True)
    absence_policy = ma.fields.Enum(AbsencePolicy, by_value=True)
    management_fee_mode = ma.fields.Enum(ManagementFeeMode, by_value=True)
    management_fee_per_hour = fields.Money(validate=NOT_NEGATIVE)
    management_fee_percent = fields.Percent()
    payment_terms_days = ma.fields.Integer(validate=ma.validate.Range(min=0, max=120))
    issue_date_days_ahead = ma.fields.Integer(
        validate=ma.validate.Range(min=0, max=90),
        metadata={
            "description": "Une date d'émission va du dernier jour du mois facturé à "
            "aujourd'hui plus ce nombre de jours (15 par défaut)"
        },
    )
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
    reminder_days = ma.fields.String(
        validate=_reminder_days,
        metadata={
            "description": "Les rappels de paiement, en jours après l'échéance, croissants, "
            "séparés par des virgules ; le dernier est la mise en demeure (7,21,35 par "
            "défaut ; vide : aucun rappel)"
        },
    )
    sepa_creditor_id = fields.CreditorId(allow_none=True)
    language = ma.fields.Enum(
        Language,
        by_value=True,
        metadata={
            "description": "La langue des documents du groupement lui-même (classeur de "
            "répartition, journaux de vente pour le comptable) ; fr par défaut"
        },
    )
    # The month's close (GET /month-close/<YYYY-MM>): how far an imported payroll cost may
    # be from the cost model before it is flagged.
    payroll_gap_percent = fields.Percent(
        validate=ma.validate.Range(min=0, max=100),
        metadata={
            "description": "L'écart, en pourcentage du coût modélisé, au-delà duquel un coût "
            "salarial importé est signalé à la clôture du mois (10 par défaut)"
        },
    )
    # "What hiring alone would have cost" (GET /members/<id>/alone): its assumptions.
    alone_minimum_percent = fields.Percent(
        metadata={
            "description": "Le minimum d'un temps partiel, en pourcentage d'un temps plein par "
            "semaine (33.3333, un tiers, par défaut ; une règle sectorielle peut en fixer un "
            "autre), arrondi à la minute"
        },
    )
    alone_recruitment_per_year = fields.Money(
        validate=NOT_NEGATIVE,
        metadata={"description": "Le recrutement d'une embauche, par an (1500.00 par défaut)"},
    )
    alone_payroll_admin_per_year = fields.Money(
        validate=NOT_NEGATIVE,
        metadata={
            "description": "Le secrétariat social (gestion de la paie) d'une embauche, par an "
            "(600.00 par défaut)"
        },
    )
    cost_parameters = ma.fields.List(ma.fields.Nested(CostParametersSchema), dump_only=True)


def _own(session: Session) -> Groupement:
    return session.get_one(Groupement, current_principal().groupement_id)


@blp.route("")
class OwnGroupement(MethodView):
    @blp.response(200, GroupementSchema)
    def get(self) -> Groupement:
        """The caller's groupement.

        Its identity, its legal parameters (cap, floor, full time, joint committee), its
        billing settings and the times of its scheduled jobs; every user of the GE may read it.
        """
        return _own(db.session())

    @blp.arguments(GroupementSchema(partial=True))
    @blp.response(200, GroupementSchema)
    def patch(self, data: dict[str, Any]) -> Groupement:
        """Change the groupement's identity or parameters (administrators).

        A new cap or floor is checked on every day of the GE's history (409 with
        `errors.findings` if it would make a standing record unlawful). The settings every
        month reads (the fee and its mode, the absence policy, the VAT mode) are locked while
        an issued month would bill differently: 409 INV-LOCK with `errors.months`.
        `issue_date_days_ahead` bounds the issue dates (today plus that many days).
        `language` (fr, nl, en) is the language of the GE's own papers: it moves no bill,
        so it may change whatever is issued.
        """
        return settings.save_groupement(current_principal(), data)


@blp.route(f"/cost-parameters/<int(min={FIRST_DAY.year}, max={LAST_DAY.year}):year>")
class YearCostParameters(MethodView):
    @blp.response(200, CostParametersSchema)
    def get(self, year: int) -> CostParameters:
        """Cost parameters of a year.

        The defaults of DOMAIN §4 when none were set for that year (1900 to 2199).
        """
        session = db.session()
        found = settings.cost_parameters_of(session, current_principal().groupement_id, year)
        return found or CostParameters(year=year, **settings.cost_defaults())

    @blp.arguments(CostParametersSchema)
    @blp.response(200, CostParametersSchema)
    def put(self, data: dict[str, Any], year: int) -> CostParameters:
        """Set the cost parameters of a year (administrators).

        Percentages as decimal text with four decimals at most, up to 1000. Refused with
        409 INV-LOCK when an issued month of that year would bill differently.
        """
        return settings.save_cost_parameters(current_principal(), year, data)
