"""What the scheduled jobs said and did: notifications and the history of runs (GE staff)."""

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select

from ..auth import Principal, current_principal
from ..db import db
from ..i18n import LANGUAGES, language
from ..jobs import JOBS
from ..models import JobRun, Notification
from ..models.base import utcnow
from ..services import records
from . import crud
from .schemas import Filters, Instant, Schema

notifications_blp = Blueprint(
    "notifications",
    __name__,
    url_prefix="/api/v1/notifications",
    description="Notifications des tâches planifiées (personnel du groupement)",
)
job_runs_blp = Blueprint(
    "job_runs",
    __name__,
    url_prefix="/api/v1/job-runs",
    description="Historique des tâches planifiées : début, fin, résultat, erreur",
)


class NotificationSchema(Schema):
    id = ma.fields.Integer()
    created_at = Instant()
    kind = ma.fields.String()
    severity = ma.fields.String()
    message = ma.fields.Method("_message", metadata={"type": "string"})
    messages = ma.fields.Method(
        "_messages",
        metadata={"type": "object", "additionalProperties": {"type": "string"}},
    )
    # The legal basis in the caller's language and in the three; null when there is none
    # (a notification stored without one, before findings kept their values).
    reference = ma.fields.Method("_reference", allow_none=True, metadata={"type": "string"})
    references = ma.fields.Method(
        "_references",
        metadata={"type": "object", "additionalProperties": {"type": "string", "nullable": True}},
    )
    first_date = ma.fields.Date(allow_none=True)
    subjects = ma.fields.Method(
        "_subjects", metadata={"type": "array", "items": {"type": "object"}}
    )
    job_run_id = ma.fields.Integer(allow_none=True)
    read_at = Instant(allow_none=True)
    emailed_at = Instant(allow_none=True)

    # Each rendered from the notification's finding when it is answered: one finding,
    # the same values in every language.
    def _message(self, n: Notification) -> str:
        return n.message(language())

    def _messages(self, n: Notification) -> dict[str, str]:
        finding = n.found()
        return {code: finding.message(code) for code in LANGUAGES}

    def _reference(self, n: Notification) -> str | None:
        return n.legal_basis(language()) or None

    def _references(self, n: Notification) -> dict[str, str | None]:
        finding = n.found()
        return {code: finding.legal_basis(code) or None for code in LANGUAGES}

    def _subjects(self, n: Notification) -> list[dict[str, Any]]:
        return [{"kind": kind, "id": ident} for kind, ident in n.subjects]


class NotificationFilters(Filters):
    unread = ma.fields.Boolean()
    kind = ma.fields.String(validate=ma.validate.Length(max=32))


class JobRunSchema(Schema):
    id = ma.fields.Integer()
    job = ma.fields.String()
    period = ma.fields.Date()
    attempt = ma.fields.Integer()
    started_at = Instant()
    finished_at = Instant(allow_none=True)
    outcome = ma.fields.String()
    error = ma.fields.String(allow_none=True)
    summary = ma.fields.Dict()


class JobRunFilters(Filters):
    job = ma.fields.String(validate=ma.validate.OneOf(sorted(JOBS)))
    outcome = ma.fields.String(
        validate=ma.validate.OneOf(["running", "succeeded", "blocked", "skipped", "failed"])
    )


NOTIFICATIONS = records.Resource(
    model=Notification,
    # The jobs speak of the whole GE (every member's invoices, debts, the cap): staff only.
    member_scope=records.staff_only,
    order_by=(Notification.created_at.desc(), Notification.id.desc()),
)
JOB_RUNS = records.Resource(
    model=JobRun,
    member_scope=records.staff_only,
    order_by=(JobRun.started_at.desc(), JobRun.id.desc()),
)


def notifications_of(principal: Principal, unread: bool | None = None) -> Select[Any]:
    stmt = records.scoped(NOTIFICATIONS, principal)
    if unread is not None:
        stmt = stmt.where(
            Notification.read_at.is_(None) if unread else Notification.read_at.is_not(None)
        )
    return stmt.order_by(*NOTIFICATIONS.order_by)


def mark_read(principal: Principal, ident: int) -> Notification:
    """Mark one notification read (once: a second call keeps the first time)."""
    with db.transaction() as session:
        notification = records.get_visible(session, NOTIFICATIONS, principal, ident)
        if notification.read_at is None:
            notification.read_at = utcnow()
    return notification  # type: ignore[no-any-return]


@notifications_blp.route("/")
class NotificationList(MethodView):
    @notifications_blp.arguments(NotificationFilters, location="query", unknown=ma.RAISE)
    @notifications_blp.response(200, NotificationSchema(many=True))
    @notifications_blp.paginate(page_size=50, max_page_size=500)
    def get(self, filters: dict[str, Any], pagination_parameters: Any) -> list[Any]:
        """The GE's notifications, newest first.

        `unread=true` for the unread ones, `kind` for one rule; GE staff only.
        """
        stmt = notifications_of(current_principal(), filters.get("unread"))
        if "kind" in filters:
            stmt = stmt.where(Notification.kind == filters["kind"])
        return crud.page_of(db.session(), stmt, pagination_parameters)


@notifications_blp.route("/<int:ident>")
class NotificationItem(MethodView):
    @notifications_blp.response(200, NotificationSchema)
    def get(self, ident: int) -> Notification:
        """One notification.

        Another GE's is a 404.
        """
        return records.get_visible(db.session(), NOTIFICATIONS, current_principal(), ident)  # type: ignore[no-any-return]


@notifications_blp.route("/<int:ident>/read")
class NotificationRead(MethodView):
    @notifications_blp.response(200, NotificationSchema)
    def post(self, ident: int) -> Notification:
        """Mark a notification read.

        Administrators; marking it again changes nothing.
        """
        return mark_read(current_principal(), ident)


@job_runs_blp.route("/")
class JobRunList(MethodView):
    @job_runs_blp.arguments(JobRunFilters, location="query", unknown=ma.RAISE)
    @job_runs_blp.response(200, JobRunSchema(many=True))
    @job_runs_blp.paginate(page_size=50, max_page_size=500)
    def get(self, filters: dict[str, Any], pagination_parameters: Any) -> list[Any]:
        """The GE's job runs, newest first.

        Filters: `job`, `outcome`; GE staff only.
        """
        stmt = records.scoped(JOB_RUNS, current_principal())
        for name in ("job", "outcome"):
            if name in filters:
                stmt = stmt.where(getattr(JobRun, name) == filters[name])
        return crud.page_of(db.session(), stmt.order_by(*JOB_RUNS.order_by), pagination_parameters)


@job_runs_blp.route("/<int:ident>")
class JobRunItem(MethodView):
    @job_runs_blp.response(200, JobRunSchema)
    def get(self, ident: int) -> JobRun:
        """One job run.

        With its summary, and its error when it failed.
        """
        return records.get_visible(db.session(), JOB_RUNS, current_principal(), ident)  # type: ignore[no-any-return]
