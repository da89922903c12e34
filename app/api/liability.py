"""The joint-liability register: the GE's debts, their payments, each member's exposure."""

from datetime import date
from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, selectinload

from allocation import calendar

from ..auth import Principal, current_principal
from ..db import db
from ..errors import InvalidInput
from ..i18n import N_
from ..models import Debt, DebtPayment, Member
from ..models.enums import DebtKind, Role
from ..services import records
from ..services.compliance import finding_json
from ..services.liability import exposure
from . import crud, fields
from .schemas import FindingSchema, Schema, iso_date, optional_text, reference

debts_blp = Blueprint(
    "debts",
    __name__,
    url_prefix="/api/v1/liability/debts",
    description="Registre de responsabilité solidaire : dettes sociales et fiscales du groupement",
)
payments_blp = Blueprint(
    "debt_payments",
    __name__,
    url_prefix="/api/v1/liability/payments",
    description="Paiements des dettes du groupement",
)
exposure_blp = Blueprint(
    "exposure",
    __name__,
    url_prefix="/api/v1/liability/exposure",
    description="Exposition de chaque membre aux dettes du groupement",
)

POSITIVE = ma.validate.Range(min=0, min_inclusive=False, error=N_("must_be_positive"))


class PaymentLineSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    paid_on = iso_date(required=True)
    amount = fields.Money(required=True, validate=POSITIVE)


class PaymentSchema(PaymentLineSchema):
    debt_id = reference(required=True)


class DebtSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    kind = ma.fields.Enum(DebtKind, by_value=True, required=True)
    period_start = iso_date(required=True)
    period_end = iso_date(required=True)
    amount = fields.Money(required=True, validate=POSITIVE)
    due_on = iso_date(required=True)
    description = optional_text(300)
    outstanding = ma.fields.Method(
        "_outstanding", dump_only=True, metadata={"type": "string", "format": "decimal"}
    )
    payments = ma.fields.List(ma.fields.Nested(PaymentLineSchema), dump_only=True)

    def _outstanding(self, debt: Debt) -> str:
        return f"{debt.outstanding(date.max):.2f}"


def _check_debt(session: Session, principal: Principal, debt: Debt) -> None:
    if debt.period_end < debt.period_start:
        raise InvalidInput({"period_end": [N_("ends_before_start")]})
    paid = sum((p.amount for p in debt.payments), debt.amount * 0)
    if paid > debt.amount:
        raise InvalidInput({"amount": ["out_of_range"]})


def _check_payment(session: Session, principal: Principal, payment: DebtPayment) -> None:
    debt = records.find_in_groupement(session, Debt, principal, payment.debt_id, "debt_id")
    others = session.scalar(
        select(func.coalesce(func.sum(DebtPayment.amount), 0)).where(
            DebtPayment.debt_id == debt.id, DebtPayment.id != (payment.id or 0)
        )
    )
    if others + payment.amount > debt.amount:
        raise InvalidInput({"amount": ["out_of_range"]})


def _debts_of_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    """A member sees the debts it answers for: those born while it was a member."""
    return stmt.where(
        exists().where(
            Member.id == member_id,
            Member.joined_on <= Debt.period_end,
            or_(Member.left_on.is_(None), Member.left_on >= Debt.period_start),
        )
    )


def _payments_of_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    visible = _debts_of_member(select(Debt.id), member_id)
    return stmt.where(DebtPayment.debt_id.in_(visible))


crud.register(
    debts_blp,
    records.Resource(
        model=Debt,
        member_scope=_debts_of_member,
        moves_nothing=True,
        order_by=(Debt.period_start, Debt.id),
        check=_check_debt,
        load_options=(selectinload(Debt.payments),),
    ),
    DebtSchema,
    "Dettes du groupement",
)
crud.register(
    payments_blp,
    records.Resource(
        model=DebtPayment,
        member_scope=_payments_of_member,
        moves_nothing=True,
        order_by=(DebtPayment.paid_on, DebtPayment.id),
        check=_check_payment,
    ),
    PaymentSchema,
    "Paiements des dettes",
)


class ExposureQuery(Schema):
    as_of = iso_date(load_default=None)


class DebtShareSchema(Schema):
    debt_id = ma.fields.Integer(attribute="debt.id")
    kind = ma.fields.String(attribute="debt.kind.value")
    period_start = ma.fields.Date(attribute="debt.period_start")
    period_end = ma.fields.Date(attribute="debt.period_end")
    due_on = ma.fields.Date(attribute="debt.due_on")
    overdue = ma.fields.Boolean()
    outstanding = fields.Money()
    planned_hours = ma.fields.Method("_planned", metadata={"type": "string", "format": "decimal"})
    internal_share = fields.Money()

    def _planned(self, share: Any) -> str:
        return f"{share.planned_hours:.2f}"


class MemberExposureSchema(Schema):
    member_id = ma.fields.Integer(attribute="member.id")
    member = ma.fields.String(attribute="member.name")
    joined_on = ma.fields.Date(attribute="member.joined_on")
    left_on = ma.fields.Date(attribute="member.left_on", allow_none=True)
    exposure = fields.Money(metadata={"description": "Total des dettes dont il répond"})
    internal_share = fields.Money(metadata={"description": "Sa part entre membres"})
    debts = ma.fields.List(ma.fields.Nested(DebtShareSchema))
    overdue_invoices = fields.Money(
        metadata={"description": "Ce qu'il doit encore au groupement sur ses factures échues"}
    )
    overdue_invoice_count = ma.fields.Integer(
        attribute="arrears.invoices", dump_default=0, metadata={"description": "Factures échues"}
    )
    oldest_overdue_due = ma.fields.Date(
        attribute="arrears.oldest_due",
        allow_none=True,
        dump_default=None,
        metadata={"description": "Échéance de la plus ancienne facture échue"},
    )


class ExposureSchema(Schema):
    as_of = ma.fields.Date()
    members = ma.fields.List(ma.fields.Nested(MemberExposureSchema))
    findings = ma.fields.List(ma.fields.Nested(FindingSchema))


@exposure_blp.route("")
class Exposure(MethodView):
    @exposure_blp.arguments(ExposureQuery, location="query", unknown=ma.RAISE)
    @exposure_blp.response(200, ExposureSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """What each member answers for.

        Per member: the outstanding debts whose period meets its membership (it answers
        for all of each), its internal share pro rata its planned hours, overdue flags;
        what it still owes the GE on its overdue invoices (LIAB-MEMBER-ARREARS).
        A member user sees its own line only.
        """
        principal = current_principal()
        as_of = query["as_of"] or calendar.today()
        only = principal.member_id if principal.role is Role.MEMBER else None
        members, findings = exposure(db.session(), principal.groupement_id, as_of, only)
        return {
            "as_of": as_of,
            "members": members,
            "findings": [finding_json(f) for f in findings],
        }
