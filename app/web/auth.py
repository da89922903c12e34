"""Signing in and out, one's profile (language, password), and the way home by role."""

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..auth import (
    MINIMUM_PASSWORD,
    hash_password,
    password_matches,
    password_problem,
    record_failed_sign_in,
    sign_in_locked,
)
from ..db import db
from ..i18n import CHOSEN, LANGUAGES, language, t
from ..models import User
from ..models.enums import Language, Role
from . import SESSION_VERSION, WebUser, local_path

blp = Blueprint("auth", __name__)


def _home_of(role: Role) -> str:
    if role is Role.MEMBER:
        return url_for("member.invoices")
    return url_for("admin.exports") if role is Role.ACCOUNTANT else url_for("admin.dashboard")


@blp.get("/")
def home() -> Any:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    return redirect(_home_of(current_user.user.role))


@blp.route("/connexion", methods=["GET", "POST"])
def login() -> Any:
    """Sign in; then to ``next`` when it is a path of this site, else the role's home.

    Failed attempts are counted per client address and e-mail (``app.auth``); a locked
    pair is refused before its password is looked at."""
    if request.method == "POST":
        email = (request.form.get("email") or "").strip().lower()
        address = request.remote_addr or "?"
        if sign_in_locked(db.session(), address, email):
            return render_template("login.html", email=email, error=t("web.too_many")), 429
        user = db.session().scalars(select(User).where(User.email == email)).one_or_none()
        # Checked with no user too (against a dummy hash): as long either way.
        matches = password_matches(user, request.form.get("password") or "")
        if user is None or not matches:
            with db.transaction() as attempts:
                record_failed_sign_in(attempts, address, email)
            flash(t("web.bad_login"), "error")
            return render_template("login.html", email=email), 401
        login_user(WebUser(user))
        session[SESSION_VERSION] = user.session_version
        # The user's own language from now on; the switcher overrides it for a session.
        session.pop(CHOSEN, None)
        return redirect(local_path(request.args.get("next")) or _home_of(user.role))
    return render_template("login.html")


@blp.post("/deconnexion")
@login_required
def logout() -> Any:
    """Sign out here and in every other session of the user (a copied cookie included)."""
    reading = language()
    with db.transaction() as unit:
        unit.get_one(User, current_user.user.id).session_version += 1
    logout_user()
    session.pop(SESSION_VERSION, None)
    session[CHOSEN] = reading  # the sign-in page stays in the language just read
    return redirect(url_for("auth.login"))


@blp.route("/mot-de-passe", methods=["GET", "POST"])
@login_required
def password() -> Any:
    """Change one's password with the old one; the user's other sessions end, this one
    stays signed in."""
    if request.method == "POST":
        user = current_user.user
        new = request.form.get("new_password") or ""
        if not password_matches(user, request.form.get("password") or ""):
            flash(t("web.bad_login"), "error")
        elif problem := password_problem(new, user.email):
            flash(t(problem), "error")
        else:
            with db.transaction() as unit:
                changed = unit.get_one(User, user.id)
                changed.password_hash = hash_password(new)
                changed.session_version += 1
            session[SESSION_VERSION] = changed.session_version
            flash(t("web.password_changed"), "success")
            return redirect(url_for("auth.home"))
    return render_template("password.html", minimum=MINIMUM_PASSWORD)


@blp.route("/profil", methods=["GET", "POST"])
@login_required
def profile() -> Any:
    """One's own language: the pages speak it at once (a choice made with the switcher in
    this session is dropped), the API when a request names none, and one's e-mails."""
    if request.method == "POST":
        chosen = request.form.get("language") or ""
        if chosen not in LANGUAGES:
            flash(t("web.bad_language"), "error")
            return render_template("profile.html"), 422
        with db.transaction() as unit:
            unit.get_one(User, current_user.user.id).language = Language(chosen)
        session.pop(CHOSEN, None)
        flash(t("web.profile_saved", lang=chosen), "success")
        return redirect(url_for("auth.profile"))
    return render_template("profile.html")
