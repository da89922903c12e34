"""Pages of the GE's staff: administrators (everything) and accountants (read, exports)."""

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import wraps
from typing import Any

import marshmallow as ma
from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import RequestEntityTooLarge

import legal_rules
from allocation import calendar, formats
from allocation.calendar import FIRST_DAY, LAST_DAY
from allocation.formats import hour_symbol
from exports import reconciliation as words
from exports.prestations import COLUMNS as PRESTATION_COLUMNS
from exports.prestations import DATE_FORMATS, DECIMAL_MARKS, DEFAULT_CODES, SEPARATORS
from exports.prestations import KINDS as PRESTATION_KINDS
from legal_rules.periods import headcount

from ..api.billing import INVOICES
from ..api.groupement import GroupementSchema
from ..api.imports import TEMPLATES as IMPORT_TEMPLATES
from ..api.imports import limits as import_limits
from ..api.imports import request_limit, template_download
from ..api.jobs import JOB_RUNS, mark_read, notifications_of
from ..api.members import RESOURCE as MEMBERS
from ..api.members import MemberSchema
from ..api.month_close import STEP_LABELS as CLOSE_STEP_LABELS
from ..api.time_entries import DAY_ENTRIES, DayEntrySchema
from ..api.workers import CONTRACTS, WORKERS, ContractSchema, WorkerSchema
from ..auth import current_principal
from ..db import db
from ..downloads import attachment
from ..errors import MutuaError
from ..i18n import N_, language, t, translate_tree
from ..models import (
    Assignment,
    BillingRun,
    Contract,
    CostParameters,
    DayEntry,
    Groupement,
    Invoice,
    LateInterestRate,
    Member,
    ReplacementDay,
    SecretariatProfile,
    Worker,
)
from ..models.enums import ContractType, DayEntryKind, LegalForm, Role, WorkerIdentifier
from ..services import (
    annual_report,
    billing,
    board,
    documents,
    imports,
    liability,
    month_close,
    payment_documents,
    prestations,
    records,
    schedule,
)
from ..services import reconciliation as payroll_reconciliation
from ..services import settings as ge_settings
from ..services.compliance import (
    RefusedByRules,
    finding_json,
    load_snapshot,
    planned_by_day,
    report_findings,
)
from ..services.writes import Reach, guarded_write
from . import month_arg, render_board, schedule_editor, week_arg

blp = Blueprint("admin", __name__, url_prefix="/gestion")


def staff(view: Callable[..., Any]) -> Callable[..., Any]:
    """GE staff only; a member user gets a 404 (nothing here is its own), an accountant
    may read but not write (403)."""

    @wraps(view)
    @login_required
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        role = current_user.user.role
        if role is Role.MEMBER:
            abort(404)
        if request.method == "POST" and role is not Role.ADMIN:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


def form_data(fields: list[str], references: tuple[str, ...] = ()) -> dict[str, Any]:
    """The submitted fields, empty ones as None, ids as integers (the API schemas want them)."""
    data: dict[str, Any] = {}
    for name in fields:
        value = (request.form.get(name) or "").strip()
        if name in references:
            data[name] = int(value) if value.isdigit() else value or None
        else:
            data[name] = value or None
    return data


def attempt(action: Callable[[], Any]) -> tuple[Any, dict[str, Any], list[dict[str, Any]]]:
    """Run a write; return (result, field errors, blocking findings) instead of raising."""
    try:
        return action(), {}, []
    except ma.ValidationError as error:
        flash(t("web.refused"), "error")
        return None, translate_tree(error.messages), []
    except RefusedByRules as error:
        flash(t("web.refused"), "error")  # the findings are listed on the page
        return None, {}, error.errors.get("findings", [])
    except MutuaError as error:
        flash(f"{t('web.refused')} {error.message()}", "error")
        findings = error.errors.get("findings", []) if isinstance(error.errors, dict) else []
        return (
            None,
            translate_tree({k: v for k, v in error.errors.items() if k != "findings"}),
            findings,
        )


def warn(obj: Any) -> None:
    for finding in getattr(obj, "findings", []):
        flash(f"{finding['rule_id']} — {finding['message']}", "warning")


