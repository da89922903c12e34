"""Workbooks in: the templates to fill, and the uploads of schedules and payroll costs."""

from typing import Any

import marshmallow as ma
from flask import Response, request
from flask.views import MethodView
from flask_smorest import Blueprint

from exports.templates import payroll_template, schedule_template

from ..auth import current_principal
from ..errors import InvalidInput
from ..services import imports
from ..services.compliance import finding_json
from .schemas import Schema

blp = Blueprint(
    "imports",
    __name__,
    url_prefix="/api/v1/imports",
    description="Import de classeurs Excel : horaires et coûts salariaux (tout ou rien)",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The file may weigh 5 MB; the multipart envelope around it a little more.
REQUEST_LIMIT = imports.LARGEST_UPLOAD + 512 * 1024


class ImportResult(Schema):
    created = ma.fields.Integer()
    ids = ma.fields.List(ma.fields.Integer())
    findings = ma.fields.List(ma.fields.Dict())


def _upload() -> tuple[bytes, str]:
    request.max_content_length = REQUEST_LIMIT
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise InvalidInput({"file": ["Missing data for required field."]})
    try:
        data = upload.stream.read(imports.LARGEST_UPLOAD + 1)
    finally:
        upload.close()  # a large upload is spooled to a temporary file
    if len(data) > imports.LARGEST_UPLOAD:
        raise InvalidInput({"file": ["upload_too_large"]})
    return data, upload.filename


def _template(data: bytes, name: str) -> Response:
    response = Response(data, mimetype=XLSX)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@blp.route("/templates/schedules")
class ScheduleTemplate(MethodView):
    @blp.doc(responses={"200": {"description": "XLSX", "content": {XLSX: {}}}})
    def get(self) -> Response:
        """The schedule template.

        One row per weekly slot, with an instructions sheet.
        """
        return _template(schedule_template(), "modele-horaires.xlsx")


@blp.route("/templates/payroll-costs")
class PayrollTemplate(MethodView):
    @blp.doc(responses={"200": {"description": "XLSX", "content": {XLSX: {}}}})
    def get(self) -> Response:
        """The payroll-cost template.

        One row per worker and month, with an instructions sheet.
        """
        return _template(payroll_template(), "modele-couts-salariaux.xlsx")


UPLOAD_BODY = {
    "content": {
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {"file": {"type": "string", "format": "binary"}},
            }
        }
    }
}


def _import(importer: imports.Importer) -> dict[str, Any]:
    data, filename = _upload()
    written, findings = imports.run_import(
        current_principal().groupement_id, importer, data, filename
    )
    return {
        "created": len(written),
        "ids": [row.id for row in written],
        "findings": [finding_json(f) for f in findings],
    }


@blp.route("/schedules")
class ScheduleUpload(MethodView):
    @blp.response(201, ImportResult)
    @blp.doc(requestBody=UPLOAD_BODY)
    def post(self) -> dict[str, Any]:
        """Upload schedules (.xlsx).

        Every cell is checked (errors by sheet, row and column), then every assignment is
        written, legal rules included, or nothing is.
        """
        return _import(imports.import_schedules)


@blp.route("/payroll-costs")
class PayrollUpload(MethodView):
    @blp.response(201, ImportResult)
    @blp.doc(requestBody=UPLOAD_BODY)
    def post(self) -> dict[str, Any]:
        """Upload payroll costs (.xlsx).

        Every cell is checked, then all rows are written, or none (INV-LOCK on issued months).
        """
        return _import(imports.import_payroll)
