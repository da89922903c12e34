"""The month's close (issue 18): ``timesheet_reviews`` (a worker's month marked reviewed
by an administrator, with the fingerprint of what it was made of), ``prestations_exports``
(who exported a month's prestations, when, how) and the GE's ``payroll_gap_percent`` (an
imported payroll cost further than this from the model is flagged; 10 % by default).

The column is added like the GE's language (8d3f2a61c7e5): SQLite adds and drops it in
place with its CHECK as a column constraint (rebuilding ``groupements`` would delete
every row that points at it); PostgreSQL adds the column and its named CHECK.

Revision ID: e5a7c3d9b216
Revises: d41e8b6f2a37
Create Date: 2026-12-07 21:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e5a7c3d9b216"
down_revision: str | None = "d41e8b6f2a37"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "ck_groupements_payroll_gap_range"
CONDITION = "payroll_gap_percent BETWEEN 0 AND 1000000"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE groupements ADD COLUMN payroll_gap_percent INTEGER DEFAULT 100000 "
            f"NOT NULL CONSTRAINT {CHECK} CHECK ({CONDITION})"
        )
    else:
        op.add_column(
            "groupements",
            sa.Column("payroll_gap_percent", sa.Integer(), server_default="100000", nullable=False),
        )
        op.create_check_constraint(op.f(CHECK), "groupements", CONDITION)
    op.create_table(
        "timesheet_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("reviewed_by", sa.Integer(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_timesheet_reviews_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["worker_id", "groupement_id"],
            ["workers.id", "workers.groupement_id"],
            name=op.f("fk_timesheet_reviews_worker_id_workers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by", "groupement_id"],
            ["users.id", "users.groupement_id"],
            name=op.f("fk_timesheet_reviews_reviewed_by_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timesheet_reviews")),
        sa.UniqueConstraint(
            "groupement_id", "id", name=op.f("uq_timesheet_reviews_groupement_id_id")
        ),
        sa.UniqueConstraint(
            "groupement_id",
            "worker_id",
            "month",
            name=op.f("uq_timesheet_reviews_groupement_id_worker_id_month"),
        ),
    )
    op.create_index(
        op.f("ix_timesheet_reviews_groupement_id"), "timesheet_reviews", ["groupement_id"]
    )
    op.create_index(op.f("ix_timesheet_reviews_worker_id"), "timesheet_reviews", ["worker_id"])
    op.create_index(op.f("ix_timesheet_reviews_reviewed_by"), "timesheet_reviews", ["reviewed_by"])
    op.create_table(
        "prestations_exports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("profile_name", sa.String(length=100), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_prestations_exports_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id", "groupement_id"],
            ["users.id", "users.groupement_id"],
            name=op.f("fk_prestations_exports_user_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_prestations_exports")),
    )
    op.create_index(
        op.f("ix_prestations_exports_groupement_id"), "prestations_exports", ["groupement_id"]
    )
    op.create_index(op.f("ix_prestations_exports_month"), "prestations_exports", ["month"])
    op.create_index(op.f("ix_prestations_exports_user_id"), "prestations_exports", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_prestations_exports_user_id"), table_name="prestations_exports")
    op.drop_index(op.f("ix_prestations_exports_month"), table_name="prestations_exports")
    op.drop_index(op.f("ix_prestations_exports_groupement_id"), table_name="prestations_exports")
    op.drop_table("prestations_exports")
    op.drop_index(op.f("ix_timesheet_reviews_reviewed_by"), table_name="timesheet_reviews")
    op.drop_index(op.f("ix_timesheet_reviews_worker_id"), table_name="timesheet_reviews")
    op.drop_index(op.f("ix_timesheet_reviews_groupement_id"), table_name="timesheet_reviews")
    op.drop_table("timesheet_reviews")
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE groupements DROP COLUMN payroll_gap_percent")
    else:
        op.drop_constraint(op.f(CHECK), "groupements", type_="check")
        op.drop_column("groupements", "payroll_gap_percent")
