"""Workbooks in: the templates to fill, and the uploads of schedules and payroll costs."""

from typing import Any

import marshmallow as ma
from flask import Response, abort, current_app, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint
from werkzeug.exceptions import RequestEntityTooLarge

from exports.templates import payroll_template, schedule_template

from ..auth import current_principal
from ..downloads import attachment
from ..errors import InvalidInput, error_payload
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
# The multipart envelope around the file (boundaries, part headers) is small.
ENVELOPE = 512 * 1024


def limits() -> imports.Limits:
    """The import limits of this deployment (IMPORT_MAX_BYTES), for the API and the page."""
    return imports.Limits.of(current_app.config)


def request_limit(limits: imports.Limits) -> int:
    """What an upload request may weigh: the file's limit and its envelope. Flask's
    MAX_CONTENT_LENGTH (1 MB) stays the limit of every other request."""
    return limits.max_bytes + ENVELOPE


class ImportResult(Schema):
    created = ma.fields.Integer()
    ids = ma.fields.List(ma.fields.Integer())
    findings = ma.fields.List(ma.fields.Dict())


@blp.errorhandler(RequestEntityTooLarge)
def too_large_upload(_error: RequestEntityTooLarge) -> tuple[Response, int]:
    """An upload over the limit, whether its request or the file in it: 413 in the one
    error shape, naming the limit."""
    message = imports.too_large(limits())
    return jsonify(error_payload(413, message, {"file": [message]})), 413


def read_upload(limits: imports.Limits) -> tuple[bytes, str]:
    request.max_content_length = request_limit(limits)
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise InvalidInput({"file": ["Missing data for required field."]})
    try:
        data = upload.stream.read(limits.max_bytes + 1)
    finally:
        upload.close()  # a large upload is spooled to a temporary file
    if len(data) > limits.max_bytes:
        abort(413)
    return data, upload.filename


TEMPLATES = {
    "schedules": (schedule_template, "modele-horaires.xlsx"),
    "payroll-costs": (payroll_template, "modele-couts-salariaux.xlsx"),
}


def template_download(kind: str) -> Response:
    """The workbook to fill in for an import, as a download (the API and the page)."""
    make, name = TEMPLATES[kind]
    return attachment(make(), XLSX, name)


@blp.route("/templates/schedules")
class ScheduleTemplate(MethodView):
    @blp.doc(responses={"200": {"description": "XLSX", "content": {XLSX: {}}}})
    def get(self) -> Response:
        """The schedule template.

        One sheet: the headers, then one example row to replace; one row per weekly slot.
        """
        return template_download("schedules")


@blp.route("/templates/payroll-costs")
class PayrollTemplate(MethodView):
    @blp.doc(responses={"200": {"description": "XLSX", "content": {XLSX: {}}}})
    def get(self) -> Response:
        """The payroll-cost template.

        One sheet: the headers, then one example row to replace; one row per worker and month.
        """
        return template_download("payroll-costs")


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
    bounds = limits()
    data, filename = read_upload(bounds)
    written, findings = imports.run_import(
        current_principal().groupement_id, importer, data, filename, bounds
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

        At most IMPORT_MAX_BYTES (5 MB by default), 5,000 rows and 30 columns per sheet, no
        formulas. Every cell is checked, then every assignment is written, legal rules
        included, or nothing is. A refusal lists the first 200 errors in `errors.rows`
        (by sheet, row and column) and counts them all in `errors.count`.
        """
        return _import(imports.import_schedules)


@blp.route("/payroll-costs")
class PayrollUpload(MethodView):
    @blp.response(201, ImportResult)
    @blp.doc(requestBody=UPLOAD_BODY)
    def post(self) -> dict[str, Any]:
        """Upload payroll costs (.xlsx).

        The same limits as schedules. Every cell is checked, then all rows are written, or
        none (INV-LOCK on issued months).
        """
        return _import(imports.import_payroll)
