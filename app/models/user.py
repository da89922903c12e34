"""People who sign in, and the bearer tokens the API accepts (stored hashed)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TenantMixin, TimestampMixin, str_enum, tenant_key, tenant_link
from .enums import Language, Role


class User(TenantMixin, TimestampMixin, Base):
    __tablename__ = "users"
    __table_args__ = (
        # A member user belongs to exactly one member; other roles to none.
        CheckConstraint(
            "(role = 'member') = (member_id IS NOT NULL)", name="member_role_has_member"
        ),
        tenant_key(),
        tenant_link("member_id", "members"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(str_enum(Role, "user_role"))
    member_id: Mapped[int | None] = mapped_column(index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    # Stored in the web session at sign-in; raised at logout and on a password change,
    # so every session signed in before that is refused (in every worker, at once).
    session_version: Mapped[int] = mapped_column(default=0, server_default="0")
    # The language the person reads: the web pages' default (before the browser's), the
    # API's when the request names none it knows, and their e-mails'.
    language: Mapped[Language] = mapped_column(
        str_enum(Language, "user_language"), default=Language.FR, server_default="fr"
    )


class LoginAttempt(Base):
    """A failed sign-in, kept a few minutes: the limiter counts them in the database so
    that every web worker sees the same count. Belongs to the deployment, not to a GE."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # What is counted: the client's address, and the address with the e-mail tried.
    key: Mapped[str] = mapped_column(String(400), index=True)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class ApiToken(TenantMixin, TimestampMixin, Base):
    __tablename__ = "api_tokens"
    __table_args__ = (tenant_link("user_id", "users", ondelete="CASCADE"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(index=True)
    name: Mapped[str] = mapped_column(String(100))
    # SHA-256 of the token: the token itself is shown once and never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The first characters, so a person can tell their tokens apart.
    prefix: Mapped[str] = mapped_column(String(16))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
