"""Late-payment notes: the GE's half-year rates of late-payment interest, the notes that
bill interest and the fixed compensation (law of 2 August 2002) with the invoices each
charged (once per invoice, ever), and a payment on either an invoice or a note.

New tables, and on ``payments`` a nullable ``note_id``, ``invoice_id`` nullable and a
CHECK that exactly one of them is set (a batch copy on SQLite). The downgrade deletes
the payments of notes, then drops the notes and rates.

Revision ID: 8c5e2a7d1f43
Revises: 6a1d4e8b2c90
Create Date: 2026-12-07 17:04:15
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8c5e2a7d1f43"
down_revision: str | None = "6a1d4e8b2c90"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "late_interest_rates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("percent", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "ends_on >= starts_on", name=op.f("ck_late_interest_rates_ends_after_start")
        ),
        sa.CheckConstraint(
            "percent >= 0", name=op.f("ck_late_interest_rates_percent_not_negative")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_late_interest_rates_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_late_interest_rates")),
        sa.UniqueConstraint(
            "groupement_id", "id", name=op.f("uq_late_interest_rates_groupement_id_id")
        ),
        sa.UniqueConstraint(
            "groupement_id",
            "starts_on",
            name=op.f("uq_late_interest_rates_groupement_id_starts_on"),
        ),
    )
    with op.batch_alter_table("late_interest_rates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_late_interest_rates_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "late_payment_notes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=32), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("payment_reference", sa.String(length=24), nullable=False),
        sa.Column("interest", sa.BigInteger(), nullable=False),
        sa.Column("compensation", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("lines", sa.JSON(), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "compensation >= 0", name=op.f("ck_late_payment_notes_compensation_not_negative")
        ),
        sa.CheckConstraint(
            "interest >= 0", name=op.f("ck_late_payment_notes_interest_not_negative")
        ),
        sa.CheckConstraint("total > 0", name=op.f("ck_late_payment_notes_total_positive")),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_late_payment_notes_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id", "groupement_id"],
            ["members.id", "members.groupement_id"],
            name=op.f("fk_late_payment_notes_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_late_payment_notes")),
        sa.UniqueConstraint(
            "groupement_id", "id", name=op.f("uq_late_payment_notes_groupement_id_id")
        ),
        sa.UniqueConstraint(
            "groupement_id", "reference", name=op.f("uq_late_payment_notes_groupement_id_reference")
        ),
        sa.UniqueConstraint(
            "groupement_id",
            "year",
            "number",
            name=op.f("uq_late_payment_notes_groupement_id_year_number"),
        ),
    )
    with op.batch_alter_table("late_payment_notes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_late_payment_notes_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_late_payment_notes_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "late_payment_note_invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_late_payment_note_invoices_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id", "groupement_id"],
            ["invoices.id", "invoices.groupement_id"],
            name=op.f("fk_late_payment_note_invoices_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["note_id", "groupement_id"],
            ["late_payment_notes.id", "late_payment_notes.groupement_id"],
            name=op.f("fk_late_payment_note_invoices_note_id_late_payment_notes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_late_payment_note_invoices")),
        sa.UniqueConstraint("invoice_id", name=op.f("uq_late_payment_note_invoices_invoice_id")),
    )
    with op.batch_alter_table("late_payment_note_invoices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_late_payment_note_invoices_groupement_id"),
            ["groupement_id"],
            unique=False,
        )
        batch_op.create_index(
            batch_op.f("ix_late_payment_note_invoices_note_id"), ["note_id"], unique=False
        )

    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("note_id", sa.Integer(), nullable=True))
        batch_op.alter_column("invoice_id", existing_type=sa.INTEGER(), nullable=True)
        batch_op.create_index(batch_op.f("ix_payments_note_id"), ["note_id"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_payments_bank_line_id_note_id"), ["bank_line_id", "note_id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_payments_note_id_late_payment_notes"),
            "late_payment_notes",
            ["note_id", "groupement_id"],
            ["id", "groupement_id"],
        )
        batch_op.create_check_constraint(
            batch_op.f("ck_payments_invoice_or_note"), "(invoice_id IS NULL) <> (note_id IS NULL)"
        )


def downgrade() -> None:
    op.execute("DELETE FROM payments WHERE note_id IS NOT NULL")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_payments_invoice_or_note"), type_="check")
        batch_op.drop_constraint(
            batch_op.f("fk_payments_note_id_late_payment_notes"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("uq_payments_bank_line_id_note_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_payments_note_id"))
        batch_op.alter_column("invoice_id", existing_type=sa.INTEGER(), nullable=False)
        batch_op.drop_column("note_id")

    with op.batch_alter_table("late_payment_note_invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_late_payment_note_invoices_note_id"))
        batch_op.drop_index(batch_op.f("ix_late_payment_note_invoices_groupement_id"))

    op.drop_table("late_payment_note_invoices")
    with op.batch_alter_table("late_payment_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_late_payment_notes_member_id"))
        batch_op.drop_index(batch_op.f("ix_late_payment_notes_groupement_id"))

    op.drop_table("late_payment_notes")
    with op.batch_alter_table("late_interest_rates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_late_interest_rates_groupement_id"))

    op.drop_table("late_interest_rates")
