"""The web pages: server-rendered, French first, one blueprint per role.

Sessions by Flask-Login (refused once their user signed out or changed password), CSRF
tokens on every form (Flask-WTF), values shown through ``formats`` (Babel, the reader's
locale; enum values by their labels); failed sign-ins are
counted in the database (``app.auth``). A page's queries go through the same
scoped helpers and services as the API (``app.api.crud``, ``app.services``): a member
user reaches only its own member's records, and another member's URL is a 404.
"""

import base64
import hashlib
import re
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, Response, g, redirect, render_template, request, session, url_for
from flask_babel import Babel
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect

from allocation import calendar
from allocation.calendar import first_on_or_after
from allocation.formats import locale

from ..audit import Actor, set_request_actor
from ..auth import Principal
from ..db import db
from ..errors import MutuaError
from ..i18n import CHOSEN, LANGUAGES, N_, label, language, t
from ..models import User
from ..services.billing import parse_period
from ..services.board import Board, in_range, monday_of_week, week_of
from .formats import (
    clock,
    day,
    duration,
    hours,
    moment,
    money,
    month,
    number,
    short_month,
    short_number,
    summary,
)

# Message ids the templates build from a value: t('web.day.' ~ weekday); enum values go
# through ``i18n.label``.
WEEKDAY_LABELS = (
    N_("web.day.0"),
    N_("web.day.1"),
    N_("web.day.2"),
    N_("web.day.3"),
    N_("web.day.4"),
    N_("web.day.5"),
    N_("web.day.6"),
)

login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()

SCRIPT_SOURCES = "script-src 'self'"
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    f"{SCRIPT_SOURCES}; form-action 'self'; frame-ancestors 'none'",
}
# Files that never change between two requests and hold no one's data: cacheable. Every
# other answer (pages, API answers, downloads) is ``no-store``.
STATIC_PREFIXES = ("/static/", "/api/v1/docs/assets/")
# The API's docs page (flask-smorest's Swagger UI) starts itself with one inline script:
# the page's policy allows that script by its hash, and no other.
DOCS_PAGE = "/api/v1/docs"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


# The user's ``session_version`` when this session signed in.
SESSION_VERSION = "session_version"


class WebUser:
    """The signed-in person, as Flask-Login wants them."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.is_authenticated = True
        self.is_active = user.is_active
        self.is_anonymous = False

    def get_id(self) -> str:
        return str(self.user.id)


@login_manager.user_loader
def _load(user_id: str) -> WebUser | None:
    """The session's user, unless they signed out or changed password since it began
    (their ``session_version`` moved on), or were deactivated."""
    user = db.session().get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or session.get(SESSION_VERSION) != user.session_version:
        return None
    return WebUser(user)


def local_path(target: str | None) -> str | None:
    """``target`` when it is a path of this site ("/…"), else None: never another host
    ("//host", "/\\host", "https://host"), nor a path a browser would read as one
    (backslashes, spaces and control characters are refused)."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(char) <= 0x20 or ord(char) == 0x7F for char in target):
        return None
    parts = urlsplit(target)
    return None if parts.scheme or parts.netloc else target


def _is_web(path: str) -> bool:
    return not path.startswith(("/api/", "/healthz", "/static/"))


def _principal_from_session() -> None:
    """Pages use the API's scoping: the principal comes from the signed-in user."""
    if _is_web(request.path) and current_user.is_authenticated:
        user = current_user.user
        g.principal = Principal(
            user.id, user.groupement_id, user.role, user.member_id, user.language.value
        )
        set_request_actor(Actor(f"user:{user.id} (web)", user.id))


def _protect_forms() -> None:
    if _is_web(request.path) and request.method == "POST":
        csrf.protect()


def _docs_policy(page: str) -> str:
    hashes = " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
        for script in _INLINE_SCRIPT.findall(page)
    )
    policy = SECURITY_HEADERS["Content-Security-Policy"]
    return policy.replace(SCRIPT_SOURCES, f"{SCRIPT_SOURCES} {hashes}") if hashes else policy