@blp.get("/")
@staff
def dashboard() -> str:
    principal = current_principal()
    session = db.session()
    groupement = session.get_one(Groupement, principal.groupement_id)
    today = calendar.today()
    snapshot = load_snapshot(session, groupement, today, today + timedelta(days=365))
    months: list[tuple[date, int]] = []
    segments = headcount(snapshot)
    for offset in range(12):
        first = (today.replace(day=1) + timedelta(days=32 * offset)).replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        peak = max((s.value for s in segments if s.first <= last and s.last >= first), default=0)
        months.append((first, peak))
    findings = legal_rules.check(
        load_snapshot(session, groupement, today, today + timedelta(days=90))
    )
    runs = session.scalars(
        select(BillingRun).where(
            BillingRun.groupement_id == principal.groupement_id,
            BillingRun.month == today.replace(day=1),
        )
    ).all()
    exposure, _findings = liability.exposure(session, principal.groupement_id, today)
    owed = max((m.exposure for m in exposure), default=Decimal("0.00"))
    unread = session.scalars(notifications_of(principal, unread=True).limit(20)).all()
    # The month's close: last month's by default (the one being closed), or ``?cloture=``.
    try:
        closing = billing.parse_period(request.args.get("cloture") or "")
    except MutuaError:
        closing = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    return render_template(
        "dashboard.html",
        close=month_close.checklist(session, groupement, closing, today),
        step_labels=CLOSE_STEP_LABELS,
        notifications=unread,
        groupement=groupement,
        months=months,
        findings=[finding_json(f) for f in findings],
        runs=runs,
        owed=owed,
    )


@blp.route("/membres", methods=["GET", "POST"])
@staff
def members() -> str:
    errors: dict[str, Any] = {}
    if request.method == "POST":
        fields = [
            "name",
            "legal_form",
            "enterprise_number",
            "vat_number",
            "street",
            "postal_code",
            "city",
            "joined_on",
            "invoice_email",
            "iban",
        ]
        created, errors, _ = attempt(
            lambda: records.create(
                MEMBERS, current_principal(), MemberSchema().load(form_data(fields))
            )
        )
        if created is not None:
            flash(t("web.saved"), "success")
            warn(created)
    rows = (
        db.session()
        .scalars(records.scoped(MEMBERS, current_principal()).order_by(Member.name))
        .all()
    )
    return render_template("members.html", members=rows, errors=errors, forms=LegalForm)


@blp.route("/travailleurs", methods=["GET", "POST"])
@staff
def workers() -> Any:
    errors: dict[str, Any] = {}
    if request.method == "POST":
        fields = ["first_name", "last_name", "national_number", "email"]
        created, errors, _ = attempt(
            lambda: records.create(
                WORKERS, current_principal(), WorkerSchema().load(form_data(fields))
            )
        )
        if created is not None:
            flash(t("web.saved"), "success")
            return redirect(url_for("admin.worker", ident=created.id))
    rows = (
        db.session()
        .scalars(
            records.scoped(WORKERS, current_principal()).order_by(
                Worker.last_name, Worker.first_name
            )
        )
        .all()
    )
    return render_template("workers.html", workers=rows, errors=errors)


def contract_assignments(contract_id: int) -> list[Assignment]:
    return list(
        db.session().scalars(
            select(Assignment)
            .where(Assignment.contract_id == contract_id)
            .options(selectinload(Assignment.slots))
        )
    )


@blp.route("/travailleurs/<int:ident>", methods=["GET", "POST"])
@staff
def worker(ident: int) -> Any:
    principal = current_principal()
    session = db.session()
    person = records.get_visible(session, WORKERS, principal, ident)
    errors: dict[str, Any] = {}
    findings: list[dict[str, Any]] = []
    if request.method == "POST" and request.form.get("form") == "contract":
        fields = [
            "worker_id",
            "starts_on",
            "ends_on",
            "weekly_hours",
            "contract_type",
            "joint_committee",
            "monthly_gross",
        ]
        data = form_data(fields, references=("worker_id",)) | {"worker_id": ident}
        created, errors, findings = attempt(
            lambda: records.create(CONTRACTS, principal, ContractSchema().load(data))
        )
        if created is not None:
            flash(t("web.saved"), "success")
            warn(created)
    notes: dict[int, dict[str, Any]] = {}
    kept: tuple[int, schedule_editor.Grid] | None = None
    if request.method == "POST" and request.form.get("form") == "schedule":
        kept, notes = _edit_schedule(principal)
    if request.method == "POST" and request.form.get("form") == "copy_pattern":
        notes = _copy_pattern(principal, person)
    contracts = session.scalars(
        select(Contract)
        .where(Contract.worker_id == person.id, Contract.groupement_id == principal.groupement_id)
        .order_by(Contract.starts_on)
    ).all()
    members_ = session.scalars(
        select(Member).where(Member.groupement_id == principal.groupement_id).order_by(Member.name)
    ).all()
    today = calendar.today()
    grids = {c.id: schedule_editor.saved(contract_assignments(c.id), today) for c in contracts}
    if kept is not None and kept[0] in grids:
        # A refused or edited week stays on screen as typed, its first day included.
        grids[kept[0]] = kept[1]
    others = session.execute(
        select(Contract.id, Contract.starts_on, Worker.first_name, Worker.last_name)
        .join(Worker, Worker.id == Contract.worker_id)
        .where(Contract.groupement_id == principal.groupement_id)
        .order_by(Worker.last_name, Worker.first_name, Contract.starts_on)
    ).all()
    return render_template(
        "worker.html",
        worker=person,
        contracts=contracts,
        members=members_,
        grids=grids,
        notes=notes,
        others=others,
        cycles=schedule_editor.CYCLES,
        errors=errors,
        findings=findings,
        types=ContractType,
        today=today,
        unit=hour_symbol(language()),
        # Beside a date field: browsers draw it in their own locale (06/01/2026 for 1 June).
        day_words=lambda value: formats.day(value, language()),
    )


