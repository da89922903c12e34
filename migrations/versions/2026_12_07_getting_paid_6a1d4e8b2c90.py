"""Getting paid: bank statements and their lines (each stored once per GE, by the bank's
own key of the movement), what a line paid on which invoice, the reminders sent (once per
invoice and step), members' SEPA direct-debit mandates; a member's paying account, and
the GE's reminder steps and SEPA creditor identifier; the direct-debit files made (kept
as made) and the invoices each collected (once, ever).

New tables and nullable or defaulted columns on both engines (the GEs already there get
no reminder steps: their invoices paid before Mutua recorded payments must not be
chased; a GE created afterwards gets 7, 21 and 35 days); the downgrade drops them
(the payments recorded are lost with them).

Revision ID: 6a1d4e8b2c90
Revises: 4f2c9e7a1b63
Create Date: 2026-12-07 16:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "6a1d4e8b2c90"
down_revision: str | None = "4f2c9e7a1b63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bank_statements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=16), nullable=False),
        sa.Column("account_iban", sa.String(length=34), nullable=False),
        sa.Column("number", sa.String(length=35), nullable=False),
        sa.Column("opening_date", sa.Date(), nullable=True),
        sa.Column("opening_balance", sa.BigInteger(), nullable=False),
        sa.Column("closing_date", sa.Date(), nullable=False),
        sa.Column("closing_balance", sa.BigInteger(), nullable=False),
        sa.Column("file_name", sa.String(length=255), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_bank_statements_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_statements")),
        sa.UniqueConstraint(
            "groupement_id", "id", name=op.f("uq_bank_statements_groupement_id_id")
        ),
    )
    with op.batch_alter_table("bank_statements", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bank_statements_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "bank_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("booking_date", sa.Date(), nullable=False),
        sa.Column("value_date", sa.Date(), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("counterparty_name", sa.String(length=200), nullable=True),
        sa.Column("counterparty_iban", sa.String(length=34), nullable=True),
        sa.Column("communication", sa.Text(), nullable=False),
        sa.Column("structured", sa.Boolean(), nullable=False),
        sa.Column("bank_reference", sa.String(length=64), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "unmatched",
                "matched",
                "ignored",
                "debit",
                name="bank_line_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.String(length=300), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_bank_lines_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id", "groupement_id"],
            ["members.id", "members.groupement_id"],
            name=op.f("fk_bank_lines_member_id_members"),
        ),
        sa.ForeignKeyConstraint(
            ["statement_id", "groupement_id"],
            ["bank_statements.id", "bank_statements.groupement_id"],
            name=op.f("fk_bank_lines_statement_id_bank_statements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bank_lines")),
        sa.UniqueConstraint("groupement_id", "id", name=op.f("uq_bank_lines_groupement_id_id")),
        sa.UniqueConstraint("groupement_id", "key", name=op.f("uq_bank_lines_groupement_id_key")),
    )
    with op.batch_alter_table("bank_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_bank_lines_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_bank_lines_member_id"), ["member_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_bank_lines_statement_id"), ["statement_id"], unique=False
        )

    op.create_table(
        "direct_debit_mandates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=35), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column(
            "sequence",
            sa.Enum(
                "FRST",
                "RCUR",
                "OOFF",
                "FNAL",
                name="mandate_sequence",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("revoked_on", sa.Date(), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_direct_debit_mandates_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id", "groupement_id"],
            ["members.id", "members.groupement_id"],
            name=op.f("fk_direct_debit_mandates_member_id_members"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_debit_mandates")),
        sa.UniqueConstraint(
            "groupement_id", "id", name=op.f("uq_direct_debit_mandates_groupement_id_id")
        ),
        sa.UniqueConstraint(
            "groupement_id",
            "reference",
            name=op.f("uq_direct_debit_mandates_groupement_id_reference"),
        ),
    )
    with op.batch_alter_table("direct_debit_mandates", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_direct_debit_mandates_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_direct_debit_mandates_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "invoice_reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("days_after_due", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("open_amount", sa.BigInteger(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_invoice_reminders_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id", "groupement_id"],
            ["invoices.id", "invoices.groupement_id"],
            name=op.f("fk_invoice_reminders_invoice_id_invoices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_reminders")),
        sa.UniqueConstraint(
            "invoice_id", "step", name=op.f("uq_invoice_reminders_invoice_id_step")
        ),
    )
    with op.batch_alter_table("invoice_reminders", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_reminders_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_invoice_reminders_invoice_id"), ["invoice_id"], unique=False
        )

    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank_line_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount > 0", name=op.f("ck_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["bank_line_id", "groupement_id"],
            ["bank_lines.id", "bank_lines.groupement_id"],
            name=op.f("fk_payments_bank_line_id_bank_lines"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_payments_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id", "groupement_id"],
            ["invoices.id", "invoices.groupement_id"],
            name=op.f("fk_payments_invoice_id_invoices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
        sa.UniqueConstraint(
            "bank_line_id", "invoice_id", name=op.f("uq_payments_bank_line_id_invoice_id")
        ),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payments_bank_line_id"), ["bank_line_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payments_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_payments_invoice_id"), ["invoice_id"], unique=False)

    with op.batch_alter_table("groupements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminder_days", sa.String(length=40), server_default="", nullable=False)
        )
        batch_op.add_column(sa.Column("sepa_creditor_id", sa.String(length=35), nullable=True))

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(sa.Column("iban", sa.String(length=34), nullable=True))

    op.create_table(
        "direct_debit_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(length=35), nullable=False),
        sa.Column("collection_date", sa.Date(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("xml", sa.Text(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_direct_debit_batches_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id", "groupement_id"],
            ["billing_runs.id", "billing_runs.groupement_id"],
            name=op.f("fk_direct_debit_batches_run_id_billing_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_debit_batches")),
        sa.UniqueConstraint(
            "groupement_id", "id", name=op.f("uq_direct_debit_batches_groupement_id_id")
        ),
        sa.UniqueConstraint(
            "groupement_id",
            "message_id",
            name=op.f("uq_direct_debit_batches_groupement_id_message_id"),
        ),
    )
    with op.batch_alter_table("direct_debit_batches", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_direct_debit_batches_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_direct_debit_batches_run_id"), ["run_id"], unique=False
        )

    op.create_table(
        "direct_debit_collections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column("mandate_id", sa.Integer(), nullable=False),
        sa.Column(
            "sequence",
            sa.Enum(
                "FRST",
                "RCUR",
                "OOFF",
                "FNAL",
                name="collection_sequence",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id", "groupement_id"],
            ["direct_debit_batches.id", "direct_debit_batches.groupement_id"],
            name=op.f("fk_direct_debit_collections_batch_id_direct_debit_batches"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_direct_debit_collections_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id", "groupement_id"],
            ["invoices.id", "invoices.groupement_id"],
            name=op.f("fk_direct_debit_collections_invoice_id_invoices"),
        ),
        sa.ForeignKeyConstraint(
            ["mandate_id", "groupement_id"],
            ["direct_debit_mandates.id", "direct_debit_mandates.groupement_id"],
            name=op.f("fk_direct_debit_collections_mandate_id_direct_debit_mandates"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_direct_debit_collections")),
        sa.UniqueConstraint("invoice_id", name=op.f("uq_direct_debit_collections_invoice_id")),
    )
    with op.batch_alter_table("direct_debit_collections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_direct_debit_collections_batch_id"), ["batch_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_direct_debit_collections_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_direct_debit_collections_mandate_id"), ["mandate_id"], unique=False
        )


def downgrade() -> None:
    for table, columns in (
        ("direct_debit_collections", ("mandate_id", "groupement_id", "batch_id")),
        ("direct_debit_batches", ("run_id", "groupement_id")),
    ):
        for column in columns:
            op.drop_index(op.f(f"ix_{table}_{column}"), table_name=table)
        op.drop_table(table)
    # Plain DROP COLUMN (SQLite 3.35+): a batch copy of these tables would carry their
    # CHECK constraints into a form the older migrations' downgrades cannot drop.
    op.drop_column("members", "iban")
    op.drop_column("groupements", "sepa_creditor_id")
    op.drop_column("groupements", "reminder_days")

    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_invoice_id"))
        batch_op.drop_index(batch_op.f("ix_payments_groupement_id"))
        batch_op.drop_index(batch_op.f("ix_payments_bank_line_id"))

    op.drop_table("payments")
    with op.batch_alter_table("invoice_reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_reminders_invoice_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_reminders_groupement_id"))

    op.drop_table("invoice_reminders")
    with op.batch_alter_table("direct_debit_mandates", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_direct_debit_mandates_member_id"))
        batch_op.drop_index(batch_op.f("ix_direct_debit_mandates_groupement_id"))

    op.drop_table("direct_debit_mandates")
    with op.batch_alter_table("bank_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_lines_statement_id"))
        batch_op.drop_index(batch_op.f("ix_bank_lines_member_id"))
        batch_op.drop_index(batch_op.f("ix_bank_lines_groupement_id"))

    op.drop_table("bank_lines")
    with op.batch_alter_table("bank_statements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bank_statements_groupement_id"))

    op.drop_table("bank_statements")
