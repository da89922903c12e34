"""Getting paid: bank statements in, the queue of payments to assign, members' accounts,
direct-debit mandates."""

from typing import Any

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload
from werkzeug.exceptions import RequestEntityTooLarge

from allocation import calendar

from ..auth import Principal, current_principal
from ..db import db
from ..downloads import attachment
from ..errors import Forbidden, InvalidInput
from ..i18n import N_
from ..models import (
    BankLine,
    BankStatement,
    DirectDebitMandate,
    LateInterestRate,
    LatePaymentNote,
    Member,
)
from ..models.enums import BankLineStatus, MandateSequence, Role
from ..services import late_payments, payment_documents, payments, records
from . import crud, fields
from .imports import UPLOAD_BODY, limits, read_upload, too_large_upload
from .schemas import Schema, iso_date, optional_text, reference, required_text

bank_blp = Blueprint(
    "bank",
    __name__,
    url_prefix="/api/v1/bank",
    description="Relevés bancaires (CODA, camt.053) et paiements des membres",
)
accounts_blp = Blueprint(
    "accounts",
    __name__,
    url_prefix="/api/v1/accounts",
    description="Comptes des membres : factures ouvertes, solde, ancienneté",
)
mandates_blp = Blueprint(
    "mandates",
    __name__,
    url_prefix="/api/v1/mandates",
    description="Mandats de domiciliation SEPA des membres",
)
rates_blp = Blueprint(
    "late_interest_rates",
    __name__,
    url_prefix="/api/v1/late-interest-rates",
    description=(
        "Taux d'intérêt de retard (loi du 2 août 2002) par semestre, tels que le SPF "
        "Finances les publie : Mutua n'en fournit aucun"
    ),
)


# A statement file over IMPORT_MAX_BYTES: the same 413 as a workbook's.
bank_blp.errorhandler(RequestEntityTooLarge)(too_large_upload)


def _staff_only(principal: Principal) -> None:
    if principal.role is Role.MEMBER:
        raise Forbidden()


class ImportSummarySchema(Schema):
    statements = ma.fields.Integer(metadata={"description": "Relevés ayant des lignes nouvelles"})
    new_lines = ma.fields.Integer()
    known_lines = ma.fields.Integer(
        metadata={"description": "Lignes déjà importées, ignorées (rien n'est doublé)"}
    )
    credits = fields.Money(metadata={"description": "Crédits des lignes nouvelles"})
    matched = fields.Money(metadata={"description": "Ce que ces crédits ont payé"})
    unmatched = fields.Money(
        metadata={"description": "Ce qui reste sur ces crédits : credits = matched + unmatched"}
    )
    debits = fields.Money()
    to_assign = ma.fields.Integer(metadata={"description": "Crédits en attente d'attribution"})


class BankPaymentSchema(Schema):
    invoice_id = ma.fields.Integer(allow_none=True)
    note_id = ma.fields.Integer(
        allow_none=True, metadata={"description": "La note de retard payée (sinon la facture)"}
    )
    amount = fields.Money()
    paid_on = ma.fields.Date()


class BankLineSchema(Schema):
    id = ma.fields.Integer()
    statement_id = ma.fields.Integer()
    booking_date = ma.fields.Date()
    value_date = ma.fields.Date(allow_none=True)
    amount = fields.Money()
    counterparty_name = ma.fields.String(allow_none=True)
    counterparty_iban = ma.fields.String(allow_none=True)
    communication = ma.fields.String()
    structured = ma.fields.Boolean()
    status = ma.fields.Enum(BankLineStatus, by_value=True)
    member_id = ma.fields.Integer(allow_none=True)
    note = ma.fields.String(allow_none=True)
    payments = ma.fields.List(ma.fields.Nested(BankPaymentSchema))


class StatementSchema(Schema):
    id = ma.fields.Integer()
    format = ma.fields.String()
    account_iban = ma.fields.String()
    number = ma.fields.String()
    opening_date = ma.fields.Date(allow_none=True)
    opening_balance = fields.Money()
    closing_date = ma.fields.Date()
    closing_balance = fields.Money()
    file_name = ma.fields.String(allow_none=True)


class LinesQuery(Schema):
    status = ma.fields.Enum(BankLineStatus, by_value=True, load_default=None)
    statement_id = ma.fields.Integer(load_default=None, validate=ma.validate.Range(min=1))


class AssignedInvoice(Schema):
    invoice_id = reference(required=True)
    amount = fields.Money(required=True)


class LineAssignmentSchema(Schema):
    member_id = reference(required=True)
    invoices = ma.fields.List(
        ma.fields.Nested(AssignedInvoice), load_default=list, validate=ma.validate.Length(max=200)
    )