def _typed_day(name: str) -> date | None:
    """A day the form gave as YYYY-MM-DD, or None when it gave none or something else."""
    try:
        return date.fromisoformat(request.form.get(name) or "")
    except ValueError:
        return None


def _form_id(name: str) -> int:
    """A record id sent by a form; 0 (no record) when it is not one."""
    text = request.form.get(name) or ""
    return int(text) if re.fullmatch(r"[0-9]{1,9}", text) else 0


def _edit_schedule(
    principal: Any,
) -> tuple[tuple[int, schedule_editor.Grid] | None, dict[int, dict[str, Any]]]:
    """The schedule form of one contract: a button that changes the form (add or remove
    a block, a cycle length, a copied week) shows it again unsaved; "save" saves the
    version through ``schedule.save_week``. Returns the grid to show as typed (None when
    saved) and what to say beside the contract's grid."""
    contract_id = _form_id("contract_id")
    grid = schedule_editor.typed(request.form)
    action = request.form.get("action") or "save"
    targets = request.form.getlist(f"copy-to-{action.removeprefix('copy-')}")
    if grid is None or (action != "save" and not schedule_editor.apply(grid, action, targets)):
        flash(f"{t('web.refused')} {t('web.grid_invalid')}", "error")
        return None, {contract_id: {"messages": [t("web.grid_invalid")], "findings": []}}
    if action != "save":
        flash(t("web.grid_not_saved"), "info")
        return (contract_id, grid), {}
    errors = dict(grid.errors)
    starts_on = grid.since
    if starts_on is None or not FIRST_DAY <= starts_on <= LAST_DAY:
        errors["starts_on"] = [t("Not a valid date.")]
    anchor = grid.anchor
    if request.form.get("cycle_anchor") and (anchor is None or not FIRST_DAY <= anchor <= LAST_DAY):
        errors["cycle_anchor"] = [t("Not a valid date.")]
    week = schedule_editor.blocks(grid)
    if week is None or errors or starts_on is None:
        flash(t("web.refused"), "error")
        grid.errors = errors
        return (contract_id, grid), {}
    created, refusals, findings = attempt(
        lambda: schedule.save_week(
            principal,
            contract_id,
            starts_on,
            week,
            grid.cycle_weeks,
            anchor if grid.cycle_weeks > 1 else None,
        )
    )
    if created is not None:
        flash(t("web.saved"), "success")
        for assignment in created[:1]:
            warn(assignment)
        return None, {}
    grid.errors = {key: _messages(value) for key, value in refusals.items()}
    schedule_editor.mark(grid, findings)
    return (contract_id, grid), {contract_id: {"messages": [], "findings": findings}}


def _messages(tree: Any) -> list[str]:
    """The texts of a field's errors, however deep the service nested them."""
    if isinstance(tree, dict):
        return [text for value in tree.values() for text in _messages(value)]
    if isinstance(tree, list | tuple):
        return [text for value in tree for text in _messages(value)]
    return [str(tree)]


