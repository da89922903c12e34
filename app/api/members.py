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
from ..services import records, yearly_statement
from ..services.compliance import Period
from . import crud, fields
from .schemas import (
    PEPPOL_ID,
    POSTAL_CODE,
    CheckedSchema,
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
