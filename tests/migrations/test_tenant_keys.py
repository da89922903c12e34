"""The database keeps a GE's records to themselves: a row of one GE that points at a
record of another is refused, whatever wrote it (raw SQL here, not the ORM).

The links are composite keys, (member_id, groupement_id) -> members (id, groupement_id);
migration ca20e58530f8 made them so, and comes back down to single-column keys.
"""

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from alembic import command
from sqlalchemy import JSON, Connection, Date, DateTime, Time, bindparam, inspect, text
from sqlalchemy.exc import IntegrityError

from app.cli import alembic_config
from app.db import make_engine
from tests.conftest import World

BEFORE = "5dbfa32b93df"
TENANT_KEYS = "ca20e58530f8"

# Tables with created_at and updated_at (TimestampMixin).
STAMPED = frozenset(
    {
        "groupements",
        "members",
        "workers",
        "contracts",
        "assignments",
        "day_entries",
        "users",
        "api_tokens",
        "debts",
        "debt_payments",
        "billing_runs",
        "invoices",
    }
)
# Parameters of these Python types are bound with a column type, the same on both engines.
COLUMN_TYPES = {
    date: Date(),
    datetime: DateTime(timezone=True),
    time: Time(),
    list: JSON(),
    dict: JSON(),
}
_serial = itertools.count(1)


def _insert(connection: Connection, table: str, **values: Any) -> int:
    """One row through a plain INSERT; returns its id."""
    if table in STAMPED:
        values = {"created_at": datetime.now(UTC), "updated_at": datetime.now(UTC)} | values
    statement = text(
        f"INSERT INTO {table} ({', '.join(values)}) "
        f"VALUES ({', '.join(':' + name for name in values)}) RETURNING id"
    ).bindparams(
        *(
            bindparam(name, type_=COLUMN_TYPES[type(value)])
            for name, value in values.items()
            if type(value) in COLUMN_TYPES
        )
    )
    return int(connection.execute(statement, values).scalar_one())


def _first(connection: Connection, table: str, groupement_id: int) -> int:
    statement = text(f"SELECT min(id) FROM {table} WHERE groupement_id = :ge")
    found = connection.execute(statement, {"ge": groupement_id}).scalar_one()
    assert found is not None, f"no {table} in GE {groupement_id}"
    return int(found)


def _fresh(table: str) -> dict[str, Any]:
    """The values a row of ``table`` must not share with another."""
    if table == "users":
        return {"email": f"user{next(_serial)}@tenant-keys.example"}
    if table in ("api_tokens", "calendar_feeds"):
        return {"token_hash": f"{next(_serial):064d}"}
    return {}


# A row's own values (money in cents, hours in minutes or hundredths, rates in 1/100 %).
CONTRACT = {
    "starts_on": date(2026, 11, 1),
    "weekly_hours": 1140,
    "contract_type": "open_ended",
    "joint_committee": "329.02",
    "monthly_gross": 150000,
}
DAY = {"day": date(2026, 11, 3), "hours": 240, "kind": "training"}
DRAFT_INVOICE = {
    "kind": "invoice",
    "status": "draft",
    "month": date(2026, 11, 1),
    "series": "F",
    "lines_total": 0,
    "vat_total": 0,
    "total": 0,
}
LINE = {
    "kind": "staff",
    "description": "Prestations",
    "worked_hours": 0,
    "absence_hours": 0,
    "amount": 100,
    "vat_category": "S",
    "vat_rate": 2100,
}
FEED = {"prefix": "cal_", "created_at": datetime(2026, 11, 2, tzinfo=UTC)}
REVIEW = {
    "month": date(2026, 11, 1),
    "reviewed_at": datetime(2026, 12, 2, tzinfo=UTC),
    "fingerprint": "0" * 64,
}
EXPORT = {
    "month": date(2026, 11, 1),
    "exported_at": datetime(2026, 12, 2, tzinfo=UTC),
    "kind": "csv",
}
SLOT = {"weekday": 0, "starts_at": time(9), "ends_at": time(12, 48)}


