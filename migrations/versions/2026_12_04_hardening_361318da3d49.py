"""Hardening: each user's session version (sessions end at logout and on a password
change), failed sign-ins counted in the database (shared by every web worker), and each
GE's window for issue dates (days after today; the API checks its range).

Revision ID: 361318da3d49
Revises: ca20e58530f8
Create Date: 2026-12-04 20:33:53.516262
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "361318da3d49"
down_revision: str | None = "ca20e58530f8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=400), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
    )
    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_login_attempts_attempted_at"), ["attempted_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_login_attempts_key"), ["key"], unique=False)

    with op.batch_alter_table("groupements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("issue_date_days_ahead", sa.Integer(), server_default="15", nullable=False)
        )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("session_version", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # In place (SQLite 3.35 and later): batch mode would rebuild both tables, and
        # with foreign keys on, dropping the old groupements and users tables deletes
        # every row pointing at them (a GE's records, the users' tokens).
        op.execute("ALTER TABLE users DROP COLUMN session_version")
        op.execute("ALTER TABLE groupements DROP COLUMN issue_date_days_ahead")
    else:
        op.drop_column("users", "session_version")
        op.drop_column("groupements", "issue_date_days_ahead")

    with op.batch_alter_table("login_attempts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_login_attempts_key"))
        batch_op.drop_index(batch_op.f("ix_login_attempts_attempted_at"))

    op.drop_table("login_attempts")
