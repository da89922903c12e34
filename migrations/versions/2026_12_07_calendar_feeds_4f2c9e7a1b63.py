"""Calendar feeds: the secret, revocable links to a worker's or a member's iCalendar
feed. One owner per feed (a worker or a member of the same GE, by composite tenant keys),
the token's SHA-256 only, when it was made and when it was revoked.

A new table on both engines; the downgrade drops it (the links it held stop working).

Revision ID: 4f2c9e7a1b63
Revises: 3b7e0c5d9a14
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4f2c9e7a1b63"
down_revision: str | None = "3b7e0c5d9a14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "calendar_feeds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "(worker_id IS NULL) <> (member_id IS NULL)",
            name=op.f("ck_calendar_feeds_one_owner"),
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_calendar_feeds_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["worker_id", "groupement_id"],
            ["workers.id", "workers.groupement_id"],
            name=op.f("fk_calendar_feeds_worker_id_workers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id", "groupement_id"],
            ["members.id", "members.groupement_id"],
            name=op.f("fk_calendar_feeds_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feeds")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feeds_token_hash")),
    )
    for column in ("groupement_id", "worker_id", "member_id"):
        op.create_index(
            op.f(f"ix_calendar_feeds_{column}"), "calendar_feeds", [column], unique=False
        )


def downgrade() -> None:
    for column in ("member_id", "worker_id", "groupement_id"):
        op.drop_index(op.f(f"ix_calendar_feeds_{column}"), table_name="calendar_feeds")
    op.drop_table("calendar_feeds")