@dataclass(frozen=True)
class Link:
    """A row of ``table`` whose ``column`` names a record of ``target``."""

    table: str
    column: str
    target: str
    # The row's other links (column -> table), always to records of its own GE.
    others: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    def row(self, connection: Connection, ge: int, target_ge: int) -> dict[str, Any]:
        """The row for GE ``ge``, pointing at the first ``target`` of GE ``target_ge``."""
        links = {column: _first(connection, table, ge) for column, table in self.others.items()}
        pointed_at = _first(connection, self.target, target_ge)
        return {"groupement_id": ge, **self.values, **links, self.column: pointed_at}


LINKS = {
    "an assignment to another GE's member": Link(
        "assignments",
        "member_id",
        "members",
        {"contract_id": "contracts"},
        {"starts_on": date(2026, 11, 1)},
    ),
    "an assignment of another GE's contract": Link(
        "assignments",
        "contract_id",
        "contracts",
        {"member_id": "members"},
        {"starts_on": date(2026, 11, 1)},
    ),
    "a slot of another GE's assignment": Link(
        "assignment_slots", "assignment_id", "assignments", values=SLOT
    ),
    "a contract of another GE's worker": Link("contracts", "worker_id", "workers", values=CONTRACT),
    "a day entry of another GE's worker": Link(
        "day_entries", "worker_id", "workers", {"member_id": "members"}, DAY
    ),
    "a day entry at another GE's member": Link(
        "day_entries", "member_id", "members", {"worker_id": "workers"}, DAY
    ),
    "an invoice line on another GE's invoice": Link(
        "invoice_lines", "invoice_id", "invoices", values=LINE
    ),
    "an invoice line for another GE's worker": Link(
        "invoice_lines", "worker_id", "workers", {"invoice_id": "invoices"}, LINE
    ),
    "an invoice line for another GE's contract": Link(
        "invoice_lines", "contract_id", "contracts", {"invoice_id": "invoices"}, LINE
    ),
    "an invoice to another GE's member": Link(
        "invoices", "member_id", "members", values=DRAFT_INVOICE
    ),
    "a payment of another GE's debt": Link(
        "debt_payments", "debt_id", "debts", values={"paid_on": date(2026, 11, 2), "amount": 100}
    ),
    "a member user of another GE's member": Link(
        "users",
        "member_id",
        "members",
        values={"full_name": "", "password_hash": "x", "role": "member", "is_active": True},
    ),
    "a token of another GE's user": Link(
        "api_tokens", "user_id", "users", values={"name": "t", "prefix": "mutua_"}
    ),
    "a calendar feed of another GE's worker": Link(
        "calendar_feeds", "worker_id", "workers", values=FEED
    ),
    "a calendar feed of another GE's member": Link(
        "calendar_feeds", "member_id", "members", values=FEED
    ),
    "a review of another GE's worker": Link(
        "timesheet_reviews", "worker_id", "workers", {"reviewed_by": "users"}, REVIEW
    ),
    "a review by another GE's user": Link(
        "timesheet_reviews", "reviewed_by", "users", {"worker_id": "workers"}, REVIEW
    ),
    "a prestations export by another GE's user": Link(
        "prestations_exports", "user_id", "users", values=EXPORT
    ),
}


@pytest.fixture
def two_ges(connection: Connection, world: World) -> tuple[int, int]:
    """GE A and GE B, each with a draft invoice to point at (rolled back with the test)."""
    for ge in (world.ge_a, world.ge_b):
        member = _first(connection, "members", ge)
        _insert(connection, "invoices", groupement_id=ge, member_id=member, **DRAFT_INVOICE)
    return world.ge_a, world.ge_b


def _insert_link(connection: Connection, link: Link, ge: int, target_ge: int) -> int:
    """The row of ``link`` for GE ``ge``, pointing into GE ``target_ge``, in a savepoint."""
    row = link.row(connection, ge, target_ge) | _fresh(link.table)
    with connection.begin_nested():
        return _insert(connection, link.table, **row)


