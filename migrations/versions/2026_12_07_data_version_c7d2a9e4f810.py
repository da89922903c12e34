"""A change counter per GE, and the legal findings of a span kept against it.

``groupements.data_version`` grows by one with every guarded write that changes the GE's
records (``app.services.writes``). ``findings_cache`` keeps ``legal_rules.check`` of a
span of days as it stood at one ``data_version``: a draft of an unchanged month reads
them back instead of running the rules again. ``billing_runs.data_version`` is the
counter a draft was computed at: ``flask billing draft`` leaves a draft that is still
current as it is.

Added in place on SQLite too (ALTER TABLE … ADD/DROP COLUMN), like the GE's language
(8d3f2a61c7e5): rebuilding ``groupements`` would delete every row that points at it.

Revision ID: c7d2a9e4f810
Revises: b4e1d7c2a905
Create Date: 2026-12-07 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c7d2a9e4f810"
down_revision: str | None = "b4e1d7c2a905"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "groupements",
        sa.Column("data_version", sa.BigInteger(), server_default="0", nullable=False),
    )
    op.add_column("billing_runs", sa.Column("data_version", sa.BigInteger(), nullable=True))
    op.create_table(
        "findings_cache",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "groupement_id",
            sa.Integer(),
            sa.ForeignKey(
                "groupements.id",
                ondelete="CASCADE",
                name=op.f("fk_findings_cache_groupement_id_groupements"),
            ),
            nullable=False,
        ),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("data_version", sa.BigInteger(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings_cache")),
        sa.UniqueConstraint(
            "groupement_id",
            "first_day",
            "last_day",
            name=op.f("uq_findings_cache_groupement_id_first_day_last_day"),
        ),
    )
    op.create_index(op.f("ix_findings_cache_groupement_id"), "findings_cache", ["groupement_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_findings_cache_groupement_id"), table_name="findings_cache")
    op.drop_table("findings_cache")
    op.drop_column("billing_runs", "data_version")
    op.drop_column("groupements", "data_version")
