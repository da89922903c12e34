"""Migration 9d3f6b1c8e27: recorded warnings and notifications keep their finding's record.

The texts already stored become ``legacy.message`` records carrying them (each language
its own notification text, the French reference in the three); down, every record is
rendered again, and the rows that were there come back as they were."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from alembic import command
from sqlalchemy import text

from app.cli import alembic_config
from app.db import make_engine
from legal_rules import liability
from legal_rules.liability import DebtFacts
from legal_rules.model import Finding
from tests.migrations.test_tenant_keys import _first, _insert, _rows, _seeded

USER_LANGUAGE = "5c1e7a9b2d40"
STORED_FINDINGS = "9d3f6b1c8e27"


def _by_name(url: str, table: str) -> list[dict[str, Any]]:
    """The rows as mappings: a column dropped and added again comes back last."""
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings()
            return [dict(row) for row in rows]
    finally:
        engine.dispose()


def _seed_texts(url: str, ge: int) -> None:
    engine = make_engine(url)
    with engine.begin() as connection:
        worker = _first(connection, "workers", ge)
        now = datetime(2026, 11, 16, 6, tzinfo=UTC)
        _insert(connection, "notifications", groupement_id=ge, created_at=now,
                kind="LIAB-ARREARS", severity="warning", key="LIAB-ARREARS:7:2026-11",
                message_fr="Dette échue {depuis} le 15 avril 2026", message_nl="Schuld vervallen",
                message_en="Debt overdue", reference="Loi du 12 août 2000, art. 30bis",
                first_date=date(2026, 4, 15), subjects=[["debt", 7]])  # fmt: skip
        _insert(connection, "notifications", groupement_id=ge, created_at=now,
                kind="BILL-DRAFT", severity="info", key="BILL-DRAFT:2026-10:ready",
                message_fr="Brouillon prêt", message_nl="Ontwerp klaar", message_en="Draft ready",
                reference=None, first_date=None, subjects=[])  # fmt: skip
        _insert(connection, "recorded_findings", groupement_id=ge, recorded_at=now,
                rule_id="WT-DAY-8H", severity="warning", reference="Loi du 16 mars 1971, art. 19",
                message="8 u 30 gepland voor Karim op 24 november 2026",
                first_date=date(2026, 11, 24), last_date=date(2026, 11, 24),
                subjects=[["worker", worker]], entity="day_entries", entity_id=1)  # fmt: skip
    engine.dispose()


def test_stored_texts_become_records_that_read_them_and_come_back_down(
    empty_database: str,
) -> None:
    ge, _other = _seeded(empty_database)
    config = alembic_config(empty_database)
    command.upgrade(config, USER_LANGUAGE)
    _seed_texts(empty_database, ge)
    before = _rows(empty_database)
    old = {t: _by_name(empty_database, t) for t in ("notifications", "recorded_findings")}

    command.upgrade(config, STORED_FINDINGS)
    after = _rows(empty_database)
    untouched = set(before) - {"notifications", "recorded_findings", "alembic_version"}
    assert {t: after[t] for t in untouched} == {t: before[t] for t in untouched}

    arrears, draft = (Finding.from_record(r["finding"]) for r in _decoded(empty_database))
    assert [arrears.message(lang) for lang in ("fr", "nl", "en")] == [
        "Dette échue {depuis} le 15 avril 2026",  # a text, not a template: braces stay
        "Schuld vervallen",
        "Debt overdue",
    ]
    assert arrears.legal_basis("nl") == "Loi du 12 août 2000, art. 30bis"  # only French, ever
    assert (arrears.rule_id, arrears.subjects, arrears.first_date) == (
        "LIAB-ARREARS", (("debt", 7),), date(2026, 4, 15),
    )  # fmt: skip
    assert draft.first_date == date(2026, 11, 16)  # no first date: the day it was made
    assert draft.legal_basis("fr") == ""
    (warning,) = (
        Finding.from_record(r["finding"]) for r in _decoded(empty_database, "recorded_findings")
    )
    # One text, in the writer's language, whoever reads it.
    assert {warning.message(lang) for lang in ("fr", "nl", "en", "de")} == {
        "8 u 30 gepland voor Karim op 24 november 2026"
    }
    assert warning.legal_basis("en") == "Loi du 16 mars 1971, art. 19"

    # A notification written since: a real record, rendered down in French (reference too).
    debt = DebtFacts(7, "onss", date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 15),
                     Decimal("10805.56"))  # fmt: skip
    (new,) = [f for f in liability.check(date(2026, 6, 1), [], [debt]) if f.subjects]
    engine = make_engine(empty_database)
    with engine.begin() as connection:
        _insert(connection, "notifications", groupement_id=ge,
                created_at=datetime(2026, 11, 17, tzinfo=UTC), kind=new.rule_id,
                severity=new.severity.value, key="new", finding=new.to_record(),
                first_date=new.first_date, subjects=[["debt", 7]])  # fmt: skip
    engine.dispose()

    command.downgrade(config, USER_LANGUAGE)
    down = {t: _by_name(empty_database, t) for t in ("notifications", "recorded_findings")}
    assert down["recorded_findings"] == old["recorded_findings"]
    assert down["notifications"][:2] == old["notifications"]
    written_since = down["notifications"][2]
    assert written_since["message_fr"] == new.message("fr")
    assert written_since["message_nl"] == new.message("nl")
    assert written_since["reference"] == new.legal_basis("fr")
    assert {t: _rows(empty_database)[t] for t in untouched} == {t: before[t] for t in untouched}

    command.upgrade(config, STORED_FINDINGS)  # and up again, the new row with it
    assert len(_decoded(empty_database)) == 3


def _decoded(url: str, table: str = "notifications") -> list[dict[str, Any]]:
    """The rows with their JSON read as JSON (SQLite hands back text to a plain SELECT)."""
    rows = _by_name(url, table)
    for row in rows:
        if isinstance(row["finding"], str):
            row["finding"] = json.loads(row["finding"])
    return rows
