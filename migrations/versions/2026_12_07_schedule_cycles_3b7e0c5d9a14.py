"""Rotating schedules: an assignment repeats every ``cycle_weeks`` weeks (1 to 8, 1 for
the schedules already there) from the week of ``cycle_anchor`` (empty: of its first
day), and each slot says its week of the cycle (1 for the slots already there).

SQLite adds and drops the columns in place (ALTER TABLE … ADD/DROP COLUMN, SQLite 3.35
and later) with their CHECKs as column constraints, which is what lets DROP COLUMN take
them away again (a table-level CHECK naming the column would refuse it): no rebuild of
tables that others point at. PostgreSQL adds the columns and their named CHECKs.

Revision ID: 3b7e0c5d9a14
Revises: 8a85191383bb
Create Date: 2026-12-07 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "3b7e0c5d9a14"
down_revision: str | None = "8a85191383bb"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, check name, check)
COUNTED = (
    (
        "assignments",
        "cycle_weeks",
        "ck_assignments_cycle_weeks_range",
        "cycle_weeks BETWEEN 1 AND 8",
    ),
    ("assignment_slots", "week", "ck_assignment_slots_week_range", "week BETWEEN 1 AND 8"),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, check, condition in COUNTED:
        if sqlite:
            op.execute(
                f"ALTER TABLE {table} ADD COLUMN {column} INTEGER DEFAULT '1' NOT NULL "
                f"CONSTRAINT {check} CHECK ({condition})"
            )
        else:
            op.add_column(
                table, sa.Column(column, sa.Integer(), server_default="1", nullable=False)
            )
            # op.f: the name is final (the naming convention would prefix it again).
            op.create_check_constraint(op.f(check), table, condition)
    op.add_column("assignments", sa.Column("cycle_anchor", sa.Date(), nullable=True))


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    if sqlite:
        op.execute("ALTER TABLE assignments DROP COLUMN cycle_anchor")
    else:
        op.drop_column("assignments", "cycle_anchor")
    for table, column, check, _condition in COUNTED:
        if sqlite:
            op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
        else:
            op.drop_constraint(op.f(check), table, type_="check")
            op.drop_column(table, column)
