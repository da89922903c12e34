"""Derogations, recorded findings, the liability register (debts, payments), cap and floor references.

Revision ID: e282c33f195f
Revises: e175524d903f
Create Date: 2026-11-21 21:31:19.803837
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e282c33f195f"
down_revision: str | None = "e175524d903f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "debts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "onss",
                "withholding_tax",
                "wages",
                "other",
                name="debt_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("description", sa.String(length=300), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_debts_amount_positive")),
        sa.CheckConstraint("period_end >= period_start", name=op.f("ck_debts_period_in_order")),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_debts_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debts")),
    )
    with op.batch_alter_table("debts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_debts_groupement_id"), ["groupement_id"], unique=False)

    op.create_table(
        "derogations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("rule_id", sa.String(length=32), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "cct",
                "royal_decree",
                "work_rules",
                "ministerial",
                "other",
                name="derogation_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_derogations_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_derogations_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_derogations")),
    )
    with op.batch_alter_table("derogations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_derogations_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "recorded_findings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rule_id", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("reference", sa.String(length=300), nullable=False),
        sa.Column("message", sa.String(length=1000), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_recorded_findings_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recorded_findings")),
    )
    with op.batch_alter_table("recorded_findings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recorded_findings_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_recorded_findings_rule_id"), ["rule_id"], unique=False)

    op.create_table(
        "debt_payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("debt_id", sa.Integer(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_debt_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["debt_id"], ["debts.id"], name=op.f("fk_debt_payments_debt_id_debts")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_debt_payments_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_debt_payments")),
    )
    with op.batch_alter_table("debt_payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_debt_payments_debt_id"), ["debt_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_debt_payments_groupement_id"), ["groupement_id"], unique=False
        )

    with op.batch_alter_table("groupements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("headcount_cap_reference", sa.String(length=200), nullable=True)
        )
        batch_op.add_column(
            sa.Column("weekly_hours_floor_reference", sa.String(length=200), nullable=True)
        )


def downgrade() -> None:

    with op.batch_alter_table("groupements", schema=None) as batch_op:
        batch_op.drop_column("weekly_hours_floor_reference")
        batch_op.drop_column("headcount_cap_reference")

    with op.batch_alter_table("debt_payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debt_payments_groupement_id"))
        batch_op.drop_index(batch_op.f("ix_debt_payments_debt_id"))

    op.drop_table("debt_payments")
    with op.batch_alter_table("recorded_findings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recorded_findings_rule_id"))
        batch_op.drop_index(batch_op.f("ix_recorded_findings_groupement_id"))

    op.drop_table("recorded_findings")
    with op.batch_alter_table("derogations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_derogations_groupement_id"))

    op.drop_table("derogations")
    with op.batch_alter_table("debts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_debts_groupement_id"))

    op.drop_table("debts")
