"""Who may come in: passwords (their policy, their check, the failed sign-ins counted in
the database), bearer tokens, and the caller's scope (groupement, role, member)."""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from flask import abort, g
from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn import zxcvbn

from .audit import Actor, set_request_actor
from .db import db
from .errors import Forbidden
from .i18n import N_, t
from .models import ApiToken, LoginAttempt, User
from .models.base import utcnow
from .models.enums import Role

TOKEN_PREFIX = "mutua_"

MINIMUM_PASSWORD = 12
# zxcvbn's scale runs 0 to 4; 3 is "safely unguessable" (about 10^8 guesses and more).
STRONG_ENOUGH = 3
# zxcvbn refuses longer input (its cost grows with the length): a longer password is
# judged on its first 72 characters, which are then strong or not already.
_SCORED_LENGTH = 72

# Failed sign-ins, counted in the database so that every worker and every instance sees
# the same count: 10 in 5 minutes lock an address with an e-mail, 100 an address.
SIGN_IN_WINDOW = timedelta(minutes=5)
FAILURES_PER_EMAIL = 10
FAILURES_PER_ADDRESS = 100


@dataclass(frozen=True)
class Principal:
    """Who is calling: every query is scoped by ``groupement_id`` (and ``member_id``)."""

    user_id: int
    groupement_id: int
    role: Role
    member_id: int | None
    # The user's own language: the API's when the request's Accept-Language names none.
    language: str = "fr"

    @property
    def can_write(self) -> bool:
        return self.role is Role.ADMIN


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_password(password: str) -> str:
    return generate_password_hash(password)


def password_problem(password: str, email: str = "") -> str | None:
    """Why ``password`` may not be set (a message key), or None: too short, or too easy
    to guess (common passwords, repeats, sequences, the e-mail's own words), by zxcvbn."""
    if len(password) < MINIMUM_PASSWORD:
        return N_("password_too_short")
    hints = ["mutua", email, *re.split(r"[@._+-]", email)] if email else ["mutua"]
    if zxcvbn(password[:_SCORED_LENGTH], user_inputs=hints)["score"] < STRONG_ENOUGH:
        return N_("password_too_weak")
    return None


@cache
def _dummy_hash() -> str:
    """The hash of a password nobody knows, made the way users' hashes are."""
    return hash_password(secrets.token_urlsafe(32))


def password_matches(user: User | None, password: str) -> bool:
    """Whether ``password`` is the active ``user``'s. With no user, or an inactive one, it
    is checked against a dummy hash all the same: the answer takes as long, so its time
    does not tell which e-mails have an account."""
    if user is None or not user.is_active:
        check_password_hash(_dummy_hash(), password)
        return False
    return check_password_hash(user.password_hash, password)


def _attempt_keys(address: str, email: str) -> tuple[str, str]:
    """What a failed sign-in counts against: the address, and the address with the e-mail
    (cut to the longest e-mail a user can have)."""
    return address, f"{address}:{email[:254]}"


def sign_in_locked(session: Session, address: str, email: str) -> bool:
    """Whether sign-ins from ``address`` for ``email`` are refused for now."""
    by_address, by_email = _attempt_keys(address, email)
    counts = dict(
        session.execute(
            select(LoginAttempt.key, func.count())
            .where(
                LoginAttempt.key.in_((by_address, by_email)),
                LoginAttempt.attempted_at > utcnow() - SIGN_IN_WINDOW,
            )
            .group_by(LoginAttempt.key)
        ).all()
    )
    return (
        counts.get(by_email, 0) >= FAILURES_PER_EMAIL
        or counts.get(by_address, 0) >= FAILURES_PER_ADDRESS
    )


def record_failed_sign_in(session: Session, address: str, email: str) -> None:
    """Count a failed sign-in, and forget those older than the window. Core statements:
    the rows belong to the deployment, not to a GE's audited records."""
    now = utcnow()
    session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at <= now - SIGN_IN_WINDOW))
    session.execute(
        insert(LoginAttempt).values(
            [{"key": key, "attempted_at": now} for key in _attempt_keys(address, email)]
        )
    )


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
    return Principal(row.id, row.groupement_id, row.role, row.member_id, row.language.value)


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
