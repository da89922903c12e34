"""The REST API under /api/v1: one blueprint per resource, bearer tokens on every route."""

from typing import Any

from apispec.ext import marshmallow as apispec_marshmallow
from flask import Flask, request, send_from_directory
from flask_smorest import Api
from flask_smorest.spec.plugins import integerconverter2paramschema
from sqlalchemy import text
from swagger_ui_bundle import swagger_ui_path

from ..auth import authenticate_request, require_writer
from ..db import db
from . import (
    annual_report,
    billing,
    compliance,
    fields,
    groupement,
    imports,
    jobs,
    liability,
    members,
    month_close,
    openapi,
    payments,
    prestations,
    reconciliation,
    schedule,
    time_entries,
    tokens,
    workers,
)
from .openapi import MutuaApi
from .schemas import Instant, RowId, TimeOfDay

BLUEPRINTS = (
    groupement.blp,
    members.blp,
    workers.workers_blp,
    workers.contracts_blp,
    schedule.blp,
    time_entries.day_entries_blp,
    time_entries.replacement_days_blp,
    compliance.blp,
    compliance.derogations_blp,
    annual_report.blp,
    liability.debts_blp,
    liability.payments_blp,
    liability.exposure_blp,
    payments.bank_blp,
    payments.accounts_blp,
    payments.mandates_blp,
    payments.rates_blp,
    billing.payroll_blp,
    billing.overheads_blp,
    billing.runs_blp,
    billing.invoices_blp,
    billing.exports_blp,
    billing.batches_blp,
    billing.lines_blp,
    prestations.profiles_blp,
    prestations.blp,
    month_close.blp,
    reconciliation.blp,
    imports.blp,
    jobs.notifications_blp,
    jobs.job_runs_blp,
    tokens.blp,
)

# The OpenAPI document and its docs page are public, like the service's health.
PUBLIC_PREFIXES = ("/api/v1/openapi.json", "/api/v1/docs")
# Every user manages their own tokens, whatever their role.
SELF_SERVICE_PREFIXES = ("/api/v1/tokens",)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _require_token() -> None:
    """Authenticate every API call; only administrators write (checked before the body)."""
    if not request.path.startswith("/api/") or request.path.startswith(PUBLIC_PREFIXES):
        return
    authenticate_request(request.headers.get("Authorization"))
    if request.method not in READ_METHODS and not request.path.startswith(SELF_SERVICE_PREFIXES):
        require_writer()


def _schema_name(schema: Any) -> str:
    """Component name in the OpenAPI document; a PATCH body (partial) gets its own."""
    name = apispec_marshmallow.resolver(schema)
    return f"{name}Patch" if getattr(schema, "partial", False) else name


# What the text of each exact value looks like, as it is sent back (input also takes an
# integer amount or hours, and fewer decimals).
PATTERNS: dict[type, str] = {
    fields.Money: r"^-?[0-9]{1,13}\.[0-9]{2}$",
    fields.Hours: r"^-?[0-9]{1,6}\.[0-9]{2}$",
    fields.Percent: r"^[0-9]{1,4}(\.[0-9]{1,4})?$",
    fields.MonthField: r"^[0-9]{4}-(0[1-9]|1[0-2])$",
    TimeOfDay: r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
}


def _pattern(_converter: Any, field: Any, **_kwargs: Any) -> dict[str, str]:
    found = next((p for cls, p in PATTERNS.items() if isinstance(field, cls)), None)
    return {"pattern": found} if found else {}


def register(app: Flask) -> Api:
    # Every <int:…> of every route (pages included) is a row id the database can hold.
    app.url_map.converters["int"] = RowId
    # One Api per app: its OpenAPI document is built from this app's blueprints.
    plugin = apispec_marshmallow.MarshmallowPlugin(schema_name_resolver=_schema_name)
    api = MutuaApi(
        app,
        spec_kwargs={"marshmallow_plugin": plugin, "extra_plugins": [openapi.ErrorAnswers()]},
    )
    api.register_converter(RowId, integerconverter2paramschema)
    openapi.declare_error_answers(api)
    for field_class in (fields.Money, fields.Hours, fields.Percent):
        api.register_field(field_class, "string", "decimal")
    api.register_field(fields.MonthField, "string", None)
    api.register_field(TimeOfDay, "string", None)
    api.register_field(Instant, "string", "date-time")
    plugin.converter.add_attribute_function(_pattern)
    app.before_request(_require_token)
    for blueprint in BLUEPRINTS:
        api.register_blueprint(blueprint)

    @app.get("/api/v1/docs/assets/<path:filename>")
    def swagger_ui_assets(filename: str) -> Any:
        return send_from_directory(str(swagger_ui_path), filename)

    @app.get("/healthz")
    def healthz() -> tuple[dict[str, Any], int]:
        """Liveness and database reachability, without authentication."""
        try:
            db.session().execute(text("SELECT 1"))
        except Exception as error:  # any failure of the database is the answer
            app.logger.warning("health check: database unreachable: %s", error)
            return {"status": "error", "database": "unreachable"}, 503
        engine = db.engine.dialect.name if db.engine else "unknown"
        return {"status": "ok", "database": engine}, 200

    return api