@pytest.mark.parametrize("link", LINKS.values(), ids=list(LINKS))
def test_a_row_cannot_point_at_another_ges_record(
    connection: Connection, two_ges: tuple[int, int], link: Link
) -> None:
    ge_a, ge_b = two_ges
    with pytest.raises(IntegrityError, match=r"(?i)foreign key"):
        _insert_link(connection, link, ge_a, ge_b)


@pytest.mark.parametrize("link", LINKS.values(), ids=list(LINKS))
def test_the_same_row_within_its_own_ge_is_accepted(
    connection: Connection, two_ges: tuple[int, int], link: Link
) -> None:
    ge_a, ge_b = two_ges
    assert _insert_link(connection, link, ge_a, ge_a)
    assert _insert_link(connection, link, ge_b, ge_b)


def test_an_optional_link_left_empty_is_not_checked(
    connection: Connection, two_ges: tuple[int, int]
) -> None:
    ge_a, _ = two_ges
    row = LINKS["a day entry at another GE's member"].row(connection, ge_a, ge_a)
    assert _insert(connection, "day_entries", **(row | {"member_id": None}))


def test_every_link_between_a_ges_records_is_a_tenant_key(connection: Connection) -> None:
    """Links to the GE itself stay single-column, as does the audit trail's user (its
    SET NULL would null the GE too); every other link carries groupement_id."""
    inspector = inspect(connection)
    single = set()
    for table in inspector.get_table_names():
        for key in inspector.get_foreign_keys(table):
            if key["referred_table"] == "groupements":
                continue
            if key["constrained_columns"][1:] == ["groupement_id"]:
                assert key["referred_columns"] == ["id", "groupement_id"], key
            else:
                single.add((table, tuple(key["constrained_columns"])))
    assert single == {("audit_events", ("user_id",))}


# The migration itself, on a database of its own holding two GEs' records.


def _seed_ge(connection: Connection, n: int) -> dict[str, int]:
    """A GE with one record of each kind, the rows a table rebuild could lose included
    (slots, lines and tokens go when their parent row is deleted)."""
    ids: dict[str, int] = {}
    ids["groupements"] = ge = _insert(
        connection,
        "groupements",
        name=f"GE {n}",
        legal_form="ASBL",
        enterprise_number=f"070000000{n}",
        street="Rue Neuve 1",
        postal_code="1000",
        city="Bruxelles",
        country="BE",
        rpm_seat="Tribunal de l'entreprise de Bruxelles",
        headcount_cap=50,
        weekly_hours_floor=1140,
        full_time_weekly_hours=2280,
        vat_mode="standard",
        absence_policy="pro_rata",
        management_fee_mode="none",
        management_fee_per_hour=0,
        management_fee_percent=0,
        payment_terms_days=30,
    )
    tenant = {"groupement_id": ge}
    ids["members"] = member = _insert(
        connection,
        "members",
        **tenant,
        name=f"Membre {n}",
        legal_form="ASBL",
        enterprise_number=f"080000000{n}",
        vat_treatment="standard",
        street="Rue Haute 2",
        postal_code="1000",
        city="Bruxelles",
        country="BE",
        language="fr",
        joined_on=date(2026, 1, 1),
    )
    ids["workers"] = worker = _insert(
        connection, "workers", **tenant, first_name="Ana", last_name=f"N{n}"
    )
    ids["contracts"] = contract = _insert(
        connection, "contracts", **tenant, worker_id=worker, **CONTRACT
    )
    ids["assignments"] = assignment = _insert(
        connection,
        "assignments",
        **tenant,
        contract_id=contract,
        member_id=member,
        starts_on=date(2026, 1, 1),
    )
    ids["assignment_slots"] = _insert(
        connection, "assignment_slots", **tenant, assignment_id=assignment, **SLOT
    )
    ids["day_entries"] = _insert(
        connection, "day_entries", **tenant, worker_id=worker, member_id=member, **DAY
    )
    ids["users"] = user = _insert(
        connection,
        "users",
        **tenant,
        **_fresh("users"),
        full_name="",
        password_hash="x",
        role="member",
        member_id=member,
        is_active=True,
    )
    ids["api_tokens"] = _insert(
        connection,
        "api_tokens",
        **tenant,
        **_fresh("api_tokens"),
        user_id=user,
        name="t",
        prefix="p",
    )
    ids["debts"] = debt = _insert(
        connection,
        "debts",
        **tenant,
        kind="onss",
        period_start=date(2026, 1, 1),
        period_end=date(2026, 3, 31),
        amount=900000,
        due_on=date(2026, 4, 30),
    )
    ids["debt_payments"] = _insert(
        connection, "debt_payments", **tenant, debt_id=debt, paid_on=date(2026, 4, 1), amount=100
    )
    ids["billing_runs"] = run = _insert(
        connection,
        "billing_runs",
        **tenant,
        month=date(2026, 10, 1),
        kind="regular",
        status="draft",
        findings=[],
        parameters={},
    )
    ids["invoices"] = invoice = _insert(
        connection,
        "invoices",
        **tenant,
        run_id=run,
        member_id=member,
        **DRAFT_INVOICE,
    )
    ids["invoice_lines"] = _insert(
        connection,
        "invoice_lines",
        **tenant,
        invoice_id=invoice,
        worker_id=worker,
        contract_id=contract,
        **LINE,
    )
    return ids


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = sorted(set(inspect(connection).get_table_names()) - {"alembic_version"})
            return {
                table: [
                    tuple(row)
                    for row in connection.execute(text(f"SELECT * FROM {table} ORDER BY 1"))
                ]
                for table in tables
            }
    finally:
        engine.dispose()


