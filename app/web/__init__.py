"""The web pages: server-rendered, French first, one blueprint per role.

Sessions by Flask-Login, CSRF tokens on every form (Flask-WTF), login attempts limited
(Flask-Limiter), locale formats by Flask-Babel. A page's queries go through the same
scoped helpers and services as the API (``app.api.crud``, ``app.services``): a member
user reaches only its own member's records, and another member's URL is a 404.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from babel.dates import format_date, format_datetime
from babel.numbers import format_currency, format_decimal
from flask import Flask, Response, g, redirect, render_template, request, session, url_for
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError, CSRFProtect

from allocation.calendar import BRUSSELS

from ..audit import Actor, set_request_actor
from ..auth import Principal
from ..db import db
from ..i18n import LANGUAGES, MESSAGES, language, t
from ..models import User
from .labels import LABELS

MESSAGES.update(LABELS)

login_manager = LoginManager()
csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address, default_limits=[], storage_uri="memory://")
babel = Babel()
LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'",
}


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
    user = db.session().get(User, int(user_id)) if user_id.isdigit() else None
    return WebUser(user) if user is not None and user.is_active else None


def _is_web(path: str) -> bool:
    return not path.startswith(("/api/", "/healthz", "/static/"))


def _principal_from_session() -> None:
    """Pages use the API's scoping: the principal comes from the signed-in user."""
    if _is_web(request.path) and current_user.is_authenticated:
        user = current_user.user
        g.principal = Principal(user.id, user.groupement_id, user.role, user.member_id)
        set_request_actor(Actor(f"user:{user.id} (web)", user.id))


def _protect_forms() -> None:
    if _is_web(request.path) and request.method == "POST":
        csrf.protect()


def _headers(response: Response) -> Response:
    if _is_web(request.path) or request.path.startswith("/static/"):
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
    return response


def money(amount: Decimal | None) -> str:
    return "" if amount is None else format_currency(amount, "EUR", locale=LOCALES[language()])


def day(value: date | None) -> str:
    return "" if value is None else format_date(value, "dd/MM/yyyy", locale=LOCALES[language()])


def moment(value: datetime | None) -> str:
    """A stored instant as Brussels wall time (the jobs' and the users' clock)."""
    if value is None:
        return ""
    local = value.replace(tzinfo=value.tzinfo or UTC).astimezone(BRUSSELS)
    return format_datetime(local, "dd/MM/yyyy HH:mm", locale=LOCALES[language()])


def hours(value: Decimal | None) -> str:
    return "" if value is None else format_decimal(value, "#,##0.00", locale=LOCALES[language()])


def register(app: Flask) -> None:
    app.config.setdefault("WTF_CSRF_CHECK_DEFAULT", False)  # forms only; the API uses tokens
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    # Flask's own default is None: set it unless the deployment chose one.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config.setdefault("REMEMBER_COOKIE_HTTPONLY", True)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    csrf.init_app(app)
    limiter.init_app(app)
    babel.init_app(app, locale_selector=lambda: LOCALES[language()])
    app.before_request(_principal_from_session)
    app.before_request(_protect_forms)
    app.after_request(_headers)

    from . import admin, auth, member  # the pages import this module's helpers

    for blueprint in (auth.blp, admin.blp, member.blp):
        app.register_blueprint(blueprint)

    @app.context_processor
    def _helpers() -> dict[str, Any]:
        return {
            "t": t,
            "money": money,
            "day": day,
            "moment": moment,
            "hours": hours,
            "language": language,
            "languages": LANGUAGES,
        }

    @app.get("/langue/<code>")
    def choose_language(code: str) -> Any:
        if code in LANGUAGES:
            session["language"] = code
        target = request.referrer or url_for("auth.home")
        return redirect(target if target.startswith(request.host_url) else url_for("auth.home"))

    @app.errorhandler(CSRFError)
    def _csrf(error: CSRFError) -> tuple[str, int]:
        return render_template("error.html", message=error.description), 400
