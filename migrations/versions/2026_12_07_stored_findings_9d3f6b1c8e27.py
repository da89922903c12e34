"""Recorded warnings and notifications keep their finding, not its text.

``recorded_findings`` and ``notifications`` get a JSON column ``finding``: the finding's
record (``legal_rules.Finding.to_record``: the message id, the legal basis's id and the
message's values, each tagged with its type), rendered in the reader's language when it
is read. Their text columns go: ``recorded_findings.message`` and ``reference`` (in the
language of the user whose write raised it), ``notifications.message_fr``,
``message_nl``, ``message_en`` and ``reference`` (French only).

A text cannot be parsed back into values, so each row already there becomes a record
whose message is ``legacy.message`` and whose legal basis is ``legacy.reference``, two
texts of the ``legal_rules`` catalogue that read ``{message}`` and ``{reference}``; its
values ``message`` and ``reference`` are the old texts, one per language (a ``texts``
value: fr, nl, en). A notification keeps its three messages and its French reference
(as the reference in the three: there never was another); a recorded warning's only
text, in a language nobody wrote down, stands in the three. Its key
(``Finding.key``) is the rule, subjects and dates, without figures: there were none. A
notification without a first date (the column allows it; the code never left one)
takes the day it was created.

Down, each record is rendered again by ``legal_rules`` (the pure package: its
catalogues, never ``app``): a notification's three messages and its French reference
(NULL when empty), a recorded warning's message and reference in French. An old row
comes back as it was; a row written since in French, whoever raised it. A text longer
than the old column is cut to it (none of the catalogue's comes near).

On SQLite the two tables are rebuilt (batch mode): nothing points at their rows.

Revision ID: 9d3f6b1c8e27
Revises: 5c1e7a9b2d40
Create Date: 2026-12-07 12:30:00
"""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "9d3f6b1c8e27"
down_revision: str | None = "5c1e7a9b2d40"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The record of a finding as legal_rules wrote it at this revision, written out here:
# a migration must say tomorrow what it said today, whatever the code becomes.
LEGACY = "legacy.message"
LEGACY_REFERENCE = "legacy.reference"


def _texts(fr: str, nl: str, en: str) -> dict[str, Any]:
    return {"texts": {"fr": fr, "nl": nl, "en": en}}


def _record(
    rule_id: str,
    severity: str,
    first_date: date,
    last_date: date,
    subjects: list[Any] | None,
    message: dict[str, Any],
    reference: dict[str, Any],
) -> dict[str, Any]:
    return {
        "rule_id": rule_id,
        "severity": severity,
        "reference_id": LEGACY_REFERENCE,
        "message_id": LEGACY,
        "first_date": first_date.isoformat(),
        "last_date": last_date.isoformat(),
        "subjects": [list(subject) for subject in subjects or []],
        "values": [["message", message], ["reference", reference]],
    }