class IgnoreSchema(Schema):
    note = optional_text(300)


@bank_blp.route("/statements")
class Statements(MethodView):
    @bank_blp.response(200, StatementSchema(many=True))
    def get(self) -> list[BankStatement]:
        """The statements imported, newest first (staff only)."""
        principal = current_principal()
        _staff_only(principal)
        return list(
            db.session().scalars(
                select(BankStatement)
                .where(BankStatement.groupement_id == principal.groupement_id)
                .order_by(BankStatement.closing_date.desc(), BankStatement.id.desc())
                .limit(500)
            )
        )

    @bank_blp.response(201, ImportSummarySchema)
    @bank_blp.doc(requestBody=UPLOAD_BODY)
    def post(self) -> dict[str, Any]:
        """Import a bank statement file (CODA 2.6 or camt.053).

        The format is recognised from the content. Every line is stored once: a line
        already imported (the bank's own key of the movement) is counted in
        `known_lines` and nothing is doubled. Each new credit pays the open invoices whose
        structured communication it carries; the others wait in the queue
        (`GET /bank/lines?status=unmatched`). A broken file (truncated record, wrong
        checksum, unknown camt version, over IMPORT_MAX_BYTES) is refused with its line
        and nothing is written.
        """
        data, filename = read_upload(limits())
        principal = current_principal()
        return payments.import_statements(principal.groupement_id, data, filename).as_dict()


def _lines(session: Session, principal: Principal, query: dict[str, Any]) -> Select[Any]:
    stmt = select(BankLine).where(BankLine.groupement_id == principal.groupement_id)
    if query["status"] is not None:
        stmt = stmt.where(BankLine.status == query["status"])
    if query["statement_id"] is not None:
        stmt = stmt.where(BankLine.statement_id == query["statement_id"])
    return stmt.options(selectinload(BankLine.payments)).order_by(
        BankLine.booking_date, BankLine.id
    )


@bank_blp.route("/lines")
class Lines(MethodView):
    @bank_blp.arguments(LinesQuery, location="query", unknown=ma.RAISE)
    @bank_blp.response(200, BankLineSchema(many=True))
    @bank_blp.paginate()
    def get(self, query: dict[str, Any], pagination_parameters: Any) -> list[BankLine]:
        """The statements' lines, with what each paid (staff only).

        `status=unmatched` is the queue of credits to assign.
        """
        principal = current_principal()
        _staff_only(principal)
        session = db.session()
        return crud.page_of(session, _lines(session, principal, query), pagination_parameters)


@bank_blp.route("/lines/<int:line_id>/assignment")
class LineAssignment(MethodView):
    @bank_blp.arguments(LineAssignmentSchema)
    @bank_blp.response(200, BankLineSchema)
    def put(self, body: dict[str, Any], line_id: int) -> BankLine:
        """Say whose payment a credit is and what it pays.

        The invoices named (the member's issued invoices, each at most what is open on
        it, together at most the line) are paid; the rest stays on the member's account.
        Replaces what the line paid before. Audited.
        """
        amounts: dict[int, Any] = {}
        for item in body["invoices"]:
            if item["invoice_id"] in amounts:
                raise InvalidInput({"invoices": [N_("conflict_duplicate")]})
            amounts[item["invoice_id"]] = item["amount"]
        return payments.assign(current_principal(), line_id, body["member_id"], amounts)

    @bank_blp.response(200, BankLineSchema)
    def delete(self, line_id: int) -> BankLine:
        """Undo a match (or an ignore): the line waits in the queue again. Audited."""
        return payments.unmatch(current_principal(), line_id)


@bank_blp.route("/lines/<int:line_id>/confirmation")
class Confirmation(MethodView):
    @bank_blp.response(200, BankLineSchema)
    def post(self, line_id: int) -> BankLine:
        """Accept the proposal for a queued credit (by the member's account and amount)."""
        return payments.confirm_proposal(current_principal(), line_id)


@bank_blp.route("/lines/<int:line_id>/ignore")
class Ignore(MethodView):
    @bank_blp.arguments(IgnoreSchema)
    @bank_blp.response(200, BankLineSchema)
    def post(self, body: dict[str, Any], line_id: int) -> BankLine:
        """Mark a credit as not a member's payment (a subsidy, a refund…). Audited."""
        return payments.ignore(current_principal(), line_id, body.get("note"))


class InvoiceBalanceSchema(Schema):
    invoice_id = ma.fields.Integer(attribute="invoice.id")
    reference = ma.fields.String(attribute="invoice.reference")
    issue_date = ma.fields.Date(attribute="invoice.issue_date")
    due_date = ma.fields.Date(attribute="invoice.due_date", allow_none=True)
    payment_reference = ma.fields.String(attribute="invoice.payment_reference", allow_none=True)
    total = fields.Money(attribute="invoice.total")
    credited = fields.Money()
    paid = fields.Money()
    open = fields.Money()
    status = ma.fields.String(metadata={"enum": list(payments.STATUS_LABELS)})
    days_overdue = ma.fields.Integer()


