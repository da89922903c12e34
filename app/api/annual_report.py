"""The GE's annual activity report to the SPF ETCS: its files, and the record that it was
sent (which ends the GE-REPORT-01 reminder)."""

from typing import Any

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..services import annual_report
from .schemas import Schema

blp = Blueprint(
    "annual_report",
    __name__,
    url_prefix="/api/v1/annual-report",
    description="Rapport d'activité annuel au SPF Emploi (SPF ETCS)",
)


class SentSchema(Schema):
    year = ma.fields.Integer(metadata={"description": "L'année dont le rapport est envoyé"})
    annual_report_last_year = ma.fields.Integer(
        allow_none=True,
        metadata={"description": "Dernière année dont le rapport est enregistré comme envoyé"},
    )


@blp.route("/<int:year>.<any(pdf, xlsx):kind>")
class AnnualReportFile(MethodView):
    @blp.doc(
        responses={
            "200": {
                "description": "PDF or XLSX",
                "content": {"application/pdf": {}, annual_report.XLSX: {}},
            }
        }
    )
    def get(self, year: int, kind: str) -> Response:
        """The annual activity report of a year, as PDF or XLSX, in the GE's language.

        Members with their dates, workers with their contracts and hours, headcount per
        day against the cap, hours per member (issued invoices less credit notes),
        derogations in force, and the year's findings per rule and severity. GE staff
        only (it spans every member); a year not begun yet: 422.
        """
        data, content_type, name = annual_report.report_file(
            db.session(), current_principal(), year, kind
        )
        return attachment(data, content_type, name)


@blp.route("/<int:year>/sent")
class AnnualReportSent(MethodView):
    @blp.response(200, SentSchema)
    def post(self, year: int) -> dict[str, Any]:
        """Record the report of a year as sent to the SPF ETCS (administrators).

        The GE's last year reported becomes that year (an earlier year changes nothing),
        so the GE-REPORT-01 reminder stops for it. A year not begun yet: 422, nothing
        written. Audited.
        """
        last = annual_report.mark_sent(current_principal(), year)
        return {"year": year, "annual_report_last_year": last}
