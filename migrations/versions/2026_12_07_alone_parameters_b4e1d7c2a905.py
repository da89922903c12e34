"""What hiring alone would have cost: the GE's assumptions for the comparison, the
part-time minimum (percent of full time, in ten-thousandths: one third is 333333), and
the recruitment and payroll administration of a hire per year (in cents). Existing GEs
get the defaults; the downgrade drops the columns.

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


def upgrade() -> None:
    op.add_column(
        "groupements",
        sa.Column("alone_minimum_percent", sa.Integer(), server_default="333333", nullable=False),
    )
    op.add_column(
        "groupements",
        sa.Column(
            "alone_recruitment_per_year", sa.BigInteger(), server_default="150000", nullable=False
        ),
    )
    op.add_column(
        "groupements",
        sa.Column(
            "alone_payroll_admin_per_year", sa.BigInteger(), server_default="60000", nullable=False
        ),
    )


def downgrade() -> None:
    # Plain drops, no batch copy: a copy would rewrite the table's CHECK constraints,
    # and the earlier downgrades drop their columns in place (SQLite 3.35+).
    op.drop_column("groupements", "alone_payroll_admin_per_year")
    op.drop_column("groupements", "alone_recruitment_per_year")
    op.drop_column("groupements", "alone_minimum_percent")