def _seeded(url: str) -> tuple[int, int]:
    command.upgrade(alembic_config(url), BEFORE)
    engine = make_engine(url)
    with engine.begin() as connection:
        ge_a = _seed_ge(connection, 1)["groupements"]
        ge_b = _seed_ge(connection, 2)["groupements"]
    engine.dispose()
    return ge_a, ge_b


def _refuses_a_cross_ge_assignment(url: str, ge_a: int, ge_b: int) -> bool:
    """Whether an assignment of GE A to GE B's member is refused (tried, then undone)."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            transaction = connection.begin()
            try:
                _insert_link(connection, LINKS["an assignment to another GE's member"], ge_a, ge_b)
            except IntegrityError:
                return True
            finally:
                transaction.rollback()
            return False
    finally:
        engine.dispose()


def test_the_tenant_keys_go_down_and_up_again_keeping_every_row(empty_database: str) -> None:
    ge_a, ge_b = _seeded(empty_database)
    config = alembic_config(empty_database)
    before = _rows(empty_database)
    assert not _refuses_a_cross_ge_assignment(empty_database, ge_a, ge_b)

    command.upgrade(config, TENANT_KEYS)
    assert _rows(empty_database) == before
    assert _refuses_a_cross_ge_assignment(empty_database, ge_a, ge_b)

    command.downgrade(config, BEFORE)
    assert _rows(empty_database) == before
    assert not _refuses_a_cross_ge_assignment(empty_database, ge_a, ge_b)

    command.upgrade(config, TENANT_KEYS)
    assert _rows(empty_database) == before
    assert _refuses_a_cross_ge_assignment(empty_database, ge_a, ge_b)


def test_the_upgrade_refuses_rows_that_already_cross_ges(empty_database: str) -> None:
    ge_a, ge_b = _seeded(empty_database)
    engine = make_engine(empty_database)
    with engine.begin() as connection:
        _insert_link(connection, LINKS["a day entry at another GE's member"], ge_a, ge_b)
    engine.dispose()
    before = _rows(empty_database)

    # SQLite names the rows (foreign_key_check), PostgreSQL the constraint.
    with pytest.raises((RuntimeError, IntegrityError), match=r"another GE|foreign key"):
        command.upgrade(alembic_config(empty_database), TENANT_KEYS)

    assert _rows(empty_database) == before
    assert not _refuses_a_cross_ge_assignment(empty_database, ge_a, ge_b)
