"""The one way to change a GE's data: a guarded unit of work.

    with guarded_write(groupement_id) as write:
        write.reaches(Reach(days=Period(...), months=Period(...)))  # before the change
        ...change the records...
    # on leaving: flush, INV-LOCK, the GE law, commit (the audit rows come from the flush)

Whoever writes (API, web page, import, CLI, job, demo loader), the unit of work:

1. locks the groupement's row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite takes one
   writer at a time), so two writes of one GE never both pass a check only one of them
   may pass, while GEs never wait on each other;
2. takes the baseline, before the change, of the legal findings on the days the change
   reaches and of what the issued months it reaches bill;
3. after the change, flushes and refuses (409, nothing written) any change to an issued
   month's bill (INV-LOCK) and any blocking finding the change adds; records the
   warnings it adds;
4. counts the change: ``groupements.data_version`` grows by one when the flushes changed
   any of the GE's records (bookkeeping aside), so what was computed at one value (the
   findings cache, a draft) is known to be still true while the counter stays.

Every write says what it reaches before it changes anything: ``Reach.EVERYTHING`` (the
GE's whole history and every issued month: slower, never wrong) when it cannot say
less, ``Reach.NOTHING`` for what cannot move a finding or a bill (a token, a worker's
e-mail).

A session hook (``_refuse_unguarded``) makes this the only way: flushing a GE's records
outside a unit of work, before its reach is declared, or records of another GE than the
unit's, raises.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from sqlalchemy import event, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from legal_rules import Finding

from ..db import db
from ..errors import Conflict, NotFound
from ..i18n import N_
from ..models import Groupement
from . import billing
from .compliance import Baseline, Period, baseline, enforce, horizon, whole_history

# Bookkeeping a write leaves behind, not the GE's records: written by the unit of work
# itself, the job runner, the notifier and the prestations export (who exported when).
UNGUARDED_TABLES = frozenset(
    {
        "audit_events",
        "recorded_findings",
        "findings_cache",
        "job_runs",
        "notifications",
        "prestations_exports",
        "users",
        "api_tokens",
    }
)
EVERY_MONTH = Period(date(1900, 1, 1), date(9999, 12, 31))


@dataclass(frozen=True)
class Reach:
    """What a change can move: the legal findings of ``days`` and the bills of the issued
    months within ``months``. None: nothing of that kind."""

    days: Period | None
    months: Period | None
    everything: bool = False

    NOTHING: ClassVar["Reach"]
    EVERYTHING: ClassVar["Reach"]

    @staticmethod
    def of(period: Period | None) -> "Reach":
        """The usual case: the same days for the rules and for the bills."""
        return Reach(period, period)


Reach.NOTHING = Reach(None, None)
Reach.EVERYTHING = Reach(None, None, everything=True)


class UnitOfWork:
    """One guarded write of one GE (see the module's docstring)."""

    def __init__(self, session: Session, groupement_id: int) -> None:
        self.session = session
        self.groupement_id = groupement_id
        self.groupement: Groupement | None = None  # its row, locked (``within``)
        self.findings: list[Finding] = []
        self._rules: Baseline | None = None
        self._issued: billing.IssuedMonths | None = None
        self._reached = False
        self._everything = False
        self.changed = False
        # The record the recorded warnings are about (by default the GE itself).
        self.entity: tuple[str, int] = ("groupements", groupement_id)

    def reaches(self, reach: Reach) -> None:
        """Before the change: what it can move. Called once, before anything changes."""
        if self._reached:
            raise RuntimeError("a unit of work declares its reach once, before the change")
        self._reached = True
        session, ge = self.session, self.groupement_id
        if reach.everything:
            # The history as it is; ``finish`` widens it to the history as it will be.
            self._everything = True
            reach = Reach(whole_history(session, ge), EVERY_MONTH)
        self._rules = baseline(session, ge, reach.days)
        if reach.months is not None:
            start, end = reach.months.start, reach.months.end
            if end is None:  # open-ended: every issued month from its start on
                end = EVERY_MONTH.end
            self._issued = billing.issued_baseline(session, ge, start, end)

    def _widen_to_the_new_history(self) -> None:
        """Days the change adds to the GE's history had no findings before it."""
        after = whole_history(self.session, self.groupement_id)
        if after is None:
            return
        end = horizon(self.session, self.groupement_id, after.start)
        before = self._rules
        self._rules = Baseline(
            min(after.start, before.start) if before else after.start,
            max(end, before.end) if before else end,
            before.keys if before else frozenset(),
        )

    def changed_records(self) -> None:
        """The GE's records changed: the flushes say so themselves (``_refuse_unguarded``);
        a bulk statement that bypasses them says it here."""
        self.changed = True

    def about(self, entity: str, entity_id: int) -> None:
        self.entity = (entity, entity_id)

    def finish(self) -> list[Finding]:
        """After the change: flush, then refuse what moves an issued month or breaks the
        law; the warnings the change adds are recorded and returned."""
        flush_or_conflict(self.session, N_("conflict_duplicate"))
        if self._everything:
            self._widen_to_the_new_history()
        if self._issued is not None:
            billing.refuse_changes_to_issued(self.session, self.groupement_id, self._issued)
        entity, entity_id = self.entity
        self.findings = enforce(self.session, self.groupement_id, self._rules, entity, entity_id)
        if self.changed:
            self.session.execute(
                update(Groupement)
                .where(Groupement.id == self.groupement_id)
                .values(data_version=Groupement.data_version + 1)
            )
        return self.findings


def lock_groupement(session: Session, groupement_id: int) -> Groupement:
    """The GE's row, locked until the transaction ends (writes of one GE in turn)."""
    groupement = session.scalars(
        select(Groupement)
        .where(Groupement.id == groupement_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if groupement is None:
        raise NotFound()
    return groupement


@contextmanager
def guarded_write(groupement_id: int, reach: Reach | None = None) -> Iterator[UnitOfWork]:
    """One transaction that changes the GE's records under every guarantee, or nothing.
    Without ``reach`` here, the caller declares it with ``reaches`` before the change."""
    with db.transaction() as session, within(session, groupement_id, reach) as unit:
        yield unit


@contextmanager
def within(
    session: Session, groupement_id: int, reach: Reach | None = None
) -> Iterator[UnitOfWork]:
    """The same guarantees on a transaction a caller already holds (the job runner's, a
    CLI loop's), which commits or rolls back after."""
    if session.info.get("unit_of_work") is not None:
        raise RuntimeError("units of work do not nest")
    # Held by the unit: the session keeps loaded objects only while something refers to
    # them, and the write reads the GE again (``session.get``) without a query.
    locked = lock_groupement(session, groupement_id)
    unit = UnitOfWork(session, groupement_id)
    unit.groupement = locked
    session.info["unit_of_work"] = unit
    try:
        if reach is not None:
            unit.reaches(reach)
        yield unit
        if not unit._reached and (session.new or session.dirty or session.deleted):
            raise UnguardedWrite("a unit of work changed records without declaring its reach")
        unit.finish()
    finally:
        session.info.pop("unit_of_work", None)


def flush_or_conflict(session: Session, message_key: str) -> None:
    try:
        session.flush()
    except IntegrityError as error:
        raise Conflict(message_key=message_key) from error


@event.listens_for(Session, "before_flush")
def _refuse_unguarded(session: Session, _context: Any, _instances: Any) -> None:
    """A GE's records change only inside a unit of work, and only that GE's."""
    unit = session.info.get("unit_of_work")
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table is None or table in UNGUARDED_TABLES:
            continue
        if table == "groupements":
            owner = obj.id
        elif hasattr(obj, "groupement_id"):
            owner = obj.groupement_id
        else:
            continue
        if unit is None:
            if owner is None and table == "groupements":
                continue  # a new GE: nothing of it exists to guard yet
            raise UnguardedWrite(f"{table} changed outside a unit of work")
        if not unit._reached:
            raise UnguardedWrite(f"{table} changed before the unit of work declared its reach")
        if owner != unit.groupement_id:
            raise UnguardedWrite(
                f"{table} of GE {owner} changed in a write of GE {unit.groupement_id}"
            )
        unit.changed_records()


class UnguardedWrite(RuntimeError):
    """A programming error: a code path writes around the guarded unit of work."""
