"""Signing in and out, changing one's password, and the way home by role."""

from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import select

from ..auth import hash_password, password_matches
from ..db import db
from ..i18n import t
from ..models import User
from ..models.enums import Role
from . import WebUser, limiter

blp = Blueprint("auth", __name__)
MINIMUM_PASSWORD = 10


@blp.get("/")
def home() -> Any:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    role = current_user.user.role
    return redirect(
        url_for("member.invoices")
        if role is Role.MEMBER
        else url_for("admin.exports")
        if role is Role.ACCOUNTANT
        else url_for("admin.dashboard")
    )


def _too_many(_limit: Any) -> Response:
    return make_response(render_template("login.html", error=t("web.too_many")), 429)


@blp.route("/connexion", methods=["GET", "POST"])
@limiter.limit("10 per 5 minutes", methods=["POST"], on_breach=_too_many)
def login() -> Any:
    if request.method == "POST":
        email = (request.form.get("email") or "").strip().lower()
        user = db.session().scalars(select(User).where(User.email == email)).one_or_none()
        if (
            user is None
            or not user.is_active
            or not password_matches(user, request.form.get("password") or "")
        ):
            flash(t("web.bad_login"), "error")
            return render_template("login.html", email=email), 401
        login_user(WebUser(user))
        return redirect(url_for("auth.home"))
    return render_template("login.html")


@blp.post("/deconnexion")
@login_required
def logout() -> Any:
    logout_user()
    return redirect(url_for("auth.login"))


@blp.route("/mot-de-passe", methods=["GET", "POST"])
@login_required
def password() -> Any:
    if request.method == "POST":
        user = current_user.user
        new = request.form.get("new_password") or ""
        if not password_matches(user, request.form.get("password") or ""):
            flash(t("web.bad_login"), "error")
        elif len(new) < MINIMUM_PASSWORD:
            flash(t("web.password_too_short"), "error")
        else:
            with db.transaction() as session:
                session.get_one(User, user.id).password_hash = hash_password(new)
            flash(t("web.password_changed"), "success")
            return redirect(url_for("auth.home"))
    return render_template("password.html")
