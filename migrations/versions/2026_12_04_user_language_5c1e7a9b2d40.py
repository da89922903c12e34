"""Each user's language (fr, nl or en; French for the users already there): the pages'
default, the API's when a request names none, the language of their e-mails.

SQLite adds and drops the column in place (ALTER TABLE … ADD/DROP COLUMN, SQLite 3.35
and later), with its CHECK as a column constraint: no table rebuild, so the rows that
point at users (API tokens, audit events) are never touched. PostgreSQL adds the column
and its named CHECK.

Revision ID: 5c1e7a9b2d40
Revises: 361318da3d49
Create Date: 2026-12-04 21:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5c1e7a9b2d40"
down_revision: str | None = "361318da3d49"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "ck_users_user_language"
VALUES = "language IN ('fr', 'nl', 'en')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE users ADD COLUMN language VARCHAR(32) DEFAULT 'fr' NOT NULL "
            f"CONSTRAINT {CHECK} CHECK ({VALUES})"
        )
        return
    op.add_column(
        "users", sa.Column("language", sa.String(length=32), server_default="fr", nullable=False)
    )
    op.create_check_constraint(CHECK, "users", VALUES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE users DROP COLUMN language")
        return
    op.drop_constraint(CHECK, "users", type_="check")
    op.drop_column("users", "language")