class AgeingSchema(Schema):
    not_due = fields.Money()
    days_0_30 = fields.Money()
    days_31_60 = fields.Money()
    days_61_90 = fields.Money()
    over_90 = fields.Money()


class LatePaymentLineSchema(Schema):
    invoice_id = ma.fields.Integer()
    reference = ma.fields.String()
    amount = ma.fields.String()
    due_date = ma.fields.String(metadata={"format": "date"})
    until = ma.fields.String(metadata={"format": "date"})
    paid = ma.fields.Boolean(metadata={"description": "Payé ce jour-là (sinon encore ouvert)"})
    days = ma.fields.Integer()
    interest = ma.fields.String()
    compensation = ma.fields.String()
    rates = ma.fields.List(ma.fields.Dict())


class LatePaymentNoteSchema(Schema):
    id = ma.fields.Integer()
    member_id = ma.fields.Integer()
    reference = ma.fields.String()
    issue_date = ma.fields.Date()
    due_date = ma.fields.Date()
    payment_reference = ma.fields.String()
    interest = fields.Money()
    compensation = fields.Money()
    total = fields.Money()
    lines = ma.fields.List(ma.fields.Nested(LatePaymentLineSchema))


class NoteBalanceSchema(LatePaymentNoteSchema):
    """A note in an account (``payments.account_view``): the note, and on the account's
    day what was paid on it, what is open, its status and delay."""

    paid = fields.Money()
    open = fields.Money()
    status = ma.fields.String(metadata={"enum": list(payments.STATUS_LABELS)})
    days_overdue = ma.fields.Integer()

    def get_attribute(self, obj: Any, attr: str, default: Any) -> Any:
        if attr in ("paid", "open", "status", "days_overdue"):
            return obj[attr]
        return super().get_attribute(obj["note"], attr, default)


class AccountSchema(Schema):
    member_id = ma.fields.Integer(attribute="member.id")
    member = ma.fields.String(attribute="member.name")
    as_of = ma.fields.Date()
    balance = fields.Money(metadata={"description": "Ce que le membre doit (négatif : avoir)"})
    overdue = fields.Money()
    unapplied = fields.Money(metadata={"description": "Paiements au-delà de ses factures"})
    ageing = ma.fields.Nested(AgeingSchema)
    invoices = ma.fields.List(ma.fields.Nested(InvoiceBalanceSchema))
    notes = ma.fields.List(ma.fields.Nested(lambda: NoteBalanceSchema()))


class AccountsQuery(Schema):
    as_of = iso_date(load_default=None)


