"""Invoices keep their parties and workers as they stood at issue.

Revision ID: ca4ebd7f08ee
Revises: af78808d6a3d
Create Date: 2026-11-21 22:56:20.562113
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "ca4ebd7f08ee"
down_revision: str | None = "af78808d6a3d"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("parties", sa.JSON(), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("invoices", schema=None) as batch_op:
        batch_op.drop_column("parties")
