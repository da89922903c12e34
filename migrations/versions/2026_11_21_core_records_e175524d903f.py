"""Core records: groupements, members, workers, contracts, schedules, day entries, users, audit.

Revision ID: e175524d903f
Revises: (first migration)
Create Date: 2026-11-21 21:17:54.068940
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "e175524d903f"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "groupements",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "legal_form",
            sa.Enum(
                "ASBL",
                "SNC",
                name="groupement_legal_form",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("enterprise_number", sa.String(length=10), nullable=False),
        sa.Column("vat_number", sa.String(length=12), nullable=True),
        sa.Column("iban", sa.String(length=34), nullable=True),
        sa.Column("bic", sa.String(length=11), nullable=True),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("rpm_seat", sa.String(length=200), nullable=False),
        sa.Column("authorisation_reference", sa.String(length=100), nullable=True),
        sa.Column("authorisation_date", sa.Date(), nullable=True),
        sa.Column("joint_committee", sa.String(length=20), nullable=True),
        sa.Column("headcount_cap", sa.Integer(), nullable=False),
        sa.Column("weekly_hours_floor", sa.Integer(), nullable=False),
        sa.Column("full_time_weekly_hours", sa.Integer(), nullable=False),
        sa.Column(
            "vat_mode",
            sa.Enum(
                "standard",
                "cost_sharing_44_2bis",
                name="vat_mode",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "absence_policy",
            sa.Enum(
                "pro_rata",
                "slot",
                "loaded_rate",
                name="absence_policy",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            "management_fee_mode",
            sa.Enum(
                "none",
                "per_hour",
                "percent_of_cost",
                name="management_fee_mode",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("management_fee_per_hour", sa.BigInteger(), nullable=False),
        sa.Column("management_fee_percent", sa.Integer(), nullable=False),
        sa.Column("payment_terms_days", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "full_time_weekly_hours > 0", name=op.f("ck_groupements_full_time_positive")
        ),
        sa.CheckConstraint("headcount_cap > 0", name=op.f("ck_groupements_headcount_cap_positive")),
        sa.CheckConstraint(
            "management_fee_per_hour >= 0", name=op.f("ck_groupements_fee_per_hour_not_negative")
        ),
        sa.CheckConstraint(
            "management_fee_percent >= 0", name=op.f("ck_groupements_fee_percent_not_negative")
        ),
        sa.CheckConstraint(
            "payment_terms_days >= 0", name=op.f("ck_groupements_payment_terms_not_negative")
        ),
        sa.CheckConstraint(
            "weekly_hours_floor > 0", name=op.f("ck_groupements_weekly_hours_floor_positive")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groupements")),
        sa.UniqueConstraint("enterprise_number", name=op.f("uq_groupements_enterprise_number")),
    )
    op.create_table(
        "cost_parameters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("employer_contribution_percent", sa.Integer(), nullable=False),
        sa.Column("holiday_pay_percent", sa.Integer(), nullable=False),
        sa.Column("year_end_bonus_percent", sa.Integer(), nullable=False),
        sa.Column("accident_insurance_percent", sa.Integer(), nullable=False),
        sa.Column("prevention_service_per_year", sa.BigInteger(), nullable=False),
        sa.Column("meal_voucher_employer_part", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "employer_contribution_percent >= 0 AND holiday_pay_percent >= 0 AND year_end_bonus_percent >= 0 AND accident_insurance_percent >= 0 AND prevention_service_per_year >= 0 AND meal_voucher_employer_part >= 0",
            name=op.f("ck_cost_parameters_not_negative"),
        ),
        sa.CheckConstraint(
            "year BETWEEN 2000 AND 2100", name=op.f("ck_cost_parameters_year_range")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_cost_parameters_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cost_parameters")),
        sa.UniqueConstraint(
            "groupement_id", "year", name=op.f("uq_cost_parameters_groupement_id_year")
        ),
    )
    with op.batch_alter_table("cost_parameters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cost_parameters_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column(
            "legal_form",
            sa.Enum(
                "ASBL",
                "AISBL",
                "SNC",
                "SRL",
                "SA",
                "SC",
                "fondation",
                "public",
                "other",
                name="member_legal_form",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("enterprise_number", sa.String(length=10), nullable=False),
        sa.Column("vat_number", sa.String(length=12), nullable=True),
        sa.Column(
            "vat_treatment",
            sa.Enum(
                "standard",
                "exempt_44_2bis",
                name="vat_treatment",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("postal_code", sa.String(length=10), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("invoice_email", sa.String(length=254), nullable=True),
        sa.Column(
            "language",
            sa.Enum(
                "fr",
                "nl",
                "en",
                name="member_language",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("peppol_id", sa.String(length=64), nullable=True),
        sa.Column("joined_on", sa.Date(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "left_on IS NULL OR left_on >= joined_on", name=op.f("ck_members_left_after_joined")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_members_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint(
            "groupement_id",
            "enterprise_number",
            name=op.f("uq_members_groupement_id_enterprise_number"),
        ),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_members_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "replacement_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("holiday", sa.Date(), nullable=False),
        sa.Column("replacement", sa.Date(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_replacement_days_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replacement_days")),
        sa.UniqueConstraint(
            "groupement_id", "holiday", name=op.f("uq_replacement_days_groupement_id_holiday")
        ),
        sa.UniqueConstraint(
            "groupement_id",
            "replacement",
            name=op.f("uq_replacement_days_groupement_id_replacement"),
        ),
    )
    with op.batch_alter_table("replacement_days", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_replacement_days_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "workers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("national_number", sa.String(length=11), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_workers_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_workers")),
        sa.UniqueConstraint(
            "groupement_id",
            "national_number",
            name=op.f("uq_workers_groupement_id_national_number"),
        ),
    )
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_workers_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("weekly_hours", sa.Integer(), nullable=False),
        sa.Column(
            "contract_type",
            sa.Enum(
                "open_ended",
                "fixed_term",
                "specific_work",
                "replacement",
                "student",
                "flexi_job",
                "occasional_horeca",
                name="contract_type",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("joint_committee", sa.String(length=20), nullable=False),
        sa.Column("monthly_gross", sa.BigInteger(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_contracts_ends_after_start")
        ),
        sa.CheckConstraint(
            "monthly_gross >= 0", name=op.f("ck_contracts_monthly_gross_not_negative")
        ),
        sa.CheckConstraint(
            "weekly_hours > 0 AND weekly_hours <= 3000",
            name=op.f("ck_contracts_weekly_hours_range"),
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_contracts_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_contracts_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
    )
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contracts_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contracts_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "day_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "extra_hours",
                "paid_leave",
                "sickness",
                "small_leave",
                "training",
                "unpaid_absence",
                name="day_entry_kind",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("note", sa.String(length=500), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "hours > 0 AND hours <= 1440", name=op.f("ck_day_entries_hours_within_a_day")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_day_entries_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_day_entries_member_id_members")
        ),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["workers.id"], name=op.f("fk_day_entries_worker_id_workers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_day_entries")),
    )
    with op.batch_alter_table("day_entries", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_day_entries_day"), ["day"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_day_entries_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_day_entries_member_id"), ["member_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_day_entries_worker_id"), ["worker_id"], unique=False)

    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("password_hash", sa.String(length=256), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "admin",
                "member",
                "accountant",
                name="user_role",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(role = 'member') = (member_id IS NOT NULL)",
            name=op.f("ck_users_member_role_has_member"),
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_users_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_users_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("email", name=op.f("uq_users_email")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_groupement_id"), ["groupement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_users_member_id"), ["member_id"], unique=False)

    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_api_tokens_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_api_tokens_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)

    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "ends_on IS NULL OR ends_on >= starts_on", name=op.f("ck_assignments_ends_after_start")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_assignments_contract_id_contracts")
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_assignments_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"], ["members.id"], name=op.f("fk_assignments_member_id_members")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assignments_contract_id"), ["contract_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assignments_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assignments_member_id"), ["member_id"], unique=False)

    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column(
            "action",
            sa.Enum(
                "create",
                "update",
                "delete",
                name="audit_action",
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("entity", sa.String(length=64), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_audit_events_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_audit_events_groupement_id"), ["groupement_id"], unique=False
        )

    op.create_table(
        "assignment_slots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=False),
        sa.Column("weekday", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.Time(), nullable=False),
        sa.Column("ends_at", sa.Time(), nullable=False),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "ends_at > starts_at", name=op.f("ck_assignment_slots_ends_after_start")
        ),
        sa.CheckConstraint(
            "weekday BETWEEN 0 AND 6", name=op.f("ck_assignment_slots_weekday_range")
        ),
        sa.ForeignKeyConstraint(
            ["assignment_id"],
            ["assignments.id"],
            name=op.f("fk_assignment_slots_assignment_id_assignments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_assignment_slots_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignment_slots")),
    )
    with op.batch_alter_table("assignment_slots", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assignment_slots_assignment_id"), ["assignment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_assignment_slots_groupement_id"), ["groupement_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("assignment_slots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignment_slots_groupement_id"))
        batch_op.drop_index(batch_op.f("ix_assignment_slots_assignment_id"))

    op.drop_table("assignment_slots")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_events_groupement_id"))

    op.drop_table("audit_events")
    with op.batch_alter_table("assignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assignments_member_id"))
        batch_op.drop_index(batch_op.f("ix_assignments_groupement_id"))
        batch_op.drop_index(batch_op.f("ix_assignments_contract_id"))

    op.drop_table("assignments")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))
        batch_op.drop_index(batch_op.f("ix_api_tokens_groupement_id"))

    op.drop_table("api_tokens")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_member_id"))
        batch_op.drop_index(batch_op.f("ix_users_groupement_id"))

    op.drop_table("users")
    with op.batch_alter_table("day_entries", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_day_entries_worker_id"))
        batch_op.drop_index(batch_op.f("ix_day_entries_member_id"))
        batch_op.drop_index(batch_op.f("ix_day_entries_groupement_id"))
        batch_op.drop_index(batch_op.f("ix_day_entries_day"))

    op.drop_table("day_entries")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contracts_worker_id"))
        batch_op.drop_index(batch_op.f("ix_contracts_groupement_id"))

    op.drop_table("contracts")
    with op.batch_alter_table("workers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_workers_groupement_id"))

    op.drop_table("workers")
    with op.batch_alter_table("replacement_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_replacement_days_groupement_id"))

    op.drop_table("replacement_days")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_groupement_id"))

    op.drop_table("members")
    with op.batch_alter_table("cost_parameters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cost_parameters_groupement_id"))

    op.drop_table("cost_parameters")
    op.drop_table("groupements")
