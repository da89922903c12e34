"""Monthly billing: payroll costs and overhead in, billing runs, invoices and credit notes out."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import marshmallow as ma
from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select, false, select
from sqlalchemy.orm import Session, selectinload

from exports.document import InvoiceDocument
from exports.pdf import document_pdf
from exports.ubl import document_xml

from ..auth import Principal, current_principal
from ..db import db
from ..downloads import attachment
from ..errors import Forbidden, InvalidInput, NotFound
from ..i18n import N_
from ..models import BillingRun, Invoice, Member, Overhead, PayrollCost, Worker
from ..models.enums import DocumentKind, LineKind, Role, RunStatus
from ..services import billing, documents, explain, payment_documents, records
from ..services.compliance import Period, read_in
from ..services.writes import Reach, guarded_write
from . import crud, fields
from .schemas import Filters, FindingSchema, Instant, Schema, iso_date, reference, required_text

payroll_blp = Blueprint(
    "payroll_costs",
    __name__,
    url_prefix="/api/v1/payroll-costs",
    description="Coûts salariaux importés du secrétariat social (ils priment sur le modèle)",
)
overheads_blp = Blueprint(
    "overheads",
    __name__,
    url_prefix="/api/v1/overheads",
    description="Frais généraux du groupement, répartis entre les membres",
)
runs_blp = Blueprint(
    "billing_runs",
    __name__,
    url_prefix="/api/v1/billing-runs",
    description="Facturation mensuelle : brouillon, contrôle, émission",
)
invoices_blp = Blueprint(
    "invoices",
    __name__,
    url_prefix="/api/v1/invoices",
    description="Factures et notes de crédit",
)

NOT_NEGATIVE = ma.validate.Range(min=0, error="must_not_be_negative")


def _month_period(row: Any) -> Period:
    first, last = billing.month_bounds(row.month)
    return Period(first, last)


def _ge_staff_only(stmt: Select[Any], _member_id: int) -> Select[Any]:
    return stmt.where(false())


class PayrollCostSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    worker_id = reference(required=True)
    period = fields.MonthField(attribute="month", data_key="period", required=True)
    gross = fields.Money(required=True, validate=NOT_NEGATIVE)
    employer_contributions = fields.Money(required=True, validate=NOT_NEGATIVE)
    holiday_provision = fields.Money(required=True, validate=NOT_NEGATIVE)
    year_end_provision = fields.Money(required=True, validate=NOT_NEGATIVE)
    other = fields.Money(load_default=Decimal("0.00"), validate=NOT_NEGATIVE)


class PeriodFilters(Filters):
    period = fields.MonthField()


def _filter_month(model: Any) -> Any:
    def apply(stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
        return stmt.where(model.month == filters["period"]) if "period" in filters else stmt

    return apply


def _check_payroll(session: Session, principal: Principal, row: PayrollCost) -> None:
    records.find_in_groupement(session, Worker, principal, row.worker_id, "worker_id")


class OverheadSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    period = fields.MonthField(attribute="month", data_key="period", required=True)
    label = required_text(200)
    amount = fields.Money(required=True, validate=NOT_NEGATIVE)


crud.register(
    payroll_blp,
    records.Resource(
        model=PayrollCost,
        member_scope=_ge_staff_only,
        apply_filters=_filter_month(PayrollCost),
        order_by=(PayrollCost.month, PayrollCost.id),
        check=_check_payroll,
        period=_month_period,
    ),
    PayrollCostSchema,
    "Coûts salariaux",
    filters=PeriodFilters,
)
crud.register(
    overheads_blp,
    records.Resource(
        model=Overhead,
        member_scope=_ge_staff_only,
        apply_filters=_filter_month(Overhead),
        order_by=(Overhead.month, Overhead.id),
        period=_month_period,
    ),
    OverheadSchema,
    "Frais généraux",
    filters=PeriodFilters,
)


# -- invoices -------------------------------------------------------------------------


class InvoiceLineSchema(Schema):
    id = ma.fields.Integer()
    kind = ma.fields.Enum(LineKind, by_value=True)
    description = ma.fields.String()
    worker_id = ma.fields.Integer(allow_none=True)
    contract_id = ma.fields.Integer(allow_none=True)
    worked_hours = fields.Hours()
    absence_hours = fields.Hours()
    amount = fields.Money()
    vat_category = ma.fields.String()
    vat_rate = fields.Percent()


class InvoiceSchema(Schema):
    id = ma.fields.Integer()
    kind = ma.fields.Enum(DocumentKind, by_value=True)
    status = ma.fields.Enum(RunStatus, by_value=True)
    run_id = ma.fields.Integer(allow_none=True)
    member_id = ma.fields.Integer()
    period = fields.MonthField(attribute="month")
    reference = ma.fields.String(
        allow_none=True, metadata={"description": "Numéro, ex. F2026-00001"}
    )
    issue_date = ma.fields.Date(allow_none=True, metadata={"description": "null en brouillon"})
    due_date = ma.fields.Date(allow_none=True, metadata={"description": "null en brouillon"})
    payment_reference = ma.fields.String(allow_none=True)
    lines_total = fields.Money()
    vat_total = fields.Money()
    total = fields.Money()
    mentions = ma.fields.Method(
        "_mentions",
        metadata={
            "type": "array",
            "items": {"type": "string"},
            "description": "Les mentions légales imprimées, dans la langue du membre",
        },
    )
    corrects_id = ma.fields.Integer(allow_none=True)
    reason = ma.fields.String(allow_none=True)
    lines = ma.fields.List(ma.fields.Nested(InvoiceLineSchema))

    def _mentions(self, invoice: Invoice) -> list[str]:
        return list(billing.printed_mentions(invoice))


class InvoiceFilters(Filters):
    period = fields.MonthField()
    member_id = reference(strict=False)
    kind = ma.fields.Enum(DocumentKind, by_value=True)
    status = ma.fields.Enum(RunStatus, by_value=True)


def _invoices_of_member(stmt: Select[Any], member_id: int) -> Select[Any]:
    # A member sees its own documents once issued; drafts are the GE's work in progress.
    return stmt.where(Invoice.member_id == member_id, Invoice.status == RunStatus.ISSUED)


def _filter_invoices(stmt: Select[Any], filters: dict[str, Any]) -> Select[Any]:
    for key, column in (
        ("period", Invoice.month),
        ("member_id", Invoice.member_id),
        ("kind", Invoice.kind),
        ("status", Invoice.status),
    ):
        if key in filters:
            stmt = stmt.where(column == filters[key])
    return stmt


INVOICES = records.Resource(
    model=Invoice,
    member_scope=_invoices_of_member,
    apply_filters=_filter_invoices,
    order_by=(Invoice.month.desc(), Invoice.series, Invoice.number, Invoice.id),
    load_options=(selectinload(Invoice.lines),),
)


@invoices_blp.route("/")
class Invoices(MethodView):
    @invoices_blp.arguments(InvoiceFilters, location="query", unknown=ma.RAISE)
    @invoices_blp.response(200, InvoiceSchema(many=True))
    @invoices_blp.paginate(page_size=50, max_page_size=500)
    def get(self, filters: dict[str, Any], pagination_parameters: Any) -> list[Invoice]:
        """Invoices and credit notes.

        GE staff see every document, drafts included; a member user sees its own issued
        ones only. Filters: `period` (YYYY-MM), `member_id`, `kind`, `status`.
        """
        stmt = INVOICES.apply_filters(records.scoped(INVOICES, current_principal()), filters)
        return crud.page_of(db.session(), stmt.order_by(*INVOICES.order_by), pagination_parameters)


@invoices_blp.route("/<int:ident>")
class OneInvoice(MethodView):
    @invoices_blp.response(200, InvoiceSchema)
    def get(self, ident: int) -> Invoice:
        """One invoice or credit note with its lines.

        Another GE's or another member's document is a 404.
        """
        return records.get_visible(db.session(), INVOICES, current_principal(), ident)  # type: ignore[no-any-return]


class CreditLineSchema(Schema):
    line_id = reference(required=True)
    amount = fields.Money(required=True)


class CreditNoteRequest(Schema):
    reason = required_text(500)
    issue_date = iso_date(load_default=None)
    lines = ma.fields.List(
        ma.fields.Nested(CreditLineSchema),
        load_default=None,
        metadata={
            "description": "Crédit partiel : un montant par ligne ; absent : tout ce qui reste"
        },
    )


@invoices_blp.route("/<int:ident>/credit-notes")
class CreditNotes(MethodView):
    @invoices_blp.arguments(CreditNoteRequest)
    @invoices_blp.response(201, InvoiceSchema)
    def post(self, data: dict[str, Any], ident: int) -> Invoice:
        """Credit an issued invoice, whole or in part.

        Numbered at once in the NC series; without `lines`, the whole invoice. The issue
        date (default today) is not before the invoice's nor beyond the GE's window.
        """
        principal = current_principal()
        if data["lines"] is not None and len({line["line_id"] for line in data["lines"]}) != len(
            data["lines"]
        ):
            raise InvalidInput({"lines": [N_("conflict_duplicate")]})
        amounts = (
            None
            if data["lines"] is None
            else {line["line_id"]: line["amount"] for line in data["lines"]}
        )
        with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
            session = write.session
            return billing.credit(
                session, principal.groupement_id, ident, amounts, data["reason"], data["issue_date"]
            )


# -- billing runs ---------------------------------------------------------------------


class RunMemberSchema(Schema):
    member_id = ma.fields.Integer()
    member = ma.fields.String()
    invoice_id = ma.fields.Integer()
    staff = fields.Money()
    fee = fields.Money()
    overhead = fields.Money()
    lines_total = fields.Money()
    vat = fields.Money()
    total = fields.Money()


class RunShareSchema(Schema):
    member_id = ma.fields.Integer()
    worked_hours = ma.fields.String()
    paid_absence_hours = ma.fields.String()
    basis_hours = ma.fields.String()
    share = fields.Money()


class CostBreakdownSchema(Schema):
    """A worker's month cost by component (``allocation.costs.CostBreakdown``)."""

    imported = ma.fields.Boolean()
    gross = fields.Money()
    employer_contributions = fields.Money()
    holiday_provision = fields.Money()
    year_end_provision = fields.Money()
    accident_insurance = fields.Money()
    prevention_service = fields.Money()
    meal_vouchers = fields.Money()
    total = fields.Money()


