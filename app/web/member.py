"""Pages of member associations (their invoices, hours, exposure and calendar), and the
document downloads every signed-in role uses, scoped like the API."""

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal

from flask import Blueprint, Response, abort, flash, render_template, request
from flask_login import current_user, login_required
from sqlalchemy import select

from allocation import calendar
from exports.pdf import document_pdf
from exports.schedules import schedule_pdf
from exports.ubl import document_xml

from ..api.billing import INVOICES
from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..i18n import language, t
from ..models import Groupement, Invoice, InvoiceLine, Worker
from ..models.enums import LineKind, Role, RunStatus
from ..services import board, calendars, documents, liability, payments, records
from . import calendars as calendar_pages
from . import month_arg, neighbours, render_board, week_arg

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
    member_id = int(current_user.user.member_id)
    found = payments.balances(db.session(), current_principal().groupement_id, member_id)
    return render_template(
        "member_invoices.html",
        invoices=rows,
        balances={b.invoice.id: b for b in found},
        as_of=calendar.today(),
        labels=payments.STATUS_LABELS,
    )


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


@blp.route("/calendrier", methods=["GET", "POST"])
@login_required
def schedule() -> str:
    """Who comes to the member when, month by month (its own shifts only), with the month's
    PDF, the .ics file and the member's feed links (made here, shown once, revoked here)."""
    member_id = _member_only()
    principal = current_principal()
    session = db.session()
    new_url = None
    if request.method == "POST":
        action = request.form.get("action")
        if action == "create":
            new_url = calendar_pages.feed_url(calendars.create_feed(principal, "member", member_id))
            flash(t("web.calendar.link_made"), "success")
        elif action == "revoke" and re.fullmatch(r"[0-9]{1,9}", request.form.get("feed") or ""):
            calendars.revoke_feed(principal, int(request.form.get("feed") or 0))
            flash(t("web.calendar.link_revoked"), "success")
        else:
            abort(400)
    month = month_arg()
    found = calendars.month_schedule(
        session, principal.groupement_id, "member", member_id, month, language()
    )
    before, after = neighbours(month)
    return render_template(
        "member_calendar.html",
        month_first=month,
        before=before,
        after=after,
        days=calendar_pages.days_of(found),
        totals=calendar_pages.totals_of(found),
        feeds=calendars.live_feeds(session, principal.groupement_id, member_id),
        new_url=new_url,
        window=calendars.feed_window(calendar.today()),
    )


@blp.get("/calendrier.pdf")
@login_required
def schedule_download() -> Response:
    """The member's month as PDF, in the reader's language."""
    member_id = _member_only()
    found = calendars.month_schedule(
        db.session(),
        current_principal().groupement_id,
        "member",
        member_id,
        month_arg(),
        language(),
    )
    return attachment(schedule_pdf(found), calendar_pages.PDF, calendar_pages.pdf_name(found))


@blp.get("/calendrier.ics")
@login_required
def schedule_feed() -> Response:
    """The member's feed as a file, for the signed-in member user: the same events as its
    links serve, over the same days."""
    member_id = _member_only()
    data = calendars.ics(db.session(), current_principal().groupement_id, "member", member_id)
    return attachment(data, calendar_pages.ICS, "calendrier.ics")
