"""The GE's standing against the law: the compliance report, and its derogations."""

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.orm import Session

import legal_rules
from legal_rules.periods import headcount, planned_minutes

from ..auth import Principal, current_principal
from ..db import db
from ..errors import Forbidden, InvalidInput
from ..i18n import N_, t
from ..models import Derogation, Groupement
from ..models.enums import DerogationKind, Role
from ..services import records
from ..services.compliance import Period, finding_json, load_snapshot, report_findings
from . import crud
from .schemas import CheckedSchema, FindingSchema, Schema, iso_date, optional_text, required_text

blp = Blueprint(
    "compliance",
    __name__,
    url_prefix="/api/v1/compliance",
    description="Conformité : constats de la législation sur la période",
)
derogations_blp = Blueprint(
    "derogations",
    __name__,
    url_prefix="/api/v1/derogations",
    description="Dérogations enregistrées (elles font taire la règle qu'elles couvrent)",
)

# Three years of days is plenty for a report, and bounds the work of one request.
LONGEST_REPORT = timedelta(days=3 * 366)


class ReportQuery(Schema):
    from_ = iso_date(data_key="from", required=True)
    to = iso_date(required=True)


class HeadcountDaySchema(Schema):
    date = ma.fields.Date()
    count = ma.fields.Integer()
    cap = ma.fields.Integer()


class PlannedHoursSchema(Schema):
    worker_id = ma.fields.Integer()
    worker = ma.fields.String()
    contract_id = ma.fields.Integer()
    first_date = ma.fields.Date()
    last_date = ma.fields.Date()
    planned_weekly_hours = ma.fields.String()
    contract_weekly_hours = ma.fields.String()


class ReportSchema(Schema):
    from_ = ma.fields.Date(data_key="from")
    to = ma.fields.Date()
    findings = ma.fields.List(ma.fields.Nested(FindingSchema))
    headcount = ma.fields.List(ma.fields.Nested(HeadcountDaySchema))
    planned_hours = ma.fields.List(ma.fields.Nested(PlannedHoursSchema))


def _hours(minutes: Fraction) -> str:
    """Weekly minutes (an average over a cycle may be a fraction) as hours to the hundredth."""
    hours = Decimal(minutes.numerator) / Decimal(minutes.denominator) / 60
    return str(hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


@blp.route("")
class ComplianceReport(MethodView):
    @blp.arguments(ReportQuery, location="query", unknown=ma.RAISE)
    @blp.response(200, ReportSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """The compliance report of a period.

        Every finding of the period, headcount per day against the cap, planned against
        contract hours per worker. GE staff only (it spans every member).
        """
        principal = current_principal()
        if principal.role is Role.MEMBER:
            raise Forbidden()
        start, end = query["from_"], query["to"]
        if end < start:
            raise InvalidInput({"to": [N_("ends_before_start")]})
        if end - start > LONGEST_REPORT:
            raise InvalidInput({"to": ["out_of_range"]})
        session = db.session()
        groupement = session.get_one(Groupement, principal.groupement_id)
        snapshot = load_snapshot(session, groupement, start, end)
        per_day = [
            {
                "date": segment.first + timedelta(days=offset),
                "count": segment.value,
                "cap": groupement.headcount_cap,
            }
            for segment in headcount(snapshot)
            for offset in range((segment.last - segment.first).days + 1)
        ]
        planned = [
            {
                "worker_id": c.worker_id,
                "worker": c.worker_name,
                "contract_id": c.id,
                "first_date": s.first,
                "last_date": s.last,
                "planned_weekly_hours": _hours(s.weekly_minutes),
                "contract_weekly_hours": f"{c.weekly_hours:.2f}",
            }
            for c in sorted(snapshot.contracts, key=lambda c: (c.worker_name, c.starts_on))
            for s in planned_minutes(snapshot, c)
        ]
        return {
            "from_": start,
            "to": end,
            "findings": [finding_json(f) for f in report_findings(session, groupement, snapshot)],
            "headcount": per_day,
            "planned_hours": planned,
        }


class DerogationSchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    rule_id = ma.fields.String(required=True)
    kind = ma.fields.Enum(DerogationKind, by_value=True, required=True)
    reference = required_text(200)
    starts_on = iso_date(required=True)
    ends_on = iso_date(load_default=None, allow_none=True)
    note = optional_text(500)


def _check_derogation(session: Session, principal: Principal, derogation: Derogation) -> None:
    if derogation.rule_id not in legal_rules.DEROGABLE:
        rules = ", ".join(sorted(legal_rules.DEROGABLE))
        raise InvalidInput({"rule_id": [t("rule_not_derogable", rules=rules)]})
    if derogation.ends_on is not None and derogation.ends_on < derogation.starts_on:
        raise InvalidInput({"ends_on": [N_("ends_before_start")]})


crud.register(
    derogations_blp,
    records.Resource(
        model=Derogation,
        # Derogations concern the GE's workers at every member: GE staff only.
        member_scope=records.staff_only,
        order_by=(Derogation.starts_on, Derogation.id),
        check=_check_derogation,
        period=lambda d: Period(d.starts_on, d.ends_on),
    ),
    DerogationSchema,
    "Dérogations",
)