class RunWorkerSchema(CostBreakdownSchema):
    worker_id = ma.fields.Integer()
    worker = ma.fields.String()
    contract_id = ma.fields.Integer()
    unallocated = fields.Money()
    members = ma.fields.List(ma.fields.Nested(RunShareSchema))


class ReconciliationSchema(Schema):
    workers_cost = fields.Money()
    unallocated = fields.Money()
    fees = fields.Money()
    overhead = fields.Money()
    members_total = fields.Money(metadata={"description": "Somme des factures hors TVA"})
    balanced = ma.fields.Boolean()


class RunSchema(Schema):
    id = ma.fields.Integer()
    period = fields.MonthField(attribute="month")
    kind = ma.fields.String(attribute="kind.value")
    status = ma.fields.String(attribute="status.value")
    issued_at = Instant(allow_none=True, metadata={"description": "null en brouillon"})
    parameters = ma.fields.Dict()
    findings = ma.fields.List(ma.fields.Nested(FindingSchema))
    invoices = ma.fields.List(ma.fields.Nested(InvoiceSchema))


class RunDetailSchema(RunSchema):
    workers = ma.fields.List(ma.fields.Nested(RunWorkerSchema))
    members = ma.fields.List(ma.fields.Nested(RunMemberSchema))
    reconciliation = ma.fields.Nested(ReconciliationSchema)


