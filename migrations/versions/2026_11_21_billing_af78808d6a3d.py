"""Billing: payroll costs, overheads, billing runs, invoices and credit notes, number counters.

Revision ID: af78808d6a3d
Revises: e282c33f195f
Create Date: 2026-11-21 21:58:31.444956
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "af78808d6a3d"
down_revision: str | None = "e282c33f195f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "billing_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "regular",
                "complement",
                name="run_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "issued",
                name="run_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_billing_runs_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_billing_runs")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("billing_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_billing_runs_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_billing_runs_month"), ["month"], unique=False)

    op.create_table(
        "number_counters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_number_counters_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_number_counters")),
        sa.UniqueConstraint(
            "groupement_id",
            "series",
            "year",
            name=op.f("uq_number_counters_groupement_id_series_year"),
        ),
    )
    with op.batch_alter_table("number_counters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_number_counters_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "overheads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("amount >= 0", name=op.f("ck_overheads_amount_not_negative")),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_overheads_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overheads")),
    )
    with op.batch_alter_table("overheads", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_overheads_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "invoice",
                "credit_note",
                name="document_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "issued",
                name="invoice_status",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("series", sa.String(length=8), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("reference", sa.String(length=32), nullable=True),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("payment_reference", sa.String(length=24), nullable=True),
        sa.Column("lines_total", sa.BigInteger(), nullable=False),
        sa.Column("vat_total", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("exemption_mention", sa.String(length=200), nullable=True),
        sa.Column("corrects_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=500), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(status = 'issued') = (number IS NOT NULL AND issue_date IS NOT NULL)",
            name=op.f("ck_invoices_issued_documents_are_numbered"),
        ),
        sa.ForeignKeyConstraint(
            ["corrects_id"], ["invoices.id"], name=op.f("fk_invoices_corrects_id_invoices")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_invoices_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_invoices_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["billing_runs.id"],
            name=op.f("fk_invoices_run_id_billing_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint(
            "groupement_id",
            "series",
            "year",
            "number",
            name=op.f("uq_invoices_groupement_id_series_year_number"),
        ),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoices_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_invoices_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_invoices_run_id"), ["run_id"], unique=False)

    op.create_table(
        "payroll_costs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("employer_contributions", sa.BigInteger(), nullable=False),
        sa.Column("holiday_provision", sa.BigInteger(), nullable=False),
        sa.Column("year_end_provision", sa.BigInteger(), nullable=False),
        sa.Column("other", sa.BigInteger(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_payroll_costs_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_payroll_costs_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payroll_costs")),
        sa.UniqueConstraint(
            "groupement_id",
            "worker_id",
            "month",
            name=op.f("uq_payroll_costs_groupement_id_worker_id_month"),
        ),
    )
    with op.batch_alter_table("payroll_costs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payroll_costs_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_payroll_costs_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "invoice_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("invoice_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "staff",
                "fee",
                "overhead",
                name="line_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("description", sa.String(length=300), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("worked_hours", sa.BigInteger(), nullable=False),
        sa.Column("absence_hours", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("vat_category", sa.String(length=2), nullable=False),
        sa.Column("vat_rate", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_invoice_lines_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_invoice_lines_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["invoice_id"],
            ["invoices.id"],
            name=op.f("fk_invoice_lines_invoice_id_invoices"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_invoice_lines_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoice_lines")),
    )
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invoice_lines_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_invoice_lines_invoice_id"), ["invoice_id"], unique=False
        )

    op.create_table(
        "run_worker_costs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("imported", sa.Boolean(), nullable=False),
        sa.Column("gross", sa.BigInteger(), nullable=False),
        sa.Column("employer_contributions", sa.BigInteger(), nullable=False),
        sa.Column("holiday_provision", sa.BigInteger(), nullable=False),
        sa.Column("year_end_provision", sa.BigInteger(), nullable=False),
        sa.Column("accident_insurance", sa.BigInteger(), nullable=False),
        sa.Column("prevention_service", sa.BigInteger(), nullable=False),
        sa.Column("meal_vouchers", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("unallocated", sa.BigInteger(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_run_worker_costs_contract_id_contracts"),
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_run_worker_costs_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["billing_runs.id"],
            name=op.f("fk_run_worker_costs_run_id_billing_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_run_worker_costs_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_run_worker_costs")),
    )
    with op.batch_alter_table("run_worker_costs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_run_worker_costs_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_run_worker_costs_run_id"), ["run_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("run_worker_costs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_worker_costs_run_id"))
        batch_op.drop_index(batch_op.f("ix_run_worker_costs_groupement_id"))

    op.drop_table("run_worker_costs")
    with op.batch_alter_table("invoice_lines", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoice_lines_invoice_id"))
        batch_op.drop_index(batch_op.f("ix_invoice_lines_groupement_id"))

    op.drop_table("invoice_lines")
    with op.batch_alter_table("payroll_costs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payroll_costs_worker_id"))
        batch_op.drop_index(batch_op.f("ix_payroll_costs_groupement_id"))

    op.drop_table("payroll_costs")
    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invoices_run_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_member_id"))
        batch_op.drop_index(batch_op.f("ix_invoices_groupement_id"))

    op.drop_table("invoices")
    with op.batch_alter_table("overheads", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_overheads_groupement_id"))

    op.drop_table("overheads")
    with op.batch_alter_table("number_counters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_number_counters_groupement_id"))

    op.drop_table("number_counters")
    with op.batch_alter_table("billing_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_billing_runs_month"))
        batch_op.drop_index(batch_op.f("ix_billing_runs_groupement_id"))

    op.drop_table("billing_runs")