@accounts_blp.route("")
class Accounts(MethodView):
    @accounts_blp.arguments(AccountsQuery, location="query", unknown=ma.RAISE)
    @accounts_blp.response(200, AccountSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        """Every member's account: its issued invoices with what is open, its balance,
        ageing (0-30, 31-60, 61-90, over 90 days past due). A member user sees its own."""
        principal = current_principal()
        found = payments.member_accounts(
            db.session(),
            principal.groupement_id,
            query["as_of"] or calendar.today(),
            principal.member_id if principal.role is Role.MEMBER else None,
        )
        return [payments.account_view(account) for account in found]


@accounts_blp.route("/<int:member_id>")
class Account(MethodView):
    @accounts_blp.arguments(AccountsQuery, location="query", unknown=ma.RAISE)
    @accounts_blp.response(200, AccountSchema)
    def get(self, query: dict[str, Any], member_id: int) -> dict[str, Any]:
        """One member's account (404 for another member's, for a member user)."""
        return payments.account_view(
            payments.member_account(db.session(), current_principal(), member_id, query["as_of"])
        )


class MandateSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    member_id = reference(required=True)
    reference = required_text(35)
    signed_on = iso_date(required=True)
    iban = fields.Iban(required=True)
    bic = fields.Bic(load_default=None, allow_none=True)
    sequence = ma.fields.Enum(MandateSequence, by_value=True, load_default=MandateSequence.FRST)
    revoked_on = iso_date(load_default=None, allow_none=True)


def _mandates_of_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    return stmt.where(DirectDebitMandate.member_id == member_id)


def _check_mandate(session: Session, principal: Principal, mandate: DirectDebitMandate) -> None:
    records.find_in_groupement(session, Member, principal, mandate.member_id, "member_id")
    if mandate.revoked_on is not None and mandate.revoked_on < mandate.signed_on:
        raise InvalidInput({"revoked_on": [N_("ends_before_start")]})


MANDATES = records.Resource(
    model=DirectDebitMandate,
    member_scope=_mandates_of_member,
    moves_nothing=True,
    order_by=(DirectDebitMandate.member_id, DirectDebitMandate.id),
    check=_check_mandate,
)
crud.register(mandates_blp, MANDATES, MandateSchema, "Mandats de domiciliation")


@accounts_blp.route("/<int:member_id>/statement.<any(pdf, xlsx):kind>")
class AccountStatement(MethodView):
    @accounts_blp.arguments(AccountsQuery, location="query", unknown=ma.RAISE)
    @accounts_blp.doc(
        responses={"200": {"description": "PDF or XLSX", "content": {"application/pdf": {}}}}
    )
    def get(self, query: dict[str, Any], member_id: int, kind: str) -> Response:
        """A member's statement of account, as PDF or XLSX, in the member's language.

        Every invoice, credit note and payment with the running balance, what is still
        open with its structured communication, and the ageing. A member user gets its
        own (404 for another's).
        """
        data, mimetype, name = payment_documents.account_file(
            db.session(), current_principal(), member_id, kind, query["as_of"]
        )
        return attachment(data, mimetype, name)


class IssueNoteSchema(Schema):
    as_of = iso_date(load_default=None)
    with_interest = ma.fields.Boolean(load_default=True)
    with_compensation = ma.fields.Boolean(load_default=True)


@accounts_blp.route("/<int:member_id>/late-payment-notes")
class LatePaymentNotes(MethodView):
    @accounts_blp.response(200, LatePaymentNoteSchema(many=True))
    def get(self, member_id: int) -> list[LatePaymentNote]:
        """A member's late-payment notes, oldest first (a member user: its own)."""
        principal = current_principal()
        found = payments.member_account(db.session(), principal, member_id)
        return [b.note for b in found.notes]

    @accounts_blp.arguments(IssueNoteSchema)
    @accounts_blp.response(201, LatePaymentNoteSchema)
    def post(self, body: dict[str, Any], member_id: int) -> LatePaymentNote:
        """Bill the late-payment interest and the fixed compensation (law of 2 August 2002)
        in a note of its own (series ND), never by changing an invoice (staff only).

        Every issued invoice of the member paid after its due date, or still open past it
        on `as_of` (default today), and not charged before, is charged once: interest from
        the day after the due date on each payment made late, to its day, and on what is
        still open, to `as_of`, at the GE's rates (`/late-interest-rates/`); 40 euros per
        invoice. A day without a rate, or nothing to charge: 422, nothing written. Audited.
        """
        principal = current_principal()
        _staff_only(principal)
        return late_payments.issue_note(
            principal,
            member_id,
            body["as_of"] or calendar.today(),
            body["with_interest"],
            body["with_compensation"],
        )


@accounts_blp.route("/<int:member_id>/late-payment-notes/<int:note_id>.pdf")
class LatePaymentNotePdf(MethodView):
    @accounts_blp.doc(responses={"200": {"description": "PDF", "content": {"application/pdf": {}}}})
    def get(self, member_id: int, note_id: int) -> Response:
        """A late-payment note as PDF, in the member's language (404 for another's)."""
        data, name = late_payments.note_pdf(db.session(), current_principal(), member_id, note_id)
        return attachment(data, "application/pdf", name)


class LateInterestRateSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    starts_on = iso_date(required=True)
    ends_on = iso_date(required=True)
    percent = fields.Percent(required=True)


def _check_rate(session: Session, principal: Principal, rate: LateInterestRate) -> None:
    if rate.ends_on < rate.starts_on:
        raise InvalidInput({"ends_on": [N_("ends_before_start")]})
    overlapping = session.scalars(
        select(LateInterestRate.id).where(
            LateInterestRate.groupement_id == principal.groupement_id,
            LateInterestRate.id != (rate.id or 0),
            LateInterestRate.starts_on <= rate.ends_on,
            LateInterestRate.ends_on >= rate.starts_on,
        )
    ).first()
    if overlapping is not None:
        raise InvalidInput({"starts_on": [N_("late_interest_rate.overlap")]})


# Every user of the GE may read the rates (a member checks its note's arithmetic with
# them); only administrators write them.
LATE_INTEREST_RATES = records.Resource(
    model=LateInterestRate,
    member_scope=lambda stmt, _member_id: stmt,
    moves_nothing=True,
    order_by=(LateInterestRate.starts_on,),
    check=_check_rate,
)
crud.register(rates_blp, LATE_INTEREST_RATES, LateInterestRateSchema, "Taux d'intérêt de retard")