def _copy_pattern(principal: Any, person: Worker) -> dict[int, dict[str, Any]]:
    """ "Copy this worker's pattern to …": the saved schedule of one of this worker's
    contracts, its cycle included, becomes another contract's from a day, through
    ``schedule.save_week`` (the law checked on the other worker). A contract of another
    GE is not found there: refused, nothing written."""
    session = db.session()
    source = session.scalars(
        select(Contract).where(
            Contract.id == _form_id("contract_id"),
            Contract.worker_id == person.id,
            Contract.groupement_id == principal.groupement_id,
        )
    ).one_or_none()
    if source is None:
        abort(404)
    starts_on = _typed_day("copy_from")
    if starts_on is None or not FIRST_DAY <= starts_on <= LAST_DAY:
        flash(t("web.refused"), "error")
        return {source.id: {"messages": [t("Not a valid date.")], "findings": [], "copy": True}}
    grid = schedule_editor.saved(contract_assignments(source.id), calendar.today())
    week = schedule_editor.pattern(grid)
    if not week:
        flash(t("web.refused"), "error")
        return {source.id: {"messages": [t("web.nothing_to_copy")], "findings": [], "copy": True}}
    target = _form_id("target_contract_id")
    created, refusals, findings = attempt(
        lambda: schedule.save_week(
            principal,
            target,
            starts_on,
            week,
            grid.cycle_weeks,
            grid.anchor if grid.cycle_weeks > 1 else None,
        )
    )
    if created is not None:
        flash(t("web.pattern_copied", day=formats.day(starts_on, language())), "success")
        for assignment in created[:1]:
            warn(assignment)
        return {}
    return {source.id: {"messages": _messages(refusals), "findings": findings, "copy": True}}


