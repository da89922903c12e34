"""The month's close: where a GE's month stands, step by step, and the timesheets an
administrator marks reviewed."""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import marshmallow as ma
from flask import url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth import current_principal
from ..db import db
from ..errors import Forbidden
from ..i18n import N_, t
from ..models import Groupement
from ..models.enums import Role
from ..services import month_close
from ..services.billing import parse_period
from .schemas import Instant, Schema, reference

blp = Blueprint(
    "month_close",
    __name__,
    url_prefix="/api/v1/month-close",
    description=(
        "Clôture du mois : feuilles de prestations revues, prestations exportées, coûts "
        "salariaux importés et comparés au modèle, brouillon, factures émises"
    ),
)

STEP_LABELS = {
    "reviewed": N_("month_close.step.reviewed"),
    "exported": N_("month_close.step.exported"),
    "payroll_imported": N_("month_close.step.payroll_imported"),
    "payroll_compared": N_("month_close.step.payroll_compared"),
    "drafted": N_("month_close.step.drafted"),
    "issued": N_("month_close.step.issued"),
}


def plain(value: Any) -> Any:
    """Figures as the API writes them: amounts and percentages as strings, days ISO 8601,
    instants in UTC with their offset."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


class StepSchema(Schema):
    name = ma.fields.String(
        metadata={
            "description": "reviewed, exported, payroll_imported, payroll_compared, drafted, issued"
        }
    )
    label = ma.fields.String(metadata={"description": "The step in the reader's language"})
    done = ma.fields.Boolean()
    late = ma.fields.Boolean(metadata={"description": "issued: after the 15th of next month"})
    link = ma.fields.String(metadata={"description": "The page that does it"})
    figures = ma.fields.Dict(
        keys=ma.fields.String(),
        metadata={"description": "The step's figures (amounts and percentages as strings)"},
    )


class ChecklistSchema(Schema):
    period = ma.fields.String()
    complete = ma.fields.Boolean()
    steps = ma.fields.List(ma.fields.Nested(StepSchema))


class ReviewInput(Schema):
    worker_id = reference(required=True)


class ReviewSchema(Schema):
    id = ma.fields.Integer()
    worker_id = ma.fields.Integer()
    period = ma.fields.String()
    reviewed_by = ma.fields.Integer()
    reviewed_at = Instant()


def checklist_json(checklist: month_close.Checklist) -> dict[str, Any]:
    return {
        "period": f"{checklist.month:%Y-%m}",
        "complete": checklist.complete,
        "steps": [
            {
                "name": step.name,
                "label": t(STEP_LABELS[step.name]),
                "done": step.done,
                "late": step.late,
                "link": url_for(step.page[0], **step.page[1]),
                "figures": plain(step.figures),
            }
            for step in checklist.steps
        ],
    }


@blp.route("/<period>")
class MonthClose(MethodView):
    @blp.response(200, ChecklistSchema)
    def get(self, period: str) -> dict[str, Any]:
        """Where the month (YYYY-MM) stands: each step done or not, its figures and the
        page that does it.

        Every worker's timesheet reviewed (a later change to its records unmarks it), the
        prestations exported (who, when), payroll costs imported for every worker under
        contract, imported costs against the cost model (a difference above the GE's
        `payroll_gap_percent` flagged with both figures), the month drafted, its invoices
        issued (late after the 15th of the next month). GE staff only (a member user: 403).
        """
        principal = current_principal()
        if principal.role is Role.MEMBER:
            raise Forbidden()
        session = db.session()
        groupement = session.get_one(Groupement, principal.groupement_id)
        return checklist_json(month_close.checklist(session, groupement, parse_period(period)))


@blp.route("/<period>/reviews")
class Reviews(MethodView):
    @blp.arguments(ReviewInput)
    @blp.response(201, ReviewSchema)
    def post(self, data: dict[str, Any], period: str) -> dict[str, Any]:
        """Mark a worker's timesheet of the month reviewed, as it is now (administrators).

        The review holds while the worker's records of the month stay as they are (its
        day entries, contracts, assignments and slots, the GE's replacement days): any
        later change unmarks it; the payroll imported afterwards does not. Another GE's
        or an unknown worker: 404; a worker without a contract in the month: 422;
        nothing written. Audited.
        """
        review = month_close.mark_reviewed(
            current_principal(), parse_period(period), data["worker_id"]
        )
        return {
            "id": review.id,
            "worker_id": review.worker_id,
            "period": f"{review.month:%Y-%m}",
            "reviewed_by": review.reviewed_by,
            "reviewed_at": review.reviewed_at,
        }
