"""Tenant keys: a GE's records point only at records of the same GE.

Every link between two records of a GE was a single-column key (assignments.member_id
-> members.id): nothing stopped an assignment of one GE from naming another GE's member.
Each link becomes composite, (member_id, groupement_id) -> members (id, groupement_id),
and each table pointed at gets UNIQUE (groupement_id, id) for it. ON DELETE stays what
it was; an optional link stays optional (a composite key with a NULL column is not
checked); the constraint names do not change (the linking column comes first).

Links to ``groupements`` stay single-column, and so does audit_events.user_id: its ON
DELETE SET NULL would null groupement_id as well on a composite key, and SQLite cannot
name the one column to null.

Existing rows that already cross GEs make the upgrade fail, naming them (SQLite) or the
constraint (PostgreSQL): they are to be corrected by hand, not guessed at.

Revision ID: ca20e58530f8
Revises: 5dbfa32b93df
Create Date: 2026-12-02 00:00:00.000000
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from alembic import op

revision: str = "ca20e58530f8"
down_revision: str | None = "5dbfa32b93df"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The links between a GE's records, table by table: (column, table pointed at, ON DELETE).
# A table comes after those it points at, so that their unique keys exist when PostgreSQL
# creates the foreign keys (and, in reverse order, are dropped after them).
LINKS: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    "members": (),
    "workers": (),
    "debts": (),
    "billing_runs": (),
    "users": (("member_id", "members", None),),
    "contracts": (("worker_id", "workers", None),),
    "assignments": (("contract_id", "contracts", None), ("member_id", "members", None)),
    "assignment_slots": (("assignment_id", "assignments", "CASCADE"),),
    "day_entries": (("worker_id", "workers", None), ("member_id", "members", None)),
    "api_tokens": (("user_id", "users", "CASCADE"),),
    "debt_payments": (("debt_id", "debts", None),),
    "payroll_costs": (("worker_id", "workers", None),),
    "run_worker_costs": (
        ("run_id", "billing_runs", "CASCADE"),
        ("worker_id", "workers", None),
        ("contract_id", "contracts", None),
    ),
    "invoices": (
        ("run_id", "billing_runs", "CASCADE"),
        ("member_id", "members", None),
        ("corrects_id", "invoices", None),
    ),
    "invoice_lines": (
        ("invoice_id", "invoices", "CASCADE"),
        ("worker_id", "workers", None),
        ("contract_id", "contracts", None),
    ),
}
REFERENCED = {referred for links in LINKS.values() for _column, referred, _ondelete in links}
# SQLite rebuilds a table to change its constraints and would drop AUTOINCREMENT (ids of
# dropped drafts never given again) unless told.
TABLE_KWARGS: dict[str, dict[str, Any]] = {
    "billing_runs": {"sqlite_autoincrement": True},
    "invoices": {"sqlite_autoincrement": True},
}


def upgrade() -> None:
    with _rebuilding_tables():
        for table, links in LINKS.items():
            with op.batch_alter_table(table, table_kwargs=TABLE_KWARGS.get(table, {})) as batch_op:
                if table in REFERENCED:
                    batch_op.create_unique_constraint(
                        op.f(f"uq_{table}_groupement_id_id"), ["groupement_id", "id"]
                    )
                for column, referred, ondelete in links:
                    name = op.f(f"fk_{table}_{column}_{referred}")
                    batch_op.drop_constraint(name, type_="foreignkey")
                    batch_op.create_foreign_key(
                        name,
                        referred,
                        [column, "groupement_id"],
                        ["id", "groupement_id"],
                        ondelete=ondelete,
                    )


def downgrade() -> None:
    with _rebuilding_tables():
        for table, links in reversed(LINKS.items()):
            with op.batch_alter_table(table, table_kwargs=TABLE_KWARGS.get(table, {})) as batch_op:
                for column, referred, ondelete in links:
                    name = op.f(f"fk_{table}_{column}_{referred}")
                    batch_op.drop_constraint(name, type_="foreignkey")
                    batch_op.create_foreign_key(name, referred, [column], ["id"], ondelete=ondelete)
                if table in REFERENCED:
                    batch_op.drop_constraint(op.f(f"uq_{table}_groupement_id_id"), type_="unique")


@contextmanager
def _rebuilding_tables() -> Iterator[None]:
    """On SQLite, foreign keys off while batch mode rebuilds the tables.

    SQLite changes a constraint by rebuilding the table: create a copy, copy the rows,
    drop the original, rename the copy. With foreign keys on (app/db.py turns them on),
    dropping a table first deletes its rows, which would cascade into the rows pointing
    at it (slots, invoice lines, tokens) or be refused. So, as SQLite prescribes
    (https://www.sqlite.org/lang_altertable.html#otheralter): keys off outside any
    transaction (the pragma is a no-op inside one), rebuild in a transaction, check
    every key with ``PRAGMA foreign_key_check``, commit, keys on again. Alembic then
    records the revision in a transaction of its own. PostgreSQL alters in place.
    """
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        yield
        return
    keys_were_on = bind.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    if bind.connection.dbapi_connection.in_transaction:
        # The transaction Alembic opened for this step (one per step on SQLite): it holds
        # nothing of this migration yet.
        bind.exec_driver_sql("COMMIT")
    bind.exec_driver_sql("PRAGMA foreign_keys = OFF")
    bind.exec_driver_sql("BEGIN")
    try:
        yield
        broken = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(
                "rows point at a record that is missing or belongs to another GE "
                f"(table, rowid, table pointed at, key number): {[tuple(row) for row in broken]}"
            )
    except BaseException:
        bind.exec_driver_sql("ROLLBACK")
        raise
    else:
        bind.exec_driver_sql("COMMIT")
    finally:
        if keys_were_on:
            bind.exec_driver_sql("PRAGMA foreign_keys = ON")
        bind.exec_driver_sql("BEGIN")
