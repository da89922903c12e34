"""One piece of work per GE over many GEs: in one process or several, on one machine or
several at once against one PostgreSQL, each GE worked once.

    outcomes = batch.run(ids, work, explain, actor=Actor("cli:billing"), workers=4,
                         progress=bar.update)

Each GE is one transaction (a guarded unit of work, ``writes.within``) that starts by
*claiming* the GE: ``SELECT id FROM groupements WHERE id = :id FOR UPDATE SKIP LOCKED``.
The claim is the unit of work's own row lock (``writes.lock_groupement`` takes it again in
the same transaction, at no cost), held until the commit, so:

- a GE that another process or machine is working (or that a user is writing) is not
  waited for: it is put aside and the next GE is tried;
- after the others, the GEs put aside are tried again, without waiting while any of
  them is free, else waiting for the lock of the first still held: when the other
  transaction has committed, ``work`` finds nothing left to do (a current draft, no
  draft left to issue) and the GE is reported as handled elsewhere (``Kind.ELSEWHERE``);
  when it failed, rolled back or its process died, the work is done here. No GE is
  worked twice, none is missed.

Waiting cannot deadlock: a transaction that waits holds no lock yet (the claim is its
first statement) and a transaction holds the lock of one GE only.

SQLite has no row locks (it takes one writer at a time): the claim always succeeds there
and one process works the GEs in turn; ``can_run_in_parallel`` says which.

Several processes (``workers`` > 1) are forked from the caller, whose session is removed
and connections closed first; each child drops any connection it inherited
(``Engine.dispose(close=False)``, SQLAlchemy's recipe for ``fork``), opens its own (one:
a child works one GE at a time), takes the next GE from a shared counter and sends each
outcome back on a pipe. A child that dies leaves its GEs without an outcome: ``run``
returns none for them and the caller reports them as not handled.
"""

import multiprocessing
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from multiprocessing.connection import Connection, wait
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..audit import Actor, acting_as
from ..db import db
from ..errors import MutuaError
from ..models import Groupement
from .writes import Reach, within


class Kind(StrEnum):
    DONE = "done"  # the work was done here
    NOTHING = "nothing"  # nothing to do (already up to date, no draft to issue)
    ELSEWHERE = "elsewhere"  # another process held the GE and did the work
    REFUSED = "refused"  # refused (the GE law, INV-LOCK, …): nothing written
    FAILED = "failed"  # an unexpected error (its traceback on stderr): nothing written


@dataclass(frozen=True)
class Outcome:
    kind: Kind
    text: str


# ``work(session, groupement_id)`` runs inside the GE's unit of work; it says what it did
# (``Kind.DONE`` or ``Kind.NOTHING``) or raises a ``MutuaError``, which ``explain`` words.
Work = Callable[[Session, int], Outcome]
Explain = Callable[[MutuaError], str]
Progress = Callable[[int, Outcome], None]


def can_run_in_parallel(session: Session) -> bool:
    """Row locks that another transaction can skip: PostgreSQL's, not SQLite's."""
    return session.get_bind().dialect.name != "sqlite"


def claim(session: Session, groupement_id: int) -> bool:
    """Lock the GE's row for this transaction, without waiting: False when another
    transaction holds it (or the GE is gone). Always True on SQLite (no row locks)."""
    if not can_run_in_parallel(session):
        return True
    found = session.scalar(
        select(Groupement.id)
        .where(Groupement.id == groupement_id)
        .with_for_update(skip_locked=True)
    )
    return found is not None


def attempt(
    groupement_id: int,
    work: Work,
    explain: Explain,
    actor: Actor,
    *,
    wait_for_lock: bool,
    reach: Reach = Reach.NOTHING,
) -> Outcome | None:
    """One GE in one transaction: claimed (or, with ``wait_for_lock``, waited for), then
    worked in a guarded unit of work. None when another transaction holds the GE."""
    try:
        with acting_as(actor), db.transaction() as session:
            if not wait_for_lock and not claim(session, groupement_id):
                return None
            with within(session, groupement_id, reach) as unit:
                return work(unit.session, groupement_id)
    except MutuaError as error:
        return Outcome(Kind.REFUSED, explain(error))
    except Exception as error:  # one GE's failure must not stop the others
        traceback.print_exc(file=sys.stderr)
        return Outcome(Kind.FAILED, f"{type(error).__name__}: {error}")


