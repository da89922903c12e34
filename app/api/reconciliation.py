"""The payroll reconciliation: per worker and month, the cost model against the social
secretariat's imported figures by component, the gaps, and where to correct the model."""

from typing import Any

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from exports import reconciliation as words

from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..i18n import language
from ..services import reconciliation
from ..services.reconciliation import gap_json
from .schemas import Schema

blp = Blueprint(
    "payroll_reconciliation",
    __name__,
    url_prefix="/api/v1/payroll-reconciliation",
    description=(
        "Rapprochement de la paie : coût modélisé et coût importé du secrétariat social "
        "par composante, par travailleur et par mois, écarts et paramètres de coût à revoir"
    ),
)


class PayrollGapSchema(Schema):
    component = ma.fields.String(
        metadata={
            "description": "gross, employer_contributions, holiday_provision, "
            "year_end_provision, other (modelled: accident insurance + prevention service "
            "+ meal vouchers), total"
        }
    )
    label = ma.fields.String()
    modelled = ma.fields.String()
    imported = ma.fields.String()
    difference = ma.fields.String(metadata={"description": "imported - modelled, euros"})
    percent = ma.fields.String(
        allow_none=True, metadata={"description": "difference in percent of the model"}
    )
    flagged = ma.fields.Boolean(metadata={"description": "above the GE's threshold"})


class PayrollWorkerMonthSchema(Schema):
    worker_id = ma.fields.Integer()
    name = ma.fields.String()
    period = ma.fields.String()
    flagged = ma.fields.Boolean()
    components = ma.fields.List(ma.fields.Nested(PayrollGapSchema))


class PayrollMonthSchema(Schema):
    period = ma.fields.String()
    workers = ma.fields.Integer()
    flagged = ma.fields.Boolean()
    components = ma.fields.List(ma.fields.Nested(PayrollGapSchema))


class PayrollParameterSchema(Schema):
    name = ma.fields.String()
    value = ma.fields.String()


class PayrollCorrectionSchema(Schema):
    year = ma.fields.Integer()
    component = ma.fields.String()
    periods = ma.fields.List(ma.fields.String())
    gap = ma.fields.Nested(PayrollGapSchema)
    parameters = ma.fields.List(ma.fields.Nested(PayrollParameterSchema))
    imported_rate = ma.fields.String(
        allow_none=True, metadata={"description": "the component in percent of the imported gross"}
    )
    message = ma.fields.String()


class PayrollReconciliationSchema(Schema):
    period = ma.fields.String()
    threshold_percent = ma.fields.String()
    notes = ma.fields.List(ma.fields.String())
    rows = ma.fields.List(ma.fields.Nested(PayrollWorkerMonthSchema))
    months = ma.fields.List(ma.fields.Nested(PayrollMonthSchema))
    corrections = ma.fields.List(ma.fields.Nested(PayrollCorrectionSchema))


def as_json(found: reconciliation.Reconciliation, lang: str) -> dict[str, Any]:
    def gaps(comparison: Any) -> list[dict[str, Any]]:
        return [
            gap_json(gap, found.threshold) | {"label": words.component(gap.component, lang)}
            for gap in comparison.gaps
        ]

    return {
        "period": reconciliation.label(found.first, found.last),
        "threshold_percent": str(found.threshold),
        "notes": words.notes(found.threshold, lang),
        "rows": [
            {
                "worker_id": row.worker_id,
                "name": row.name,
                "period": f"{row.month:%Y-%m}",
                "flagged": row.flagged,
                "components": gaps(row.comparison),
            }
            for row in found.rows
        ],
        "months": [
            {
                "period": f"{month.month:%Y-%m}",
                "workers": month.workers,
                "flagged": month.flagged,
                "components": gaps(month.comparison),
            }
            for month in found.months
        ],
        "corrections": [
            {
                "year": c.year,
                "component": c.component,
                "periods": [f"{m:%Y-%m}" for m in c.months],
                "gap": gap_json(c.gap, found.threshold)
                | {"label": words.component(c.component, lang)},
                "parameters": [{"name": n, "value": str(v)} for n, v in c.parameters],
                "imported_rate": None if c.imported_rate is None else str(c.imported_rate),
                "message": words.correction_text(c, lang),
            }
            for c in found.corrections
        ],
    }


@blp.route("/<period>")
class PayrollReconciliation(MethodView):
    @blp.response(200, PayrollReconciliationSchema)
    def get(self, period: str) -> dict[str, Any]:
        """The payroll reconciliation of a year (YYYY) or a month (YYYY-MM).

        Per worker and month with an imported payroll row: the model's cost and the
        imported one by component (gross, employer contributions, holiday provision,
        year-end provision, other: the model's accident insurance, prevention service
        and meal vouchers together, since the secretariat gives them as one figure, and
        the total), the difference (imported - modelled) in euros and in percent of the
        model, flagged above the GE's `payroll_gap_percent`; the same per month for the
        workers together; and the corrections: per year and component, the months above
        the threshold and the cost parameters of the year involved. GE staff only (a
        member user: 403).
        """
        found = reconciliation.for_principal(db.session(), current_principal(), period)
        return as_json(found, language())


@blp.route("/<period>.xlsx")
class PayrollReconciliationWorkbook(MethodView):
    @blp.doc(responses={"200": {"description": "XLSX", "content": {reconciliation.XLSX: {}}}})
    def get(self, period: str) -> Response:
        """The payroll reconciliation of a year (YYYY) or a month (YYYY-MM) as a workbook,
        in the reader's language: the same figures as the JSON. GE staff only."""
        data, content_type, name = reconciliation.workbook(
            db.session(), current_principal(), period, language()
        )
        return attachment(data, content_type, name)
