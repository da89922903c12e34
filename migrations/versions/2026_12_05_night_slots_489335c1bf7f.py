"""Slots across midnight: a weekly slot whose end is not after its start ends the next
day (22:00-06:00). The CHECK ``ends_at > starts_at`` becomes ``ends_at <> starts_at``
(an end equal to the start, no length or a whole day, stays refused).

SQLite changes a CHECK by rebuilding the table (batch mode). ``assignment_slots`` is a
leaf: no table points at it, so dropping the old copy deletes nothing else, even with
foreign keys on; its own keys (to assignments and groupements) are copied as they are
and its rows keep their ids. PostgreSQL swaps the constraint in place.

The downgrade refuses while a slot ends the next day: the old constraint cannot hold
it, and splitting it at midnight would change the schedule (23:59 is the latest end it
can say). Such slots are to be changed or removed first, by the people who planned them.

Revision ID: 489335c1bf7f
Revises: 5c1e7a9b2d40
Create Date: 2026-12-05 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "489335c1bf7f"
down_revision: str | None = "8d3f2a61c7e5"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "assignment_slots"
OLD = ("ends_after_start", "ends_at > starts_at")
NEW = ("has_length", "ends_at <> starts_at")


def _swap(drop: tuple[str, str], create: tuple[str, str]) -> None:
    with op.batch_alter_table(TABLE) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{TABLE}_{drop[0]}"), type_="check")
        batch_op.create_check_constraint(op.f(f"ck_{TABLE}_{create[0]}"), create[1])


def upgrade() -> None:
    _swap(OLD, NEW)


def downgrade() -> None:
    overnight = op.get_bind().execute(
        sa.text(f"SELECT id FROM {TABLE} WHERE ends_at < starts_at ORDER BY id")
    )
    ids = [row[0] for row in overnight]
    if ids:
        raise RuntimeError(
            f"{len(ids)} slot(s) end the next day (assignment_slots.id {ids[:20]}): the "
            "schedule before this revision cannot hold them. Change or remove them first."
        )
    _swap(NEW, OLD)