def work_through(
    take: Callable[[], int | None],
    work: Work,
    explain: Explain,
    actor: Actor,
    report: Progress,
) -> None:
    """Every GE ``take`` gives, claimed without waiting; then those another transaction
    held: again without waiting while any of them is free, else waiting for the first.
    A GE put aside that then has nothing left to do was handled elsewhere."""

    def after_waiting(outcome: Outcome) -> Outcome:
        if outcome.kind is Kind.NOTHING:
            return Outcome(Kind.ELSEWHERE, outcome.text)
        return outcome

    put_aside: list[int] = []
    while (groupement_id := take()) is not None:
        outcome = attempt(groupement_id, work, explain, actor, wait_for_lock=False)
        if outcome is None:
            put_aside.append(groupement_id)
        else:
            report(groupement_id, outcome)
    while put_aside:
        still_held: list[int] = []
        for groupement_id in put_aside:
            outcome = attempt(groupement_id, work, explain, actor, wait_for_lock=False)
            if outcome is None:
                still_held.append(groupement_id)
            else:
                report(groupement_id, after_waiting(outcome))
        if still_held == put_aside:  # every one still held: wait for the first
            groupement_id = still_held.pop(0)
            outcome = attempt(groupement_id, work, explain, actor, wait_for_lock=True)
            if outcome is None:  # a claim that waits is always granted
                raise RuntimeError(f"GE {groupement_id}: a waiting claim was not granted")
            report(groupement_id, after_waiting(outcome))
        put_aside = still_held


def run(
    groupement_ids: Sequence[int],
    work: Work,
    explain: Explain,
    *,
    actor: Actor,
    workers: int = 1,
    progress: Progress | None = None,
) -> dict[int, Outcome]:
    """Work every GE of ``groupement_ids`` in ``workers`` processes (this one when 1);
    ``progress`` hears each outcome as it comes. Returns the outcome of each GE that has
    one (a GE whose process died has none)."""
    outcomes: dict[int, Outcome] = {}

    def report(groupement_id: int, outcome: Outcome) -> None:
        outcomes[groupement_id] = outcome
        if progress is not None:
            progress(groupement_id, outcome)

    workers = max(1, min(workers, len(groupement_ids)))
    if workers == 1:
        remaining = iter(groupement_ids)
        work_through(lambda: next(remaining, None), work, explain, actor, report)
        return outcomes
    _in_processes(list(groupement_ids), work, explain, actor, workers, report)
    return outcomes


def _in_processes(
    groupement_ids: list[int],
    work: Work,
    explain: Explain,
    actor: Actor,
    workers: int,
    report: Progress,
) -> None:
    context = multiprocessing.get_context("fork")
    cursor = context.Value("q", 0)  # the index of the next GE to take, shared
    # The children must inherit no connection: this process's are closed (it opens one
    # again if it needs one), and each child drops, unclosed, any it would still see.
    db.session.remove()
    if db.engine is not None:
        db.engine.dispose()
    readers: list[Any] = []
    children = []
    for _ in range(workers):
        reader, writer = context.Pipe(duplex=False)
        child = context.Process(
            target=_child,
            args=(groupement_ids, cursor, writer, work, explain, actor),
            daemon=True,
        )
        child.start()
        writer.close()  # the child's end: the reader sees EOF when the child is gone
        readers.append(reader)
        children.append(child)
    while readers:
        for reader in wait(readers):
            try:
                groupement_id, outcome = reader.recv()
            except EOFError:
                readers.remove(reader)
                continue
            report(groupement_id, outcome)
    for child in children:
        child.join()


def _child(
    groupement_ids: list[int],
    cursor: Any,
    writer: Connection,
    work: Work,
    explain: Explain,
    actor: Actor,
) -> None:
    """One forked process: its own connections, the next GE from the shared cursor."""
    if db.engine is not None:
        db.engine.dispose(close=False)  # the parent's connections stay the parent's

    def take() -> int | None:
        with cursor.get_lock():
            index = cursor.value
            if index >= len(groupement_ids):
                return None
            cursor.value = index + 1
        return groupement_ids[index]

    try:
        work_through(take, work, explain, actor, lambda ge, outcome: writer.send((ge, outcome)))
    finally:
        writer.close()
        db.session.remove()
        db.engine.dispose()