def _day(value: date | datetime | str) -> date:
    """A date, a timestamp or SQLite's text of either, as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("recorded_findings") as batch:
        batch.add_column(sa.Column("finding", sa.JSON(), nullable=True))
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("finding", sa.JSON(), nullable=True))

    recorded = sa.table(
        "recorded_findings",
        sa.column("id", sa.Integer),
        sa.column("rule_id", sa.String),
        sa.column("severity", sa.String),
        sa.column("reference", sa.String),
        sa.column("message", sa.String),
        sa.column("first_date", sa.Date),
        sa.column("last_date", sa.Date),
        sa.column("subjects", sa.JSON),
        sa.column("finding", sa.JSON),
    )
    for row in bind.execute(sa.select(recorded)).all():
        text, reference = row.message, row.reference
        record = _record(
            row.rule_id,
            row.severity,
            _day(row.first_date),
            _day(row.last_date),
            row.subjects,
            _texts(text, text, text),
            _texts(reference, reference, reference),
        )
        bind.execute(recorded.update().where(recorded.c.id == row.id).values(finding=record))

    notifications = sa.table(
        "notifications",
        sa.column("id", sa.Integer),
        sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("kind", sa.String),
        sa.column("severity", sa.String),
        sa.column("message_fr", sa.String),
        sa.column("message_nl", sa.String),
        sa.column("message_en", sa.String),
        sa.column("reference", sa.String),
        sa.column("first_date", sa.Date),
        sa.column("subjects", sa.JSON),
        sa.column("finding", sa.JSON),
    )
    for row in bind.execute(sa.select(notifications)).all():
        first_date = _day(row.first_date if row.first_date is not None else row.created_at)
        reference = row.reference or ""
        record = _record(
            row.kind,
            row.severity,
            first_date,
            first_date,  # a notification has one date
            row.subjects,
            _texts(row.message_fr, row.message_nl, row.message_en),
            _texts(reference, reference, reference),
        )
        bind.execute(
            notifications.update().where(notifications.c.id == row.id).values(finding=record)
        )

    with op.batch_alter_table("recorded_findings") as batch:
        batch.alter_column("finding", existing_type=sa.JSON(), nullable=False)
        batch.drop_column("message")
        batch.drop_column("reference")
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("finding", existing_type=sa.JSON(), nullable=False)
        batch.drop_column("message_fr")
        batch.drop_column("message_nl")
        batch.drop_column("message_en")
        batch.drop_column("reference")


def downgrade() -> None:
    # The catalogues render the records: legal_rules is pure (no app, no database).
    from legal_rules.model import Finding

    bind = op.get_bind()
    with op.batch_alter_table("recorded_findings") as batch:
        batch.add_column(sa.Column("reference", sa.String(length=300), nullable=True))
        batch.add_column(sa.Column("message", sa.String(length=1000), nullable=True))
    with op.batch_alter_table("notifications") as batch:
        batch.add_column(sa.Column("message_fr", sa.String(length=2000), nullable=True))
        batch.add_column(sa.Column("message_nl", sa.String(length=2000), nullable=True))
        batch.add_column(sa.Column("message_en", sa.String(length=2000), nullable=True))
        batch.add_column(sa.Column("reference", sa.String(length=300), nullable=True))

    recorded = sa.table(
        "recorded_findings",
        sa.column("id", sa.Integer),
        sa.column("reference", sa.String),
        sa.column("message", sa.String),
        sa.column("finding", sa.JSON),
    )
    for row in bind.execute(sa.select(recorded.c.id, recorded.c.finding)).all():
        finding = Finding.from_record(row.finding)
        bind.execute(
            recorded.update()
            .where(recorded.c.id == row.id)
            .values(message=finding.message("fr")[:1000], reference=finding.legal_basis("fr")[:300])
        )

    notifications = sa.table(
        "notifications",
        sa.column("id", sa.Integer),
        sa.column("message_fr", sa.String),
        sa.column("message_nl", sa.String),
        sa.column("message_en", sa.String),
        sa.column("reference", sa.String),
        sa.column("finding", sa.JSON),
    )
    for row in bind.execute(sa.select(notifications.c.id, notifications.c.finding)).all():
        finding = Finding.from_record(row.finding)
        bind.execute(
            notifications.update()
            .where(notifications.c.id == row.id)
            .values(
                message_fr=finding.message("fr")[:2000],
                message_nl=finding.message("nl")[:2000],
                message_en=finding.message("en")[:2000],
                reference=finding.legal_basis("fr")[:300] or None,
            )
        )

    with op.batch_alter_table("recorded_findings") as batch:
        batch.alter_column("reference", existing_type=sa.String(length=300), nullable=False)
        batch.alter_column("message", existing_type=sa.String(length=1000), nullable=False)
        batch.drop_column("finding")
    with op.batch_alter_table("notifications") as batch:
        batch.alter_column("message_fr", existing_type=sa.String(length=2000), nullable=False)
        batch.alter_column("message_nl", existing_type=sa.String(length=2000), nullable=False)
        batch.alter_column("message_en", existing_type=sa.String(length=2000), nullable=False)
        batch.drop_column("finding")