class DraftRequest(Schema):
    period = fields.MonthField(required=True)


class IssueRequest(Schema):
    issue_date = iso_date(load_default=None)


def _staff_only(principal: Principal) -> None:
    if principal.role is Role.MEMBER:
        raise Forbidden()


def visible_run(session: Session, principal: Principal, ident: int) -> BillingRun:
    run = session.scalars(
        select(BillingRun)
        .where(BillingRun.id == ident, BillingRun.groupement_id == principal.groupement_id)
        .options(
            selectinload(BillingRun.invoices).selectinload(Invoice.lines),
            selectinload(BillingRun.workers),
        )
    ).one_or_none()
    if run is None:
        raise NotFound()
    return run


def run_detail(session: Session, run: BillingRun) -> dict[str, Any]:
    zero = Decimal("0.00")
    names = {
        w.id: f"{w.first_name} {w.last_name}"
        for w in session.scalars(select(Worker).where(Worker.groupement_id == run.groupement_id))
    }
    member_names = dict(
        session.execute(
            select(Member.id, Member.name).where(Member.groupement_id == run.groupement_id)
        ).all()
    )
    shares: dict[int, list[dict[str, Any]]] = {}
    members = []
    for invoice in run.invoices:
        by_kind: dict[LineKind, Decimal] = {kind: zero for kind in LineKind}
        for line in invoice.lines:
            by_kind[line.kind] += line.amount
            if line.kind is LineKind.STAFF and line.contract_id is not None:
                shares.setdefault(line.contract_id, []).append(
                    {
                        "member_id": invoice.member_id,
                        "worked_hours": f"{line.worked_hours:.2f}",
                        "paid_absence_hours": f"{line.absence_hours:.2f}",
                        "basis_hours": f"{line.worked_hours + line.absence_hours:.2f}",
                        "share": line.amount,
                    }
                )
        members.append(
            {
                "member_id": invoice.member_id,
                "member": member_names.get(invoice.member_id, "?"),
                "invoice_id": invoice.id,
                "staff": by_kind[LineKind.STAFF],
                "fee": by_kind[LineKind.FEE],
                "overhead": by_kind[LineKind.OVERHEAD],
                "lines_total": invoice.lines_total,
                "vat": invoice.vat_total,
                "total": invoice.total,
            }
        )
    workers = [
        {
            "worker_id": w.worker_id,
            "worker": names.get(w.worker_id, "?"),
            "contract_id": w.contract_id,
            "imported": w.imported,
            "gross": w.gross,
            "employer_contributions": w.employer_contributions,
            "holiday_provision": w.holiday_provision,
            "year_end_provision": w.year_end_provision,
            "accident_insurance": w.accident_insurance,
            "prevention_service": w.prevention_service,
            "meal_vouchers": w.meal_vouchers,
            "total": w.total,
            "unallocated": w.unallocated,
            "members": shares.get(w.contract_id, []),
        }
        for w in run.workers
    ]
    workers_cost = sum((w.total for w in run.workers), zero)
    unallocated = sum((w.unallocated for w in run.workers), zero)
    fees = sum((m["fee"] for m in members), zero)
    overhead = sum((m["overhead"] for m in members), zero)
    members_total = sum((m["lines_total"] for m in members), zero)
    return {
        "id": run.id,
        "month": run.month,
        "kind": run.kind,
        "status": run.status,
        "issued_at": run.issued_at,
        "parameters": run.parameters,
        "findings": [read_in(found) for found in run.findings],
        "invoices": run.invoices,
        "workers": workers,
        "members": members,
        "reconciliation": {
            "workers_cost": workers_cost,
            "unallocated": unallocated,
            "fees": fees,
            "overhead": overhead,
            "members_total": members_total,
            "balanced": members_total == workers_cost - unallocated + fees + overhead,
        },
    }