@blp.route("/facturation", methods=["GET", "POST"])
@staff
def runs() -> Any:
    principal = current_principal()
    findings: list[dict[str, Any]] = []
    if request.method == "POST":

        def draft() -> BillingRun:
            with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
                session = write.session
                return billing.draft(
                    session,
                    principal.groupement_id,
                    billing.parse_period(request.form.get("period") or ""),
                )

        run, _errors, findings = attempt(draft)
        if run is not None:
            return redirect(url_for("admin.run", ident=run.id))
    rows = (
        db.session()
        .scalars(
            select(BillingRun)
            .where(BillingRun.groupement_id == principal.groupement_id)
            .order_by(BillingRun.month.desc(), BillingRun.id.desc())
        )
        .all()
    )
    default = (calendar.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    return render_template("runs.html", runs=rows, findings=findings, default=default)


@blp.route("/facturation/<int:ident>", methods=["GET", "POST"])
@staff
def run(ident: int) -> Any:
    from ..api.billing import run_detail, visible_run

    principal = current_principal()
    if request.method == "POST":

        def issue() -> Any:
            with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
                session = write.session
                return billing.issue(session, principal.groupement_id, ident)

        done, _errors, _findings = attempt(issue)
        if done is not None:
            flash(t("web.saved"), "success")
        return redirect(url_for("admin.run", ident=ident))
    session = db.session()
    return render_template(
        "run.html",
        run=run_detail(session, visible_run(session, principal, ident)),
        batches=payment_documents.batches(session, principal, ident),
    )


@blp.post("/factures/<int:ident>/credit")
@staff
def credit(ident: int) -> Any:
    principal = current_principal()

    def make() -> Invoice:
        with guarded_write(principal.groupement_id, Reach.NOTHING) as write:
            session = write.session
            return billing.credit(
                session,
                principal.groupement_id,
                ident,
                None,
                request.form.get("reason") or "Correction",
            )

    note, _errors, _findings = attempt(make)
    if note is not None:
        flash(f"{t('web.saved')} {note.reference}", "success")
    # The invoice is read within the caller's groupement: another GE's id is a 404.
    run_id = records.get_visible(db.session(), INVOICES, principal, ident).run_id
    return redirect(url_for("admin.run", ident=run_id) if run_id else url_for("admin.runs"))


@blp.get("/conformite")
@staff
def compliance() -> str:
    principal = current_principal()
    session = db.session()
    first = _date_arg("from", calendar.today().replace(day=1))
    last = _date_arg("to", first + timedelta(days=90))
    groupement = session.get_one(Groupement, principal.groupement_id)
    found = (
        report_findings(session, groupement, load_snapshot(session, groupement, first, last))
        if first <= last
        else []
    )
    return render_template(
        "compliance.html", findings=[finding_json(f) for f in found], first=first, last=last
    )


@blp.route("/rapport-annuel", methods=["GET", "POST"])
@staff
def annual_activity_report() -> Any:
    """The year's annual activity report to the SPF ETCS: its key figures, its files, and
    (administrators) the record that it was sent, which ends the GE-REPORT-01 reminder."""
    principal = current_principal()
    session = db.session()
    today = calendar.today()
    requested = request.values.get("annee", "")
    year = int(requested) if requested.isdigit() else today.year - 1
    if not annual_report.FIRST_YEAR <= year <= today.year:
        year = today.year - 1
    if request.method == "POST":
        _sent, _errors, _findings = attempt(lambda: annual_report.mark_sent(principal, year))
        if _sent is not None:
            flash(t("web.annual_report.recorded", year=year), "success")
        return redirect(url_for("admin.annual_activity_report", annee=year))
    report = annual_report.annual_report(session, principal, year)
    groupement = session.get_one(Groupement, principal.groupement_id)
    return render_template(
        "annual_report.html",
        report=report,
        year=year,
        years=list(range(today.year, max(annual_report.FIRST_YEAR, today.year - 10) - 1, -1)),
        last_sent=groupement.annual_report_last_year,
    )


@blp.get("/rapport-annuel/<int:year>.<any(pdf, xlsx):kind>")
@staff
def annual_report_file(year: int, kind: str) -> Response:
    data, content_type, name = annual_report.report_file(
        db.session(), current_principal(), year, kind
    )
    return attachment(data, content_type, name)


def _date_arg(name: str, default: date) -> date:
    try:
        return date.fromisoformat(request.args.get(name) or "")
    except ValueError:
        return default


@blp.get("/registre")
@staff
def register_of_debts() -> str:
    as_of = _date_arg("as_of", calendar.today())
    members_, findings = liability.exposure(db.session(), current_principal().groupement_id, as_of)
    return render_template(
        "liability.html",
        members=members_,
        as_of=as_of,
        findings=[finding_json(f) for f in findings],
    )


@blp.url_value_preprocessor
def _room_for_uploads(endpoint: str | None, _values: dict[str, Any] | None) -> None:
    """An administrator's import form carries a workbook: its request may weigh what the
    API's does (IMPORT_MAX_BYTES and an envelope), not MAX_CONTENT_LENGTH. Set here
    because the CSRF check, an app-wide before_request, reads the form before the view."""
    if (
        endpoint == "admin.uploads"
        and current_user.is_authenticated
        and current_user.user.role is Role.ADMIN
    ):
        request.max_content_length = request_limit(import_limits())


@blp.errorhandler(RequestEntityTooLarge)
def _too_large(error: RequestEntityTooLarge) -> Any:
    """A workbook over the limit: the import page says so (413), not a bare error page."""
    if (
        request.endpoint != "admin.uploads"
        or not current_user.is_authenticated
        or current_user.user.role is Role.MEMBER
    ):
        return error
    flash(f"{t('web.refused')} {imports.too_large(import_limits())}", "error")
    return render_template("imports.html", problems=[], more=0, findings=[]), 413


@blp.get("/imports/modele/<kind>.xlsx")
@staff
def import_template(kind: str) -> Response:
    if kind not in IMPORT_TEMPLATES:
        abort(404)
    return template_download(kind)


@blp.route("/imports", methods=["GET", "POST"])
@staff
def uploads() -> Any:
    principal = current_principal()
    problems: list[dict[str, Any]] = []
    more = 0
    findings: list[dict[str, Any]] = []
    if request.method == "POST":
        upload = request.files.get("file")
        kind = request.form.get("kind")
        if upload is not None and upload.filename:
            limits = import_limits()
            data = upload.stream.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:
                raise RequestEntityTooLarge()
            importer = imports.import_schedules if kind == "schedules" else imports.import_payroll

            done, errors, findings = attempt(
                lambda: imports.run_import(
                    principal.groupement_id, importer, data, upload.filename or "", limits
                )
            )
            problems = list(errors.get("rows", [])) + [
                {"row": "", "column": "", "sheet": "", "message": m} for m in errors.get("file", [])
            ]
            more = max(int(errors.get("count", 0)) - len(errors.get("rows", [])), 0)
            if done is not None:
                written, added = done
                flash(t("web.imported_rows", count=len(written)), "success")
                for finding in added:
                    flash(f"{finding.rule_id} — {finding.message(language())}", "warning")
    return render_template("imports.html", problems=problems, more=more, findings=findings)


@blp.post("/notifications/<int:ident>/lue")
@staff
def notification_read(ident: int) -> Any:
    mark_read(current_principal(), ident)
    return redirect(request.form.get("next") or url_for("admin.dashboard"))


@blp.get("/taches")
@staff
def job_history() -> str:
    """What the scheduled jobs did (runs, with their errors) and said (notifications)."""
    principal = current_principal()
    session = db.session()
    runs = session.scalars(
        records.scoped(JOB_RUNS, principal).order_by(*JOB_RUNS.order_by).limit(100)
    )
    notifications = session.scalars(notifications_of(principal).limit(100))
    return render_template("jobs.html", runs=list(runs), notifications=list(notifications))


# The cost parameters' labels on the settings page: t('web.cost.' ~ field).
COST_LABELS = (
    N_("web.cost.employer_contribution_percent"),
    N_("web.cost.holiday_pay_percent"),
    N_("web.cost.year_end_bonus_percent"),
    N_("web.cost.accident_insurance_percent"),
    N_("web.cost.prevention_service_per_year"),
    N_("web.cost.meal_voucher_employer_part"),
)

# The reference periods of the average week a GE may choose (allocation.calendar), named.
REFERENCE_PERIODS = (
    (1, N_("web.reference_period.1")),
    (2, N_("web.reference_period.2")),
    (3, N_("web.reference_period.3")),
    (4, N_("web.reference_period.4")),
    (6, N_("web.reference_period.6")),
    (12, N_("web.reference_period.12")),
)

# The assumptions of "what hiring alone would have cost" (allocation.alone).
ALONE_SETTINGS = (
    "alone_minimum_percent",
    "alone_recruitment_per_year",
    "alone_payroll_admin_per_year",
)
ALONE_LABELS = (
    N_("web.alone.alone_minimum_percent"),
    N_("web.alone.alone_recruitment_per_year"),
    N_("web.alone.alone_payroll_admin_per_year"),
)

JOB_SETTINGS = [
    "scheduled_jobs_enabled",
    "draft_day",
    "draft_time",
    "sweep_time",
    "contract_end_notice_days",
    "headcount_alert_percent",
    "annual_report_due_month",
    "annual_report_due_day",
    "annual_report_last_year",
    "notification_email",
    "reminder_days",
    "sepa_creditor_id",
]


@blp.route("/parametres", methods=["GET", "POST"])
@staff
def settings() -> Any:
    """The GE's parameters, its replacement days and its cost parameters of the year."""
    from ..api.groupement import CostParametersSchema
    from ..api.payments import LATE_INTEREST_RATES, LateInterestRateSchema
    from ..api.time_entries import REPLACEMENT_DAYS, ReplacementDaySchema

    principal = current_principal()
    errors: dict[str, Any] = {}
    findings: list[dict[str, Any]] = []
    year = calendar.today().year
    form = request.form.get("form")
    if request.method == "POST" and form == "groupement":
        fields = [
            "name",
            "payment_terms_days",
            "issue_date_days_ahead",
            "headcount_cap",
            "headcount_cap_reference",
            "language",
            "full_time_weekly_hours",
            "reference_period_months",
        ]
        data = {k: v for k, v in form_data(fields).items() if v is not None}
        saved, errors, findings = attempt(
            lambda: ge_settings.save_groupement(
                principal, GroupementSchema(partial=True).load(data)
            )
        )
    elif request.method == "POST" and form == "jobs":
        data = form_data([name for name in JOB_SETTINGS if name != "scheduled_jobs_enabled"])
        data["scheduled_jobs_enabled"] = request.form.get("scheduled_jobs_enabled") == "on"
        saved, errors, findings = attempt(
            lambda: ge_settings.save_groupement(
                principal, GroupementSchema(partial=True).load(data)
            )
        )
    elif request.method == "POST" and form == "alone":
        data = form_data(list(ALONE_SETTINGS))
        saved, errors, findings = attempt(
            lambda: ge_settings.save_groupement(
                principal, GroupementSchema(partial=True).load(data)
            )
        )
    elif request.method == "POST" and form == "month_close":
        data = form_data(["payroll_gap_percent"])
        saved, errors, findings = attempt(
            lambda: ge_settings.save_groupement(
                principal, GroupementSchema(partial=True).load(data)
            )
        )
    elif request.method == "POST" and form == "replacement":
        data = form_data(["holiday", "replacement"])
        saved, errors, findings = attempt(
            lambda: records.create(REPLACEMENT_DAYS, principal, ReplacementDaySchema().load(data))
        )
    elif request.method == "POST" and form == "late_interest_rate":
        data = form_data(["starts_on", "ends_on", "percent"])
        saved, errors, findings = attempt(
            lambda: records.create(
                LATE_INTEREST_RATES,
                principal,
                LateInterestRateSchema().load({k: v for k, v in data.items() if v is not None}),
            )
        )
    elif request.method == "POST" and form == "costs":
        fields = list(CostParametersSchema().load_fields)
        data = form_data(fields)
        saved, errors, findings = attempt(
            lambda: ge_settings.save_cost_parameters(
                principal, year, CostParametersSchema().load(data)
            )
        )
    else:
        saved = None
    if saved is not None:
        flash(t("web.saved"), "success")
    session = db.session()
    groupement = session.get_one(Groupement, principal.groupement_id)
    replacements = session.scalars(
        records.scoped(REPLACEMENT_DAYS, principal).order_by(ReplacementDay.holiday)
    ).all()
    late_interest_rates = session.scalars(
        records.scoped(LATE_INTEREST_RATES, principal).order_by(LateInterestRate.starts_on)
    ).all()
    costs = CostParametersSchema().dump(
        session.scalars(
            select(CostParameters).where(
                CostParameters.groupement_id == principal.groupement_id, CostParameters.year == year
            )
        ).one_or_none()
        or CostParameters(year=year, **ge_settings.cost_defaults())
    )
    return render_template(
        "settings.html",
        groupement=groupement,
        errors=errors,
        findings=findings,
        replacements=replacements,
        late_interest_rates=late_interest_rates,
        costs=costs,
        year=year,
        reference_periods=REFERENCE_PERIODS,
        alone_settings=ALONE_SETTINGS,
    )


@blp.get("/exports")
@login_required
def exports() -> str:
    if current_user.user.role is Role.MEMBER:
        abort(404)
    period = request.args.get("period") or (
        calendar.today().replace(day=1) - timedelta(days=1)
    ).strftime("%Y-%m")
    try:
        first: date | None = billing.parse_period(period)
    except MutuaError:
        first = None
    profiles = (
        db.session()
        .scalars(
            records.scoped(prestations.PROFILES, current_principal()).order_by(
                SecretariatProfile.name
            )
        )
        .all()
    )
    return render_template("exports.html", period=period, first=first, profiles=profiles)


@blp.get("/reconciliation")
@staff
def reconciliation() -> str:
    """The payroll reconciliation of a month or a year (``?period=2026-05`` or ``2026``;
    last month by default): per worker and month the model against the import, by
    component, the flagged rows and where to correct the model."""
    period = request.args.get("period") or (
        calendar.today().replace(day=1) - timedelta(days=1)
    ).strftime("%Y-%m")
    found, errors = None, {}
    try:
        found = payroll_reconciliation.for_principal(db.session(), current_principal(), period)
    except MutuaError as error:
        errors = translate_tree(error.errors)
    lang = language()
    return render_template(
        "reconciliation.html",
        period=period,
        found=found,
        errors=errors,
        component=lambda name: words.component(name, lang),
        correction=lambda c: words.correction_text(c, lang),
        notes=words.notes(found.threshold, lang) if found else [],
        percent=lambda value: "—" if value is None else formats.percent(value, lang),
    )


@blp.get("/reconciliation/<period>.xlsx")
@staff
def reconciliation_file(period: str) -> Response:
    """The payroll reconciliation's workbook, in the page's language."""
    data, content_type, name = payroll_reconciliation.workbook(
        db.session(), current_principal(), period, language()
    )
    return attachment(data, content_type, name)


# The kinds of hours of the prestations, as a person reads them on the profiles' page.
PRESTATION_KIND_TEXTS = {
    "worked": N_("web.prestation.worked"),
    "extra_hours": N_("web.prestation.extra_hours"),
    "training": N_("web.prestation.training"),
    "public_holiday": N_("web.prestation.public_holiday"),
    "replacement_day": N_("web.prestation.replacement_day"),
    "paid_leave": N_("web.prestation.paid_leave"),
    "sickness": N_("web.prestation.sickness"),
    "small_leave": N_("web.prestation.small_leave"),
    "unpaid_absence": N_("web.prestation.unpaid_absence"),
}


@blp.get("/exports/prestations/<period>.<any(csv, xlsx):kind>")
@staff
def prestations_file(period: str, kind: str) -> Response:
    """The month's prestations for the social secretariat, with a profile of the GE."""
    profile = request.args.get("profile", "")
    data, content_type, name = prestations.export(
        db.session(),
        current_principal(),
        billing.parse_period(period),
        kind,
        int(profile) if profile.isdigit() and len(profile) < 10 else None,
    )
    return attachment(data, content_type, name)


@blp.route("/secretariats", methods=["GET", "POST"])
@staff
def secretariat_profiles() -> Any:
    """The GE's social-secretariat profiles: the layouts its prestations are exported in."""
    from ..api.prestations import SecretariatProfileSchema

    principal = current_principal()
    errors: dict[str, Any] = {}
    action = request.form.get("action")
    if request.method == "POST" and action in ("delete", "default"):
        ident = request.form.get("profile", "")
        ident_ = int(ident) if ident.isdigit() and len(ident) < 10 else 0
        saved, errors, _findings = attempt(
            lambda: (
                records.remove(prestations.PROFILES, principal, ident_)
                if action == "delete"
                else prestations.make_default(principal, ident_)
            )
        )
        if not errors:
            flash(t("web.saved"), "success")
    elif request.method == "POST":
        data = form_data(["name", "separator", "decimal_mark", "date_format", "identifier"])
        data = {k: v for k, v in data.items() if v is not None}
        if data.get("separator") == "tab":
            data["separator"] = "\t"
        columns = (request.form.get("columns") or "").replace(";", ",").split(",")
        data["columns"] = [c.strip() for c in columns if c.strip()]
        data["codes"] = {
            kind: request.form[f"code-{kind}"].strip()
            for kind in PRESTATION_KINDS
            if (request.form.get(f"code-{kind}") or "").strip()
        }
        data["is_default"] = request.form.get("is_default") == "on"
        saved, errors, _findings = attempt(
            lambda: records.create(
                prestations.PROFILES, principal, SecretariatProfileSchema().load(data)
            )
        )
        if saved is not None:
            flash(t("web.saved"), "success")
    profiles = (
        db.session()
        .scalars(records.scoped(prestations.PROFILES, principal).order_by(SecretariatProfile.name))
        .all()
    )
    return render_template(
        "secretariat_profiles.html",
        profiles=profiles,
        errors=errors,
        kinds=PRESTATION_KIND_TEXTS,
        default_codes=DEFAULT_CODES,
        identifiers=list(WorkerIdentifier),
        columns=",".join(PRESTATION_COLUMNS),
        separators=SEPARATORS,
        decimal_marks=DECIMAL_MARKS,
        date_formats=list(DATE_FORMATS),
    )


@blp.get("/exports/journal")
@login_required
def journal() -> Response:
    if current_user.user.role is Role.MEMBER:
        abort(404)
    kind = request.args.get("format", "csv")
    if kind not in ("csv", "xlsx", "winbooks", "winbooks-thirds"):
        abort(404)
    month = billing.parse_period(request.args.get("period") or "")
    data, content_type, extension = documents.sales_journal(
        db.session(), current_principal().groupement_id, month, kind
    )
    return attachment(data, content_type, f"journal-ventes-{month:%Y-%m}-{kind}.{extension}")


@blp.route("/travailleurs/<int:ident>/mois", methods=["GET", "POST"])
@staff
def timesheet(ident: int) -> Any:
    """A worker's month day by day: planned hours per member, holidays and replacement
    days, and the day entries (absences, extra hours, training), with a form to add one."""
    principal = current_principal()
    session = db.session()
    person = records.get_visible(session, WORKERS, principal, ident)
    month = month_arg()
    errors: dict[str, Any] = {}
    findings: list[dict[str, Any]] = []
    if request.method == "POST" and request.form.get("form") == "review":
        reviewed, errors, findings = attempt(
            lambda: month_close.mark_reviewed(principal, month, person.id)
        )
        if reviewed is not None:
            flash(t("web.saved"), "success")
    elif request.method == "POST":
        fields = ["worker_id", "day", "member_id", "hours", "kind", "note"]
        data = form_data(fields, references=("worker_id", "member_id")) | {"worker_id": ident}
        created, errors, findings = attempt(
            lambda: records.create(DAY_ENTRIES, principal, DayEntrySchema().load(data))
        )
        if created is not None:
            flash(t("web.saved"), "success")
            warn(created)
    first, last = billing.month_bounds(month)
    planned, off = planned_by_day(session, principal.groupement_id, person.id, first, last)
    entries = session.scalars(
        select(DayEntry)
        .where(
            DayEntry.worker_id == person.id,
            DayEntry.groupement_id == principal.groupement_id,
            DayEntry.day.between(first, last),
        )
        .order_by(DayEntry.day, DayEntry.id)
    ).all()
    members_ = dict(
        session.execute(
            select(Member.id, Member.name).where(Member.groupement_id == principal.groupement_id)
        ).all()
    )
    days = []
    for offset in range((last - first).days + 1):
        current = first + timedelta(days=offset)
        days.append(
            {
                "day": current,
                "off": current in off,
                "planned": {
                    members_.get(m, "?"): Decimal(v) / 60
                    for m, v in planned.get(current, {}).items()
                },
                "entries": [e for e in entries if e.day == current],
            }
        )
    return render_template(
        "timesheet.html",
        worker=person,
        review=month_close.review_of(session, principal.groupement_id, person.id, first),
        first=first,
        days=days,
        members=members_,
        kinds=DayEntryKind,
        errors=errors,
        findings=findings,
    )


@blp.get("/planning")
@staff
def planning() -> str:
    """The planning board of an ISO week (``?semaine=2026-W20``, this week by default):
    a row per worker, or per member with ``?vue=membres``."""
    session = db.session()
    groupement = session.get_one(Groupement, current_principal().groupement_id)
    by_member = request.args.get("vue") == BY_MEMBER
    return render_board(
        board.week(session, groupement, week_arg(), by_member=by_member, with_findings=True),
        "admin.planning",
        by_member=by_member,
        view=BY_MEMBER if by_member else None,
    )


# The by-member view's value of ``vue`` (the default is a row per worker).
BY_MEMBER = "membres"
