"""Pages of member associations (their invoices, hours and exposure), and the document
downloads every signed-in role uses, scoped like the API."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from flask import Blueprint, Response, abort, render_template
from flask_login import current_user, login_required
from sqlalchemy import select

from allocation import calendar
from exports.pdf import document_pdf
from exports.ubl import document_xml

from ..api.billing import INVOICES
from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..models import Groupement, Invoice, InvoiceLine, Worker
from ..models.enums import LineKind, Role, RunStatus
from ..services import board, documents, liability, records
from . import render_board, week_arg

blp = Blueprint("member", __name__, url_prefix="/membre")
DOWNLOADS = {
    "pdf": (
        "application/pdf",
        lambda session, invoice: document_pdf(documents.document(session, invoice)),
    ),
    "xml": (
        "application/xml",
        lambda session, invoice: document_xml(documents.document(session, invoice)),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        documents.invoice_lines_workbook,
    ),
}


def _member_only() -> int:
    if current_user.user.role is not Role.MEMBER:
        abort(404)
    return int(current_user.user.member_id)


@blp.get("/factures")
@login_required
def invoices() -> str:
    _member_only()
    rows = (
        db.session()
        .scalars(
            records.scoped(INVOICES, current_principal()).order_by(
                Invoice.issue_date.desc(), Invoice.id.desc()
            )
        )
        .all()
    )
    return render_template("member_invoices.html", invoices=rows)


@blp.get("/heures")
@login_required
def hours() -> str:
    """Hours billed to the member per worker and month (from its issued invoices)."""
    member_id = _member_only()
    session = db.session()
    rows = session.execute(
        select(
            Invoice.month,
            InvoiceLine.worker_id,
            InvoiceLine.worked_hours,
            InvoiceLine.absence_hours,
            InvoiceLine.amount,
            Invoice.kind,
        )
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            Invoice.member_id == member_id,
            Invoice.status == RunStatus.ISSUED,
            Invoice.groupement_id == current_principal().groupement_id,
            InvoiceLine.kind == LineKind.STAFF,
        )
    ).all()
    names = {
        w.id: f"{w.first_name} {w.last_name}"
        for w in session.scalars(
            select(Worker).where(Worker.groupement_id == current_principal().groupement_id)
        )
    }
    table: dict[tuple[date, str], list[Decimal]] = defaultdict(lambda: [Decimal(0)] * 3)
    for month, worker_id, worked, absent, amount, kind in rows:
        if kind.value == "credit_note":
            continue
        cell = table[(month, names.get(worker_id, "?"))]
        cell[0] += worked
        cell[1] += absent
        cell[2] += amount
    return render_template("member_hours.html", rows=sorted(table.items(), reverse=True))


@blp.get("/exposition")
@login_required
def exposure() -> str:
    member_id = _member_only()
    rows, findings = liability.exposure(
        db.session(), current_principal().groupement_id, calendar.today(), member_id
    )
    return render_template(
        "liability.html",
        members=rows,
        as_of=calendar.today(),
        findings=[],
        own=True,
        member_findings=findings,
    )


@blp.get("/planning")
@login_required
def planning() -> str:
    """Who comes to the member when, over an ISO week: its own blocks and day entries
    only (another member's, or the workers' days elsewhere, never enter the board)."""
    member_id = _member_only()
    session = db.session()
    groupement = session.get_one(Groupement, current_principal().groupement_id)
    return render_board(
        board.week(session, groupement, week_arg(), member_id=member_id),
        "member.planning",
        by_member=True,
        view=None,
    )


@blp.get("/documents/<int:ident>.<kind>")
@login_required
def download(ident: int, kind: str) -> Response:
    """An issued invoice or credit note as PDF, UBL or XLSX, for whoever may see it."""
    if kind not in DOWNLOADS:
        abort(404)
    session = db.session()
    invoice = records.get_visible(session, INVOICES, current_principal(), ident)
    mimetype, render = DOWNLOADS[kind]
    return attachment(render(session, invoice), mimetype, f"{invoice.reference}.{kind}")
