"""What hiring alone would have cost: the GE's assumptions for the comparison, the
part-time minimum (a percentage of full time, stored in ten-thousandths: one third,
33.3333 %, is 333333) and the recruitment and payroll administration of a hire per
year (in cents). The GEs already there get the defaults.

Done like the GE's language (8d3f2a61c7e5): SQLite adds and drops each column in place
(ALTER TABLE … ADD/DROP COLUMN, SQLite 3.35 and later) with its CHECK as a column
constraint, because rebuilding ``groupements`` would delete every row that points at
it. PostgreSQL adds the columns and their named CHECKs.

Revision ID: b4e1d7c2a905
Revises: 8c5e2a7d1f43
Create Date: 2026-12-07 17:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b4e1d7c2a905"
down_revision: str | None = "8c5e2a7d1f43"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (column, type, default, CHECK name, CHECK condition)
COLUMNS = (
    (
        "alone_minimum_percent",
        sa.Integer(),
        "333333",
        "ck_groupements_alone_minimum_range",
        "alone_minimum_percent BETWEEN 1 AND 1000000",
    ),
    (
        "alone_recruitment_per_year",
        sa.BigInteger(),
        "150000",
        "ck_groupements_alone_recruitment_not_negative",
        "alone_recruitment_per_year >= 0",
    ),
    (
        "alone_payroll_admin_per_year",
        sa.BigInteger(),
        "60000",
        "ck_groupements_alone_payroll_admin_not_negative",
        "alone_payroll_admin_per_year >= 0",
    ),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, type_, default, check, condition in COLUMNS:
        if sqlite:
            kind = "BIGINT" if isinstance(type_, sa.BigInteger) else "INTEGER"
            op.execute(
                f"ALTER TABLE groupements ADD COLUMN {column} {kind} DEFAULT {default} "
                f"NOT NULL CONSTRAINT {check} CHECK ({condition})"
            )
            continue
        op.add_column(
            "groupements", sa.Column(column, type_, server_default=default, nullable=False)
        )
        op.create_check_constraint(op.f(check), "groupements", condition)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for column, _type, _default, check, _condition in reversed(COLUMNS):
        if sqlite:
            op.execute(f"ALTER TABLE groupements DROP COLUMN {column}")
            continue
        op.drop_constraint(op.f(check), "groupements", type_="check")
        op.drop_column("groupements", column)