def _headers(response: Response) -> Response:
    """The security headers on every answer; ``no-store`` on all but the static files."""
    if request.path == DOCS_PAGE and response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = _docs_policy(response.get_data(True))
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if not request.path.startswith(STATIC_PREFIXES):
        response.headers["Cache-Control"] = "no-store"
    return response


def here() -> str:
    """The page being shown, as a path of this site (with its query)."""
    return request.full_path.removesuffix("?")


def week_arg() -> date:
    """The Monday of the ISO week a page is asked for (``?semaine=2026-W20``), else of this
    week in Brussels."""
    today = calendar.today()
    return monday_of_week(request.args.get("semaine")) or today - timedelta(days=today.weekday())


def month_arg() -> date:
    """The first day of the month a page is asked for (``?mois=2026-05``), else of this
    month in Brussels."""
    try:
        return parse_period(request.args.get("mois") or "")
    except MutuaError:
        return calendar.today().replace(day=1)


def neighbours(month: date) -> tuple[date, date]:
    """The months before and after ``month`` (their first days)."""
    return (month - timedelta(days=1)).replace(day=1), (month + timedelta(days=32)).replace(day=1)


def render_board(board: Board, endpoint: str, *, by_member: bool, view: str | None) -> str:
    """The planning board's page (``board.html``), for the staff and the member alike:
    ``endpoint`` its route, ``view`` the ``vue`` its links keep."""
    # The board's month is that of its Thursday (the ISO rule); a month's first week is
    # the one holding its first Thursday.
    previous, following = neighbours((board.monday + timedelta(days=3)).replace(day=1))
    return render_template(
        "board.html",
        board=board,
        by_member=by_member,
        endpoint=endpoint,
        view=view,
        week_of=week_of,
        in_range=in_range,
        one_week=timedelta(days=7),
        three_days=timedelta(days=3),
        months=[
            (N_("web.board.previous_month"), first_week(previous), "prev"),
            (N_("web.board.next_month"), first_week(following), "next"),
        ],
    )


def first_week(month: date) -> date:
    """The Monday of a month's first ISO week: the week of its first Thursday."""
    return first_on_or_after(month, 3) - timedelta(days=3)


def register(app: Flask) -> None:
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # forms only; the API uses tokens
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    # Flask's own default is None: set it unless the deployment chose one.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    # Also shown when a session ended elsewhere (signed out, password changed).
    login_manager.login_message = N_("web.login_required")
    login_manager.localize_callback = t
    csrf.init_app(app)
    babel.init_app(app, locale_selector=lambda: locale(language()))
    app.add_template_filter(label, "label")
    app.before_request(_principal_from_session)
    app.before_request(_protect_forms)
    app.after_request(_headers)

    from . import admin, auth, calendars, member, payments  # they import this module's helpers

    for blueprint in (auth.blp, admin.blp, member.blp, calendars.blp, payments.blp):
        app.register_blueprint(blueprint)

    @app.context_processor
    def _helpers() -> dict[str, Any]:
        return {
            "t": t,
            "money": money,
            "day": day,
            "moment": moment,
            "hours": hours,
            "duration": duration,
            "clock": clock,
            "number": number,
            "short_number": short_number,
            "month": month,
            "short_month": short_month,
            "label": label,
            "summary": summary,
            "language": language,
            "languages": LANGUAGES,
            "here": here,
        }

    @app.get("/langue/<code>")
    def choose_language(code: str) -> Any:
        """Choose the pages' language for this session (over the signed-in user's own, until
        they sign in again), then back to the page it was chosen on (``next``, a path of
        this site) or home."""
        if code in LANGUAGES:
            session[CHOSEN] = code
        return redirect(local_path(request.args.get("next")) or url_for("auth.home"))

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> tuple[str, int]:
        return render_template("error.html", message=error.description), 400