class RunFilters(Filters):
    period = fields.MonthField()


@runs_blp.route("/")
class Runs(MethodView):
    @runs_blp.arguments(RunFilters, location="query", unknown=ma.RAISE)
    @runs_blp.response(200, RunSchema(many=True))
    @runs_blp.paginate(page_size=50, max_page_size=500)
    def get(self, filters: dict[str, Any], pagination_parameters: Any) -> list[BillingRun]:
        """The GE's billing runs, newest month first.

        GE staff only (403 for a member user). Filter by `period` (YYYY-MM).
        """
        principal = current_principal()
        _staff_only(principal)
        stmt = (
            select(BillingRun)
            .where(BillingRun.groupement_id == principal.groupement_id)
            .options(selectinload(BillingRun.invoices).selectinload(Invoice.lines))
            .order_by(BillingRun.month.desc(), BillingRun.id.desc())
        )
        if "period" in filters:
            stmt = stmt.where(BillingRun.month == filters["period"])
        return crud.page_of(db.session(), stmt, pagination_parameters)

    @runs_blp.arguments(DraftRequest)
    @runs_blp.response(201, RunDetailSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """Draft a month's split and invoices.

        `period` is YYYY-MM (1900-01 to 2199-12). The draft replaces the month's earlier
        draft; after an issue it is a complement that bills only what is owed beyond the
        issued invoices net of credit notes. Refused with 409 and `errors.findings` while
        the month breaks a blocking rule.
        """
        principal = current_principal()
        with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
            session = write.session
            run = billing.draft(session, principal.groupement_id, data["period"])
            return run_detail(session, visible_run(session, principal, run.id))


@runs_blp.route("/<int:ident>")
class OneRun(MethodView):
    @runs_blp.response(200, RunDetailSchema)
    def get(self, ident: int) -> dict[str, Any]:
        """A run in detail.

        Per worker and member: costs, shares, the invoices and the reconciliation.
        """
        principal = current_principal()
        _staff_only(principal)
        session = db.session()
        return run_detail(session, visible_run(session, principal, ident))

    @runs_blp.response(204)
    def delete(self, ident: int) -> None:
        """Drop a draft.

        An issued run is frozen: 409 INV-LOCK.
        """
        principal = current_principal()
        with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
            run = visible_run(write.session, principal, ident)
            if run.status is RunStatus.ISSUED:
                raise billing.InvoiceLocked()
            write.session.delete(run)


@runs_blp.route("/<int:ident>/issue")
class IssueRun(MethodView):
    @runs_blp.arguments(IssueRequest)
    @runs_blp.response(200, RunDetailSchema)
    def post(self, data: dict[str, Any], ident: int) -> dict[str, Any]:
        """Issue a draft: numbers, dates and structured communications, all or nothing.

        `issue_date` (default today) lies between the month's last day and today plus the
        GE's `issue_date_days_ahead`, and not before the series' last date. The invoice
        checks (INV-MENTIONS, INV-NUM-SEQ…) refuse with 409 and `errors.findings`.
        """
        principal = current_principal()
        with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
            session = write.session
            billing.issue(session, principal.groupement_id, ident, data["issue_date"])
            return run_detail(session, visible_run(session, principal, ident))


def _download(
    ident: int, render: Callable[[InvoiceDocument], bytes], mimetype: str, extension: str
) -> Response:
    session = db.session()
    invoice = records.get_visible(session, INVOICES, current_principal(), ident)
    document = documents.document(session, invoice)
    return attachment(render(document), mimetype, f"{invoice.reference}.{extension}")


@invoices_blp.route("/<int:ident>/pdf")
class InvoicePdf(MethodView):
    @invoices_blp.doc(responses={"200": {"description": "PDF", "content": {"application/pdf": {}}}})
    def get(self, ident: int) -> Response:
        """The issued document as PDF.

        In the member's language, with its EPC QR code; drafts have none (404).
        """
        return _download(ident, document_pdf, "application/pdf", "pdf")


@invoices_blp.route("/<int:ident>/ubl")
class InvoiceUbl(MethodView):
    @invoices_blp.doc(responses={"200": {"description": "UBL", "content": {"application/xml": {}}}})
    def get(self, ident: int) -> Response:
        """The issued document as Peppol BIS Billing 3.0 UBL.

        EN 16931, validated by the official rules in the test suite; drafts have none (404).
        """
        return _download(ident, document_xml, "application/xml", "xml")


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@invoices_blp.route("/<int:ident>/xlsx")
class InvoiceWorkbook(MethodView):
    @invoices_blp.doc(responses={"200": {"description": "XLSX", "content": {XLSX: {}}}})
    def get(self, ident: int) -> Response:
        """The issued document's detail as a workbook.

        Hours and amounts per worker; drafts have none (404).
        """
        session = db.session()
        invoice = records.get_visible(session, INVOICES, current_principal(), ident)
        return attachment(
            documents.invoice_lines_workbook(session, invoice), XLSX, f"{invoice.reference}.xlsx"
        )


@runs_blp.route("/<int:ident>/workbook")
class RunWorkbook(MethodView):
    @runs_blp.doc(responses={"200": {"description": "XLSX", "content": {XLSX: {}}}})
    def get(self, ident: int) -> Response:
        """The run's split workbook.

        Members (with a chart), detail, hours per day, findings, parameters; GE staff only.
        """
        principal = current_principal()
        _staff_only(principal)
        session = db.session()
        run = visible_run(session, principal, ident)
        return attachment(
            documents.split_workbook_bytes(session, run),
            XLSX,
            f"repartition-{run.month:%Y-%m}.xlsx",
        )


@runs_blp.route("/<int:ident>/archive")
class RunArchive(MethodView):
    @runs_blp.doc(responses={"200": {"description": "ZIP", "content": {"application/zip": {}}}})
    def get(self, ident: int) -> Response:
        """Everything of an issued run in one zip.

        Each document as PDF, UBL and XLSX, the split workbook and the month's journals;
        GE staff only.
        """
        principal = current_principal()
        _staff_only(principal)
        session = db.session()
        run = visible_run(session, principal, ident)
        if run.status is not RunStatus.ISSUED:
            raise NotFound()
        data = documents.run_archive(session, run)
        return attachment(data, "application/zip", f"mutua-{run.month:%Y-%m}.zip")


class JournalQuery(Schema):
    period = fields.MonthField(required=True)
    format = ma.fields.String(
        load_default="csv",
        validate=ma.validate.OneOf(["csv", "xlsx", "winbooks", "winbooks-thirds"]),
    )


exports_blp = Blueprint(
    "exports",
    __name__,
    url_prefix="/api/v1/exports",
    description="Exports comptables : journal des ventes (CSV, XLSX, WinBooks)",
)


@exports_blp.route("/sales-journal")
class SalesJournal(MethodView):
    @exports_blp.arguments(JournalQuery, location="query", unknown=ma.RAISE)
    @exports_blp.doc(responses={"200": {"description": "CSV or XLSX"}})
    def get(self, query: dict[str, Any]) -> Response:
        """The sales journal of a month.

        The month's issued invoices and credit notes (`period` YYYY-MM) as posting lines,
        balanced per document: generic CSV or XLSX, or WinBooks on Web (documents or third
        parties); GE staff only.
        """
        principal = current_principal()
        _staff_only(principal)
        data, mimetype, extension = documents.sales_journal(
            db.session(), principal.groupement_id, query["period"], query["format"]
        )
        return attachment(data, mimetype, f"journal-ventes-{query['period']:%Y-%m}.{extension}")


class BankJournalQuery(Schema):
    period = fields.MonthField(required=True)
    format = ma.fields.String(
        load_default="csv", validate=ma.validate.OneOf(["csv", "xlsx", "winbooks"])
    )


@exports_blp.route("/bank-journal")
class BankJournal(MethodView):
    @exports_blp.arguments(BankJournalQuery, location="query", unknown=ma.RAISE)
    @exports_blp.doc(responses={"200": {"description": "CSV or XLSX"}})
    def get(self, query: dict[str, Any]) -> Response:
        """The bank journal of a month.

        The month's credits on the GE's account (`period` YYYY-MM, by booking date), each
        one balanced document: the bank debited, each invoice it paid credited on the
        member's customer account with the invoice's number to letter it, what is left on
        the member's account (or on the suspense account when nobody's yet). Generic CSV
        or XLSX, or WinBooks on Web; GE staff only.
        """
        principal = current_principal()
        _staff_only(principal)
        data, mimetype, extension = payment_documents.bank_journal_file(
            db.session(), principal.groupement_id, query["period"], query["format"]
        )
        return attachment(data, mimetype, f"journal-banque-{query['period']:%Y-%m}.{extension}")


class DirectDebitRequest(Schema):
    collection_date = iso_date(load_default=None)


class DirectDebitBatchSchema(Schema):
    id = ma.fields.Integer()
    run_id = ma.fields.Integer()
    message_id = ma.fields.String()
    collection_date = ma.fields.Date()
    total = fields.Money()
    count = ma.fields.Function(lambda batch: len(batch.collections))
    invoice_ids = ma.fields.Function(lambda batch: [c.invoice_id for c in batch.collections])


@runs_blp.route("/<int:ident>/direct-debits")
class RunDirectDebits(MethodView):
    @runs_blp.response(200, DirectDebitBatchSchema(many=True))
    def get(self, ident: int) -> list[Any]:
        """The run's SEPA direct-debit files made so far (GE staff only)."""
        principal = current_principal()
        _staff_only(principal)
        session = db.session()
        visible_run(session, principal, ident)
        return payment_documents.batches(session, principal, ident)

    @runs_blp.arguments(DirectDebitRequest)
    @runs_blp.response(201, DirectDebitBatchSchema)
    def post(self, body: dict[str, Any], ident: int) -> Any:
        """Make the SEPA direct-debit file (pain.008.001.08) of an issued run.

        What is open on the run's invoices not collected yet, for the members holding a
        mandate in force on the collection date (by default the invoices' due date, at
        least two days ahead); validated against the XSD, kept, each invoice collected
        once; a first collection turns the mandate recurrent. The file:
        `GET /api/v1/direct-debit-batches/{id}.xml`.
        """
        return payment_documents.collect(current_principal(), ident, body["collection_date"])


batches_blp = Blueprint(
    "direct_debit_batches",
    __name__,
    url_prefix="/api/v1/direct-debit-batches",
    description="Fichiers de domiciliation SEPA (pain.008) déjà faits",
)


@batches_blp.route("/<int:ident>.xml")
class DirectDebitFile(MethodView):
    @batches_blp.doc(
        responses={"200": {"description": "pain.008.001.08", "content": {"application/xml": {}}}}
    )
    def get(self, ident: int) -> Response:
        """A direct-debit file as it was made (GE staff only)."""
        principal = current_principal()
        _staff_only(principal)
        data, name = payment_documents.batch_file(db.session(), principal, ident)
        return attachment(data, "application/xml", name)


class ExplainedDaySchema(Schema):
    day = ma.fields.Date()
    planned_hours = fields.Hours()
    worked_hours = fields.Hours()
    paid_absence_hours = fields.Hours()
    day_off = ma.fields.Boolean()
    entries = ma.fields.List(ma.fields.String())


class ExplainedShareSchema(Schema):
    member_id = ma.fields.Integer(allow_none=True)
    member = ma.fields.String(metadata={"description": "« autres membres » pour un membre"})
    this_line = ma.fields.Boolean()
    worked_hours = fields.Hours()
    paid_absence_hours = fields.Hours()
    basis_hours = fields.Hours()
    fraction = ma.fields.String(metadata={"description": "Part de la base, fraction exacte"})
    exact_cents = ma.fields.String(metadata={"description": "Part exacte, en cents"})
    floor = fields.Money(metadata={"description": "Arrondie vers le bas au cent"})
    extra_cent = ma.fields.Boolean(metadata={"description": "Un cent restant lui est revenu"})
    share = fields.Money()


class ExplainedCostSchema(CostBreakdownSchema):
    parameters = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())


