"""The month's prestations for the social secretariat, and the GE's secretariat profiles
(the layout each secretariat reads them in)."""

from typing import Any

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint

from exports.prestations import COLUMNS, DATE_FORMATS, DECIMAL_MARKS, DEFAULT_CODES, SEPARATORS

from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..models.enums import WorkerIdentifier
from ..services import prestations
from ..services.billing import parse_period
from . import crud
from .schemas import Schema, required_text

profiles_blp = Blueprint(
    "secretariat_profiles",
    __name__,
    url_prefix="/api/v1/secretariat-profiles",
    description=(
        "Profils de secrétariat social : colonnes et leur ordre, séparateur, marque "
        "décimale, format de date, identifiant du travailleur et codes des prestations. "
        "Plusieurs par groupement, un seul par défaut"
    ),
)
blp = Blueprint(
    "prestations",
    __name__,
    url_prefix="/api/v1/prestations",
    description="Prestations du mois pour le secrétariat social (CSV, XLSX)",
)


class SecretariatProfileSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    name = required_text(100)
    columns = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(max=40)),
        load_default=lambda: list(COLUMNS),
        validate=ma.validate.Length(min=1, max=len(COLUMNS)),
        metadata={"description": f"Colonnes dans l'ordre du fichier, parmi {', '.join(COLUMNS)}"},
    )
    separator = ma.fields.String(
        load_default=",",
        validate=ma.validate.Length(max=4),
        metadata={"description": "Séparateur du CSV : " + " ".join(repr(s) for s in SEPARATORS)},
    )
    decimal_mark = ma.fields.String(
        load_default=".",
        validate=ma.validate.Length(max=4),
        metadata={"description": "Marque décimale : " + " ".join(DECIMAL_MARKS)},
    )
    date_format = ma.fields.String(
        load_default="YYYY-MM-DD",
        validate=ma.validate.Length(max=16),
        metadata={"description": "Format des dates : " + ", ".join(DATE_FORMATS)},
    )
    identifier = ma.fields.Enum(
        WorkerIdentifier, by_value=True, load_default=WorkerIdentifier.NATIONAL_NUMBER
    )
    codes = ma.fields.Dict(
        keys=ma.fields.String(validate=ma.validate.Length(max=40)),
        values=ma.fields.String(validate=ma.validate.Length(max=40)),
        load_default=dict,
        metadata={
            "description": (
                "Code du secrétariat par type de prestation ; les types absents gardent "
                "leur code par défaut (des exemples à remplacer par ceux du secrétariat : "
                + ", ".join(f"{kind} {code}" for kind, code in DEFAULT_CODES.items())
                + ")"
            )
        },
    )
    is_default = ma.fields.Boolean(load_default=False)


crud.register(
    profiles_blp, prestations.PROFILES, SecretariatProfileSchema, "Profils de secrétariat social"
)


class ExportQuery(Schema):
    profile = ma.fields.Integer(
        load_default=None,
        validate=ma.validate.Range(min=1, max=2**31 - 1),
        metadata={"description": "Le profil (par défaut : celui du groupement, sinon Mutua)"},
    )


@blp.route("/<period>.<any(csv, xlsx):kind>")
class PrestationsFile(MethodView):
    @blp.arguments(ExportQuery, location="query", unknown=ma.RAISE)
    @blp.doc(
        responses={
            "200": {
                "description": "CSV or XLSX",
                "content": {prestations.CSV: {}, prestations.XLSX: {}},
            }
        }
    )
    def get(self, query: dict[str, Any], period: str, kind: str) -> Response:
        """The month's prestations (YYYY-MM) per worker, day, kind and member, in the
        layout of a secretariat profile.

        Hours worked at each member, extra hours, training, public holidays, replacement
        days, paid leave, sickness, small leave and unpaid absences: the billing's own
        figures for the month. The GE's staff only (a member user: 403); another GE's
        profile: 404; a worker the profile cannot name (no national register number, or
        no secretariat number): 422.
        """
        data, content_type, name = prestations.export(
            db.session(), current_principal(), parse_period(period), kind, query["profile"]
        )
        return attachment(data, content_type, name)
