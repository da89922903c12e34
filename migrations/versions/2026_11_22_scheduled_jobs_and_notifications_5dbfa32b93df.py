"""Scheduled jobs: APScheduler's job table, the scheduler lease, job runs, notifications,
and each GE's job settings (existing GEs get the defaults).

Revision ID: 5dbfa32b93df
Revises: ca4ebd7f08ee
Create Date: 2026-11-22 00:00:55.530797
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "5dbfa32b93df"
down_revision: str | None = "ca4ebd7f08ee"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "apscheduler_jobs",
        sa.Column("id", sa.Unicode(length=191), nullable=False),
        sa.Column("next_run_time", sa.Float(precision=25), nullable=True),
        sa.Column("job_state", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_apscheduler_jobs")),
    )
    with op.batch_alter_table("apscheduler_jobs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_apscheduler_jobs_next_run_time"), ["next_run_time"], unique=False
        )

    op.create_table(
        "scheduler_lease",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=True),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_scheduler_lease")),
    )
    # The one lease row: taking it is then a single conditional UPDATE (no insert race).
    op.bulk_insert(
        sa.table("scheduler_lease", sa.column("name", sa.String)), [{"name": "scheduler"}]
    )
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=64), nullable=False),
        sa.Column("period", sa.Date(), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.Column("done_key", sa.String(length=120), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_job_runs_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_job_runs")),
        sa.UniqueConstraint("done_key", name=op.f("uq_job_runs_done_key")),
    )
    with op.batch_alter_table("job_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_job_runs_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_job_runs_job"), ["job"], unique=False)

    op.create_table(
        "notifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("message_fr", sa.String(length=2000), nullable=False),
        sa.Column("message_nl", sa.String(length=2000), nullable=False),
        sa.Column("message_en", sa.String(length=2000), nullable=False),
        sa.Column("reference", sa.String(length=300), nullable=True),
        sa.Column("first_date", sa.Date(), nullable=True),
        sa.Column("subjects", sa.JSON(), nullable=False),
        sa.Column("job_run_id", sa.Integer(), nullable=True),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("emailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("groupement_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["groupement_id"],
            ["groupements.id"],
            name=op.f("fk_notifications_groupement_id_groupements"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notifications")),
        sa.UniqueConstraint(
            "groupement_id", "key", name=op.f("uq_notifications_groupement_id_key")
        ),
    )
    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_notifications_groupement_id"), ["groupement_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_notifications_kind"), ["kind"], unique=False)

    with op.batch_alter_table("groupements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "scheduled_jobs_enabled", sa.Boolean(), nullable=False, server_default=sa.true()
            )
        )
        batch_op.add_column(
            sa.Column("draft_day", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(
            sa.Column("draft_time", sa.Time(), nullable=False, server_default="06:00:00")
        )
        batch_op.add_column(
            sa.Column("sweep_time", sa.Time(), nullable=False, server_default="07:00:00")
        )
        batch_op.add_column(
            sa.Column("contract_end_notice_days", sa.Integer(), nullable=False, server_default="30")
        )
        batch_op.add_column(
            sa.Column("headcount_alert_percent", sa.Integer(), nullable=False, server_default="90")
        )
        batch_op.add_column(
            sa.Column("annual_report_due_month", sa.Integer(), nullable=False, server_default="6")
        )
        batch_op.add_column(
            sa.Column("annual_report_due_day", sa.Integer(), nullable=False, server_default="30")
        )
        batch_op.add_column(sa.Column("annual_report_last_year", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("notification_email", sa.String(length=254), nullable=True))
        batch_op.create_check_constraint("draft_day_range", "draft_day BETWEEN 1 AND 28")
        batch_op.create_check_constraint(
            "notice_days_range", "contract_end_notice_days BETWEEN 1 AND 365"
        )
        batch_op.create_check_constraint(
            "alert_percent_range", "headcount_alert_percent BETWEEN 1 AND 100"
        )
        batch_op.create_check_constraint(
            "annual_report_due_range",
            "annual_report_due_month BETWEEN 1 AND 12 AND annual_report_due_day BETWEEN 1 AND 31",
        )


def downgrade() -> None:
    with op.batch_alter_table("groupements", schema=None) as batch_op:
        for name in (
            "annual_report_due_range",
            "alert_percent_range",
            "notice_days_range",
            "draft_day_range",
        ):
            batch_op.drop_constraint(op.f(f"ck_groupements_{name}"), type_="check")
        batch_op.drop_column("notification_email")
        batch_op.drop_column("annual_report_last_year")
        batch_op.drop_column("annual_report_due_day")
        batch_op.drop_column("annual_report_due_month")
        batch_op.drop_column("headcount_alert_percent")
        batch_op.drop_column("contract_end_notice_days")
        batch_op.drop_column("sweep_time")
        batch_op.drop_column("draft_time")
        batch_op.drop_column("draft_day")
        batch_op.drop_column("scheduled_jobs_enabled")

    with op.batch_alter_table("notifications", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_notifications_kind"))
        batch_op.drop_index(batch_op.f("ix_notifications_groupement_id"))

    op.drop_table("notifications")
    with op.batch_alter_table("job_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_job_runs_job"))
        batch_op.drop_index(batch_op.f("ix_job_runs_groupement_id"))

    op.drop_table("job_runs")
    op.drop_table("scheduler_lease")
    with op.batch_alter_table("apscheduler_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_apscheduler_jobs_next_run_time"))

    op.drop_table("apscheduler_jobs")
