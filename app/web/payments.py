"""Getting paid, as pages: the bank page (statements in, the queue of credits to assign)
and members' accounts, for the GE's staff; a member's own account in its portal.

Every write is a ``services.payments`` call, the same as the API's.
"""

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from allocation import calendar
from allocation.money import too_large

from ..api.imports import limits as import_limits
from ..api.imports import request_limit
from ..api.payments import MANDATES, MandateSchema
from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..errors import InvalidInput
from ..i18n import language, t
from ..models import BankLine, BankStatement, DirectDebitMandate, Member
from ..models.enums import BankLineStatus, MandateSequence, Role
from ..services import (
    alone,
    billing,
    explain,
    imports,
    late_payments,
    payment_documents,
    payments,
    records,
    reminders,
    yearly_statement,
)
from .admin import attempt, form_data, staff

blp = Blueprint("payments", __name__)
MAX_AMOUNT = Decimal("10000000")


@blp.url_value_preprocessor
def _room_for_statements(endpoint: str | None, _values: dict[str, Any] | None) -> None:
    """A statement file may weigh what an import may (IMPORT_MAX_BYTES), not the 1 MB of
    other requests; set before the app-wide CSRF check reads the form."""
    if (
        endpoint == "payments.bank"
        and current_user.is_authenticated
        and current_user.user.role is Role.ADMIN
    ):
        request.max_content_length = request_limit(import_limits())


@blp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge) -> Any:
    if request.endpoint != "payments.bank" or not current_user.is_authenticated:
        return error
    flash(f"{t('web.refused')} {imports.too_large(import_limits())}", "error")
    return redirect(url_for("payments.bank"))


