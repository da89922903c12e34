"""Each GE's language (fr, nl or en; French for the GEs already there): the language of
its own papers, the run's split workbook and the sales journals for its accountant.

Done like the users' language (5c1e7a9b2d40): SQLite adds and drops the column in place
(ALTER TABLE … ADD/DROP COLUMN, SQLite 3.35 and later), with its CHECK as a column
constraint, because rebuilding ``groupements`` would delete every row that points at
it. PostgreSQL adds the column and its named CHECK.

Revision ID: 8d3f2a61c7e5
Revises: 5c1e7a9b2d40
Create Date: 2026-12-05 10:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "8d3f2a61c7e5"
down_revision: str | None = "9d3f6b1c8e27"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "ck_groupements_groupement_language"
VALUES = "language IN ('fr', 'nl', 'en')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE groupements ADD COLUMN language VARCHAR(32) DEFAULT 'fr' NOT NULL "
            f"CONSTRAINT {CHECK} CHECK ({VALUES})"
        )
        return
    op.add_column(
        "groupements",
        sa.Column("language", sa.String(length=32), server_default="fr", nullable=False),
    )
    op.create_check_constraint(CHECK, "groupements", VALUES)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE groupements DROP COLUMN language")
        return
    op.drop_constraint(CHECK, "groupements", type_="check")
    op.drop_column("groupements", "language")
