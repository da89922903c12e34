"""Each GE's reference period for the average working week (WT-WEEK-AVG38), in months:
1, 2, 3, 4, 6 or 12, calendar-aligned; 3 (the calendar quarter) for the GEs already
there. The full-time reference it is compared with, ``full_time_weekly_hours``, exists.

SQLite adds and drops the column in place (ALTER TABLE … ADD/DROP COLUMN, SQLite 3.35
and later) with its CHECK as a column constraint: no rebuild of ``groupements``, which
every GE record points at (a rebuild with foreign keys on would delete them).
PostgreSQL adds the column and its named CHECK.

Revision ID: 8a85191383bb
Revises: 489335c1bf7f
Create Date: 2026-12-05 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8a85191383bb"
down_revision: str | None = "489335c1bf7f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "ck_groupements_reference_period_months"
VALUES = "reference_period_months IN (1, 2, 3, 4, 6, 12)"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE groupements ADD COLUMN reference_period_months INTEGER DEFAULT '3' "
            f"NOT NULL CONSTRAINT {CHECK} CHECK ({VALUES})"
        )
        return
    op.add_column(
        "groupements",
        sa.Column("reference_period_months", sa.Integer(), server_default="3", nullable=False),
    )
    op.create_check_constraint(CHECK, "groupements", VALUES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE groupements DROP COLUMN reference_period_months")
        return
    op.drop_constraint(CHECK, "groupements", type_="check")
    op.drop_column("groupements", "reference_period_months")
