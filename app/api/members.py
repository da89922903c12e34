"""Members: the employers the GE may place its workers with."""

from typing import Any

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select
from sqlalchemy.orm import Session

from ..auth import Principal, current_principal
from ..db import db
from ..downloads import attachment
from ..errors import InvalidInput
from ..i18n import N_, t
from ..models import Member
from ..models.enums import Language, LegalForm, VatTreatment
from ..services import alone, records, yearly_statement
from ..services.compliance import Period
from . import crud, fields
from .schemas import (
    PEPPOL_ID,
    POSTAL_CODE,
    CheckedSchema,
    Schema,
    iso_date,
    optional_text,
    required_text,
)

blp = Blueprint("members", __name__, url_prefix="/api/v1/members", description="Membres")


class MemberSchema(CheckedSchema):
    id = ma.fields.Integer(dump_only=True)
    name = required_text(200)
    legal_form = ma.fields.Enum(LegalForm, by_value=True, required=True)
    enterprise_number = fields.EnterpriseNumber(required=True)
    vat_number = fields.VatNumber(load_default=None, allow_none=True)
    vat_treatment = ma.fields.Enum(VatTreatment, by_value=True, load_default=VatTreatment.STANDARD)
    street = required_text(200)
    postal_code = ma.fields.String(required=True, validate=ma.validate.Regexp(POSTAL_CODE))
    city = required_text(100)
    country = ma.fields.String(load_default="BE", validate=ma.validate.Regexp(r"^[A-Z]{2}$"))
    invoice_email = ma.fields.Email(load_default=None, allow_none=True)
    iban = fields.Iban(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Le compte d'où il paie : ses virements sans communication "
            "structurée sont proposés contre ses factures"
        },
    )
    language = ma.fields.Enum(Language, by_value=True, load_default=Language.FR)
    peppol_id = optional_text(64, validate=ma.validate.Regexp(PEPPOL_ID))
    joined_on = iso_date(required=True)
    left_on = iso_date(load_default=None, allow_none=True)


def _check(session: Session, principal: Principal, member: Member) -> None:
    if member.left_on is not None and member.left_on < member.joined_on:
        raise InvalidInput({"left_on": [N_("ends_before_start")]})
    expected_vat = f"BE{member.enterprise_number}"
    if member.vat_number is not None and member.vat_number != expected_vat:
        raise InvalidInput({"vat_number": [t("vat_matches_enterprise", expected=expected_vat)]})
    if member.peppol_id and member.peppol_id.startswith("0208:"):
        # Scheme 0208 is the Belgian enterprise number: it must be a valid one.
        try:
            fields.EnterpriseNumber().deserialize(member.peppol_id.removeprefix("0208:"))
        except ma.ValidationError as error:
            raise InvalidInput({"peppol_id": [N_("invalid_peppol_id")]}) from error


def _apply(member: Member, data: dict[str, Any]) -> None:
    derived = f"0208:{member.enterprise_number}" if member.enterprise_number else None
    records.set_fields(member, data)
    # The Peppol id follows the enterprise number unless one was set by hand.
    if data.get("peppol_id") is None and member.peppol_id in (None, derived):
        member.peppol_id = f"0208:{member.enterprise_number}"


def _own_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    return stmt.where(Member.id == member_id)


RESOURCE = records.Resource(
    model=Member,
    member_scope=_own_member,
    order_by=(Member.name, Member.id),
    apply=_apply,
    check=_check,
    period=lambda m: Period(m.joined_on, m.left_on),
)
crud.register(blp, RESOURCE, MemberSchema, "Membres")


@blp.route("/<int:member_id>/yearly-statement/<int:year>.<any(pdf, xlsx):kind>")
class YearlyStatement(MethodView):
    @blp.doc(
        responses={
            "200": {"description": "PDF or XLSX", "content": {"application/pdf": {}}},
            "404": {"description": "Not a member of the caller's, or not the member's own"},
        }
    )
    def get(self, member_id: int, year: int, kind: str) -> Response:
        """A member's yearly statement, as PDF or XLSX, in the member's language.

        Per billed month and per worker: the hours received (worked, paid absence) and
        the staff cost; per month the fee, the overhead, the issued invoices and credit
        notes and the payments received on them; the year's totals, which are the
        member's issued documents billing that year (invoices less credit notes, VAT
        apart). A member that left gets its statement too. A member user gets its own
        (404 for another's).
        """
        data, mimetype, name = yearly_statement.yearly_statement_file(
            db.session(), current_principal(), member_id, year, kind
        )
        return attachment(data, mimetype, name)


# -- what hiring alone would have cost -------------------------------------------------


class AloneCostSchema(Schema):
    gross = fields.Money()
    employer_contributions = fields.Money()
    holiday_provision = fields.Money()
    year_end_provision = fields.Money()
    accident_insurance = fields.Money()
    prevention_service = fields.Money()
    meal_vouchers = fields.Money()
    total = fields.Money()


class AloneWorkerSchema(Schema):
    worker_id = ma.fields.Integer()
    worker = ma.fields.String()
    months = ma.fields.Integer(metadata={"description": "Mois où le membre a reçu ce travailleur"})
    received_hours = fields.Hours(metadata={"description": "Heures prestées et absences payées"})
    need_weekly_hours = fields.Hours(metadata={"description": "Heures reçues par semaine"})
    minimum_weekly_hours = fields.Hours()
    contract_weekly_hours = fields.Hours()
    hourly_gross = fields.Money()
    monthly_gross = fields.Money()
    days_per_week = ma.fields.Integer()
    meal_voucher_days = ma.fields.Integer()
    cost = ma.fields.Nested(AloneCostSchema)
    recruitment = fields.Money()
    payroll_admin = fields.Money()
    alone = fields.Money(metadata={"description": "Ce qu'embaucher seul aurait coûté"})
    paid = fields.Money(metadata={"description": "Ce que le membre a payé, hors TVA"})
    difference = fields.Money()
    percent = fields.Percent(allow_none=True)


class AloneSchema(Schema):
    member_id = ma.fields.Integer()
    member = ma.fields.String()
    year = ma.fields.Integer()
    workers = ma.fields.List(ma.fields.Nested(AloneWorkerSchema))
    alone = fields.Money()
    paid = fields.Money()
    difference = fields.Money()
    percent = fields.Percent(allow_none=True)
    assumptions = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())


class AloneQuery(Schema):
    year = ma.fields.Integer(required=True, validate=ma.validate.Range(min=2000, max=2100))


@blp.route("/<int:member_id>/alone")
class HiringAlone(MethodView):
    @blp.arguments(AloneQuery, location="query", unknown=ma.RAISE)
    @blp.response(200, AloneSchema)
    def get(self, query: dict[str, Any], member_id: int) -> dict[str, Any]:
        """What hiring alone would have cost the member, worker by worker, over a year.

        From its issued invoices and credit notes of the year: the hours it received of
        each worker per week on average, the contract it would have had to offer alone (at
        least the part-time minimum, a GE parameter), its cost with the GE's cost model of
        the year, recruitment and payroll administration, against what it paid (before
        VAT), with every assumption. A member user reads its own only (404 otherwise).
        """
        found = alone.member_comparison(db.session(), current_principal(), member_id, query["year"])
        return alone.comparison_view(found)