class ExplanationSchema(Schema):
    line_id = ma.fields.Integer()
    invoice = ma.fields.String()
    month = fields.MonthField()
    worker = ma.fields.String()
    contract_id = ma.fields.Integer()
    policy = ma.fields.String()
    cost = ma.fields.Nested(ExplainedCostSchema)
    days = ma.fields.List(ma.fields.Nested(ExplainedDaySchema))
    basis_hours = fields.Hours()
    shares = ma.fields.List(ma.fields.Nested(ExplainedShareSchema))
    line_amount = fields.Money()
    share = fields.Money()


lines_blp = Blueprint(
    "invoice_lines",
    __name__,
    url_prefix="/api/v1/invoice-lines",
    description="Lignes de facture expliquées",
)


@lines_blp.route("/<int:ident>/explanation")
class LineExplanation(MethodView):
    @lines_blp.response(200, ExplanationSchema)
    def get(self, ident: int) -> dict[str, Any]:
        """A staff line explained, so that a treasurer can redo it by hand.

        The worker's month at the member day by day (planned, worked, paid absence), the
        cost components, every member's basis as a fraction and the largest-remainder
        step that gave the last cent. A member user reads its own issued lines only and
        sees the other members only as « autres membres », combined.
        """
        return explain.explain(db.session(), current_principal(), ident)
