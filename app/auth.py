"""Bearer-token authentication and the caller's scope (groupement, role, member)."""

import hashlib
import secrets
from dataclasses import dataclass

from flask import abort, g
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .audit import Actor, set_request_actor
from .db import db
from .errors import Forbidden
from .i18n import t
from .models import ApiToken, User
from .models.enums import Role

TOKEN_PREFIX = "mutua_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: every query is scoped by ``groupement_id`` (and ``member_id``)."""

    user_id: int
    groupement_id: int
    role: Role
    member_id: int | None

    @property
    def can_write(self) -> bool:
        return self.role is Role.ADMIN


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def password_matches(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def issue_token(session: Session, user: User, name: str) -> str:
    """Create a token for ``user``; the plain token is returned once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(
        ApiToken(
            groupement_id=user.groupement_id,
            user_id=user.id,
            name=name,
            token_hash=hash_token(token),
            prefix=token[: len(TOKEN_PREFIX) + 6],
        )
    )
    return token


def principal_for_token(session: Session, token: str) -> Principal | None:
    row = session.execute(
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(
            ApiToken.token_hash == hash_token(token),
            ApiToken.revoked_at.is_(None),
            User.is_active.is_(True),
        )
    ).scalar_one_or_none()
    if row is None:
        return None
    return Principal(row.id, row.groupement_id, row.role, row.member_id)


def authenticate_request(authorization: str | None) -> None:
    """Set ``g.principal`` from the Authorization header, or answer 401."""
    scheme, _, token = (authorization or "").partition(" ")
    principal = None
    if scheme.lower() == "bearer" and token.strip():
        principal = principal_for_token(db.session(), token.strip())
    if principal is None:
        abort(401, t("unauthorized"))
    g.principal = principal
    set_request_actor(Actor(f"user:{principal.user_id}", principal.user_id))


def current_principal() -> Principal:
    return g.principal  # type: ignore[no-any-return]


def require_writer() -> Principal:
    principal = current_principal()
    if not principal.can_write:
        raise Forbidden()
    return principal