def _amount(text: str | None) -> Decimal | None:
    """An amount as a person types it: 1234,56 · 1 234,56 · 1.234,56 · 1234.56 ·
    1,234.56 (the last separator is the decimal one); None if it is none."""
    typed = re.sub(r"[\s\u00a0\u202f]", "", text or "")
    if "," in typed and "." in typed:
        decimal_mark = "," if typed.rfind(",") > typed.rfind(".") else "."
        typed = typed.replace("." if decimal_mark == "," else ",", "")
    try:
        value = Decimal(typed.replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or too_large(value, MAX_AMOUNT) or value <= 0:
        return None
    return value


def _int(text: str | None) -> int | None:
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


def _act_on_line(line_id: int) -> bool:
    """One action of the queue's forms on one line."""
    principal = current_principal()
    action = request.form.get("action")
    if action == "confirm":
        payments.confirm_proposal(principal, line_id)
    elif action == "ignore":
        payments.ignore(principal, line_id, request.form.get("note"))
    elif action == "unmatch":
        payments.unmatch(principal, line_id)
    elif action == "assign":
        invoice_id = _int(request.form.get("invoice_id"))
        member_id = _int(request.form.get("member_id"))
        amounts: dict[int, Decimal] = {}
        if invoice_id is not None:
            amount = _amount(request.form.get("amount"))
            if amount is None:
                raise InvalidInput({"amount": [t("must_be_positive")]})
            invoice = next(
                (
                    b
                    for b in payments.balances(
                        db.session(), principal.groupement_id, None, [invoice_id]
                    )
                ),
                None,
            )
            if invoice is None:
                raise InvalidInput({"invoice_id": [t("unknown_reference")]})
            member_id = invoice.invoice.member_id
            amounts[invoice_id] = amount
        if member_id is None:
            raise InvalidInput({"member_id": [t("web.bank.choose_member")]})
        payments.assign(principal, line_id, member_id, amounts)
    else:
        abort(400)
    return True


@blp.route("/gestion/banque", methods=["GET", "POST"])
@staff
def bank() -> Any:
    """Statements in (CODA or camt.053), the credits waiting to be assigned, the lines."""
    principal = current_principal()
    session = db.session()
    if request.method == "POST":
        if request.form.get("action") == "import":
            upload = request.files.get("file")
            if upload is None or not upload.filename:
                flash(f"{t('web.refused')} {t('web.bank.no_file')}", "error")
            else:
                limits = import_limits()
                data = upload.stream.read(limits.max_bytes + 1)
                if len(data) > limits.max_bytes:
                    raise RequestEntityTooLarge()
                summary, errors, _ = attempt(
                    lambda: payments.import_statements(
                        principal.groupement_id, data, upload.filename
                    )
                )
                for message in errors.get("file", []):
                    flash(str(message), "error")
                if summary is not None:
                    flash(t("web.bank.imported", **_summary_values(summary)), "success")
                    if summary.known_lines and not summary.new_lines:
                        flash(t("web.bank.nothing_new", known=summary.known_lines), "warning")
            return redirect(url_for("payments.bank"))
        else:
            line_id = _int(request.form.get("line"))
            if line_id is None:
                abort(400)
            done, errors, _ = attempt(lambda: _act_on_line(line_id))
            if done:
                flash(t("web.saved"), "success")
            for messages in errors.values():
                for message in messages if isinstance(messages, list) else [messages]:
                    flash(str(message), "error")
            return redirect(url_for("payments.bank"))
    queued = payments.queue(session, principal.groupement_id)
    open_invoices = [b for b in payments.balances(session, principal.groupement_id) if b.open > 0]
    members = session.scalars(
        select(Member).where(Member.groupement_id == principal.groupement_id).order_by(Member.name)
    ).all()
    recent = session.scalars(
        select(BankLine)
        .where(
            BankLine.groupement_id == principal.groupement_id,
            BankLine.status != BankLineStatus.UNMATCHED,
        )
        .order_by(BankLine.booking_date.desc(), BankLine.id.desc())
        .limit(50)
    ).all()
    statements = session.scalars(
        select(BankStatement)
        .where(BankStatement.groupement_id == principal.groupement_id)
        .order_by(BankStatement.closing_date.desc(), BankStatement.id.desc())
        .limit(20)
    ).all()
    references = {
        b.invoice.id: b.invoice.reference
        for b in payments.balances(session, principal.groupement_id)
    } | {
        payments.note_key(b.note.id): b.note.reference
        for b in payments.note_balances(session, principal.groupement_id)
    }
    return render_template(
        "bank.html",
        queued=queued,
        open_invoices=open_invoices,
        members=members,
        member_names={m.id: m.name for m in members},
        recent=recent,
        statements=statements,
        references=references,
    )


def _summary_values(summary: payments.ImportSummary) -> dict[str, Any]:
    from .formats import money

    return {
        "lines": summary.new_lines,
        "known": summary.known_lines,
        "credits": money(summary.credits),
        "matched": money(summary.matched),
        "unmatched": money(summary.unmatched),
        "to_assign": summary.to_assign,
    }


@blp.get("/gestion/comptes")
@staff
def accounts() -> str:
    """Every member's balance and ageing."""
    session = db.session()
    found = payments.member_accounts(session, current_principal().groupement_id)
    return render_template(
        "accounts.html",
        accounts=found,
        ageing={a.member.id: payments.ageing(a) for a in found},
        as_of=calendar.today(),
    )


def _account_page(member_id: int, own: bool, errors: dict[str, Any] | None = None) -> str:
    session = db.session()
    principal = current_principal()
    account = payments.member_account(session, principal, member_id)
    sent = reminders.sent_for(
        session, principal.groupement_id, [b.invoice.id for b in account.invoices]
    )
    comparison = alone.member_comparison(session, principal, member_id, account.as_of.year)
    return render_template(
        "account.html",
        account=account,
        comparison=comparison,
        chart=_chart(comparison),
        ageing=payments.ageing(account),
        reminders=sent,
        own=own,
        errors=errors or {},
        mandates=session.scalars(
            records.scoped(MANDATES, principal).where(DirectDebitMandate.member_id == member_id)
        ).all(),
        sequences=list(MandateSequence),
        labels=payments.STATUS_LABELS,
        lang=language(),
        today=calendar.today(),
        years=yearly_statement.years_offered(calendar.today()),
    )


@blp.route("/gestion/comptes/<int:member_id>", methods=["GET", "POST"])
@staff
def account(member_id: int) -> Any:
    """One member's account: its invoices with what is paid and open, reminders sent,
    its direct-debit mandates (recorded here)."""
    errors: dict[str, Any] = {}
    if request.method == "POST":
        data = form_data(["reference", "signed_on", "iban", "bic", "sequence"])
        data["member_id"] = member_id
        created, errors, _ = attempt(
            lambda: records.create(
                MANDATES,
                current_principal(),
                MandateSchema().load({k: v for k, v in data.items() if v is not None}),
            )
        )
        if created is not None:
            flash(t("web.saved"), "success")
            return redirect(url_for("payments.account", member_id=member_id))
    return _account_page(member_id, own=False, errors=errors)


@blp.post("/gestion/comptes/<int:member_id>/notes")
@staff
def issue_late_payment_note(member_id: int) -> Any:
    """Bill the late-payment interest and the fixed compensation in a note of its own."""
    as_of = request.form.get("as_of") or calendar.today().isoformat()
    try:
        day = date.fromisoformat(as_of)
    except ValueError:
        day = None
    if day is None:
        flash(f"{t('web.refused')} {t('Not a valid date.')}", "error")
        return redirect(url_for("payments.account", member_id=member_id))
    note, errors, _ = attempt(
        lambda: late_payments.issue_note(
            current_principal(),
            member_id,
            day,
            with_interest=request.form.get("with_interest") == "on",
            with_compensation=request.form.get("with_compensation") == "on",
        )
    )
    if note is not None:
        flash(t("web.late_payment.issued", reference=note.reference), "success")
    else:
        for messages in errors.values():
            for message in messages if isinstance(messages, list) else [messages]:
                flash(str(message), "error")
    return redirect(url_for("payments.account", member_id=member_id))


def _note_pdf(member_id: int, note_id: int) -> Response:
    data, name = late_payments.note_pdf(db.session(), current_principal(), member_id, note_id)
    return attachment(data, "application/pdf", name)


@blp.get("/gestion/comptes/<int:member_id>/notes/<int:note_id>.pdf")
@staff
def account_note(member_id: int, note_id: int) -> Response:
    """A member's late-payment note, in the member's language."""
    return _note_pdf(member_id, note_id)


@blp.get("/membre/compte/notes/<int:note_id>.pdf")
@login_required
def own_note(note_id: int) -> Response:
    if current_user.user.role is not Role.MEMBER:
        abort(404)
    return _note_pdf(int(current_user.user.member_id), note_id)


@blp.get("/membre/compte")
@login_required
def own_account() -> str:
    """The member's own balance and open invoices."""
    if current_user.user.role is not Role.MEMBER:
        abort(404)
    return _account_page(int(current_user.user.member_id), own=True)


def _statement(member_id: int, kind: str) -> Response:
    data, mimetype, name = payment_documents.account_file(
        db.session(), current_principal(), member_id, kind
    )
    return attachment(data, mimetype, name)


@blp.get("/gestion/comptes/<int:member_id>/releve.<any(pdf, xlsx):kind>")
@staff
def account_statement(member_id: int, kind: str) -> Response:
    """A member's statement of account, in the member's language."""
    return _statement(member_id, kind)


@blp.get("/membre/compte/releve.<any(pdf, xlsx):kind>")
@login_required
def own_statement(kind: str) -> Response:
    if current_user.user.role is not Role.MEMBER:
        abort(404)
    return _statement(int(current_user.user.member_id), kind)


def _yearly(member_id: int, year: int, kind: str) -> Response:
    data, mimetype, name = yearly_statement.yearly_statement_file(
        db.session(), current_principal(), member_id, year, kind
    )
    return attachment(data, mimetype, name)


@blp.get("/gestion/comptes/<int:member_id>/annuel-<int:year>.<any(pdf, xlsx):kind>")
@staff
def account_yearly(member_id: int, year: int, kind: str) -> Response:
    """A member's yearly statement, in the member's language (also once it left)."""
    return _yearly(member_id, year, kind)


@blp.get("/membre/compte/annuel-<int:year>.<any(pdf, xlsx):kind>")
@login_required
def own_yearly(year: int, kind: str) -> Response:
    if current_user.user.role is not Role.MEMBER:
        abort(404)
    return _yearly(int(current_user.user.member_id), year, kind)


@blp.post("/gestion/facturation/<int:ident>/domiciliations")
@staff
def collect(ident: int) -> Any:
    """Make the issued run's SEPA direct-debit file; said on the run's page."""
    day = request.form.get("collection_date") or ""
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        when = None
        flash(f"{t('web.refused')} {t('web.direct_debit.bad_date')}", "error")
        return redirect(url_for("admin.run", ident=ident))
    batch, errors, _ = attempt(lambda: payment_documents.collect(current_principal(), ident, when))
    for messages in errors.values():
        for message in messages if isinstance(messages, list) else [messages]:
            flash(str(message), "error")
    if batch is not None:
        flash(t("web.direct_debit.made", count=len(batch.collections)), "success")
    return redirect(url_for("admin.run", ident=ident))


@blp.get("/gestion/domiciliations/<int:ident>.xml")
@staff
def direct_debit_file(ident: int) -> Response:
    data, name = payment_documents.batch_file(db.session(), current_principal(), ident)
    return attachment(data, "application/xml", name)


@blp.get("/gestion/exports/journal-banque")
@staff
def bank_journal() -> Response:
    kind = request.args.get("format", "csv")
    if kind not in ("csv", "xlsx", "winbooks"):
        abort(404)
    month = billing.parse_period(request.args.get("period") or "")
    data, content_type, extension = payment_documents.bank_journal_file(
        db.session(), current_principal().groupement_id, month, kind
    )
    return attachment(data, content_type, f"journal-banque-{month:%Y-%m}-{kind}.{extension}")


def _explained_lines(ident: int, endpoint: str) -> str:
    invoice, lines = explain.staff_lines(db.session(), current_principal(), ident)
    return render_template(
        "invoice_lines.html", invoice=invoice, lines=lines, explain_endpoint=endpoint
    )


@blp.get("/membre/factures/<int:ident>")
@login_required
def own_invoice_lines(ident: int) -> str:
    """The member's invoice, its staff lines each with its explanation."""
    if current_user.user.role is not Role.MEMBER:
        abort(404)
    return _explained_lines(ident, "payments.own_explanation")


@blp.get("/membre/lignes/<int:ident>")
@login_required
def own_explanation(ident: int) -> str:
    if current_user.user.role is not Role.MEMBER:
        abort(404)
    return render_template(
        "explanation.html", found=explain.explain(db.session(), current_principal(), ident)
    )


@blp.get("/gestion/factures/<int:ident>")
@staff
def invoice_lines(ident: int) -> str:
    return _explained_lines(ident, "payments.explanation")


@blp.get("/gestion/lignes/<int:ident>")
@staff
def explanation(ident: int) -> str:
    """A staff line explained, every member named (GE staff)."""
    return render_template(
        "explanation.html", found=explain.explain(db.session(), current_principal(), ident)
    )


BAR = Decimal(650)


def _chart(comparison: alone.MemberComparison) -> list[dict[str, Any]]:
    """Bars of the dashboard's chart: per worker, hiring alone against what was paid, in
    units of the drawing (the largest amount is ``BAR`` long; the page draws them, no
    script)."""
    largest = max(
        (max(w.comparison.alone, w.comparison.paid) for w in comparison.workers),
        default=Decimal("0"),
    )
    if not largest:
        return []
    return [
        {
            "worker": w.worker_name,
            "alone": w.comparison.alone,
            "paid": w.comparison.paid,
            "alone_width": (w.comparison.alone * BAR / largest).quantize(Decimal("0.1")),
            "paid_width": (w.comparison.paid * BAR / largest).quantize(Decimal("0.1")),
            "percent": w.comparison.percent,
        }
        for w in comparison.workers
    ]
