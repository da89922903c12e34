"""`billing draft|issue --workers N` on many GEs: in the suite's rolled-back transaction
on SQLite (one process), and on PostgreSQL as real commands, two at once, on a database
of their own (created and dropped here), as two machines would run them."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from alembic import command
from flask import Flask
from sqlalchemy import Engine, create_engine, func, make_url, select, text
from sqlalchemy.orm import Session

from app.audit import Actor, acting_as
from app.cli import PROJECT_ROOT, alembic_config
from app.db import make_engine
from app.models import AuditEvent, BillingRun, Groupement, Invoice, Worker
from app.models.enums import AuditAction, RunStatus
from app.services import batch, billing
from app.services.writes import Reach, within
from tests.conftest import World
from tests.factories import assignment_of, contract_of, enterprise_number, member_of
from tests.helpers import arranging

URL = os.environ.get("MUTUA_TEST_DATABASE_URL", "")
on_postgresql = pytest.mark.skipif(
    not URL.startswith("postgresql"), reason="needs PostgreSQL's row locks and real commits"
)
on_sqlite = pytest.mark.skipif(
    URL.startswith("postgresql"),
    reason="on PostgreSQL --workers forks processes, which cannot see the test's transaction",
)
GROUPEMENTS = 20


def _runs(session: Session, groupement_id: int, month: date) -> list[int]:
    return list(
        session.scalars(
            select(BillingRun.id).where(
                BillingRun.groupement_id == groupement_id, BillingRun.month == month
            )
        )
    )


@on_sqlite
def test_workers_on_sqlite_say_one_process_and_draft_anyway(
    app: Flask, session: Session, world: World
) -> None:
    result = app.test_cli_runner().invoke(
        args=["billing", "draft", "--period", "2026-05", "--workers", "2"]
    )
    assert "SQLite n'écrit qu'avec un processus à la fois : --workers 2 ignoré" in result.output
    assert "Résumé : 1 fait(s)," in result.output
    assert len(_runs(session, world.ge_a, date(2026, 5, 1))) == 1


def test_a_second_draft_keeps_the_current_draft_unless_forced(
    app: Flask, session: Session, world: World
) -> None:
    runner = app.test_cli_runner()
    args = ["billing", "draft", "--period", "2026-05", "--groupement", str(world.ge_a)]
    first = runner.invoke(args=args)
    assert first.exit_code == 0, first.output
    assert "Résumé : 1 fait(s)," in first.output
    [run_id] = _runs(session, world.ge_a, date(2026, 5, 1))
    second = runner.invoke(args=args)
    assert second.exit_code == 0, second.output
    assert f"GE Bruxelles Solidaire ASBL : brouillon {run_id} déjà à jour" in second.output
    assert "Résumé : 0 fait(s), 1 rien à faire," in second.output
    assert _runs(session, world.ge_a, date(2026, 5, 1)) == [run_id]
    forced = runner.invoke(args=[*args, "--force"])
    assert forced.exit_code == 0, forced.output
    assert "Résumé : 1 fait(s), 0 rien à faire," in forced.output
    [redrafted] = _runs(session, world.ge_a, date(2026, 5, 1))
    assert redrafted != run_id


def test_refusals_come_last_after_the_summary_and_fail_the_command(
    app: Flask, session: Session, world: World
) -> None:
    result = app.test_cli_runner().invoke(args=["billing", "draft", "--period", "2026-05"])
    assert result.exit_code == 1  # GE B has no authorisation: refused, GE A drafted anyway
    lines = result.stdout.splitlines()
    summary = next(i for i, line in enumerate(lines) if line.startswith("Résumé"))
    assert lines[summary] == (
        "Résumé : 1 fait(s), 0 rien à faire, 0 traité(s) par un autre processus, "
        "1 refusé(s), 0 en échec."
    )
    assert any(
        line.startswith("GE Bruxelles Solidaire ASBL : brouillon") for line in lines[:summary]
    )
    [refusal] = lines[summary + 1 :]
    assert refusal.startswith("GE Liège Entraide ASBL : REFUSÉ — ") and "GE-AUTH-01" in refusal
    assert _runs(session, world.ge_b, date(2026, 5, 1)) == []


# Python 3.12+ warns when forking a process that runs threads: the suite may have left some.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_worker_process_that_dies_leaves_its_groupement_without_an_outcome(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The forked processes share the GEs; one dies on GE 3: the others are all worked,
    and GE 3 has no outcome (the command reports it as not handled and exits 1)."""

    def attempt(groupement_id: int, *_args: Any, **_kwargs: Any) -> batch.Outcome:
        if groupement_id == 3:
            os._exit(1)
        return batch.Outcome(batch.Kind.DONE, str(os.getpid()))

    monkeypatch.setattr(batch, "attempt", attempt)
    seen: list[int] = []
    with app.app_context():
        outcomes = batch.run(
            range(1, 9),
            lambda *_: batch.Outcome(batch.Kind.DONE, ""),
            str,
            actor=Actor("tests"),
            workers=2,
            progress=lambda ge, _outcome: seen.append(ge),
        )
    assert sorted(outcomes) == sorted(seen) == [1, 2, 4, 5, 6, 7, 8]
    assert len({outcome.text for outcome in outcomes.values()}) <= 2  # two processes
    assert all(int(outcome.text) != os.getpid() for outcome in outcomes.values())


def test_a_groupement_left_without_an_outcome_is_reported_and_fails_the_command(
    app: Flask, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "run", lambda *_args, **_kwargs: {})
    result = app.test_cli_runner().invoke(
        args=["billing", "draft", "--period", "2026-05", "--groupement", str(world.ge_a)]
    )
    assert result.exit_code == 1
    assert "0 refusé(s), 1 en échec." in result.output
    assert (
        "GE Bruxelles Solidaire ASBL : ÉCHEC — non traité : son processus s'est arrêté"
        in result.output
    )


# -- PostgreSQL: real commands, two at once ----------------------------------------------


def _groupement(session: Session, number: int) -> int:
    """A GE that drafts without a finding: three members, a worker each, 19 h a week."""
    enterprise = enterprise_number()
    ge = Groupement(
        name=f"GE Lot {number:02d} ASBL",
        enterprise_number=enterprise,
        vat_number=f"BE{enterprise}",
        street="Rue 1",
        postal_code="1000",
        city="Bruxelles",
        rpm_seat="Bruxelles",
        authorisation_reference=f"GE/{number}",
        authorisation_date=date(2020, 1, 1),
        joint_committee="329.02",
    )
    session.add(ge)
    session.flush()
    with arranging(session, ge.id):
        for index in range(3):
            member = member_of(ge.id, joined_on=date(2020, 1, 1))
            worker = Worker(groupement_id=ge.id, first_name="W", last_name=str(index))
            session.add_all([member, worker])
            session.flush()
            contract = contract_of(ge.id, worker.id)
            session.add(contract)
            session.flush()
            session.add(assignment_of(ge.id, contract.id, member.id))
        session.flush()
    return ge.id


@pytest.fixture(scope="module")
def lot(app: Flask) -> Iterator[tuple[str, Engine, list[int]]]:
    """A database of its own with 20 GEs, committed (the commands are other processes)."""
    name = f"{make_url(URL).database}_lot"
    server = create_engine(make_url(URL).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    try:
        command.upgrade(alembic_config(url), "head")
        with app.app_context(), acting_as(Actor("tests")), Session(engine) as session:
            ids = [_groupement(session, number) for number in range(1, GROUPEMENTS + 1)]
            session.commit()
        yield url, engine, ids
    finally:
        engine.dispose()
        with server.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        server.dispose()


def _command(url: str, *args: str) -> "subprocess.Popen[str]":
    env = os.environ | {"MUTUA_DATABASE_URL": url, "MUTUA_DEFAULT_LANGUAGE": "fr"}
    return subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "billing", *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(process: "subprocess.Popen[str]") -> tuple[int, str, str]:
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def _drafts_created(session: Session, groupement_id: int, month: date) -> int:
    """How many times the month was drafted: the audit trail has one event per draft."""
    events = session.scalars(
        select(AuditEvent.after).where(
            AuditEvent.groupement_id == groupement_id,
            AuditEvent.entity == "billing_runs",
            AuditEvent.action == AuditAction.CREATE,
        )
    )
    return sum(1 for after in events if (after or {}).get("month") == month.isoformat())


@on_postgresql
def test_two_commands_at_once_draft_every_groupement_exactly_once(
    lot: tuple[str, Engine, list[int]],
) -> None:
    url, engine, ids = lot
    args = ("draft", "--period", "2026-05", "--workers", "2")
    commands = [_command(url, *args), _command(url, *args)]
    results = [_finish(process) for process in commands]
    for code, out, err in results:
        assert code == 0, (out, err)
    outputs = [out.splitlines() for _code, out, _err in results]
    with Session(engine) as session:
        for number, ge in enumerate(ids, start=1):
            name = f"GE Lot {number:02d} ASBL"
            assert len(_runs(session, ge, date(2026, 5, 1))) == 1, name
            assert _drafts_created(session, ge, date(2026, 5, 1)) == 1, name
            said = [line for lines in outputs for line in lines if line.startswith(f"{name} : ")]
            assert len(said) == 2, said  # one line in each command's output
            drafted = [line for line in said if "déjà à jour" not in line]
            assert len(drafted) == 1, said
    done = 0
    for lines in outputs:
        [summary] = [line for line in lines if line.startswith("Résumé : ")]
        done += int(summary.split()[2])
    assert done == GROUPEMENTS


def _wait_for_drafts(
    engine: Engine, month: date, count: int, process: "subprocess.Popen[str]"
) -> None:
    """Until ``count`` GEs have the month's draft (the command is still running)."""
    deadline = time.monotonic() + 300
    with Session(engine) as reader:
        while (
            reader.scalar(select(func.count(BillingRun.id)).where(BillingRun.month == month)) or 0
        ) < count:
            assert time.monotonic() < deadline and process.poll() is None, "no progress"
            time.sleep(0.2)
            reader.rollback()


@on_postgresql
def test_a_groupement_held_elsewhere_is_waited_for_and_never_missed(
    app: Flask, lot: tuple[str, Engine, list[int]]
) -> None:
    """Two GEs locked by other transactions while the command runs: it drafts the others,
    then waits for them. The one drafted by its holder is reported as handled elsewhere;
    the one whose holder gave up is drafted by the command."""
    url, engine, ids = lot
    month = date(2026, 6, 1)
    drafted_here, given_up = ids[0], ids[1]
    with (
        app.app_context(),
        acting_as(Actor("tests")),
        Session(engine) as holder,
        Session(engine) as quitter,
    ):
        with within(holder, drafted_here, Reach.NOTHING):
            quitter.execute(
                select(Groupement.id).where(Groupement.id == given_up).with_for_update()
            )
            process = _command(url, "draft", "--period", "2026-06")
            _wait_for_drafts(engine, month, GROUPEMENTS - 2, process)
            billing.draft(holder, drafted_here, month)
        holder.commit()
        quitter.rollback()
    code, out, err = _finish(process)
    assert code == 0, (out, err)
    lines = out.splitlines()
    assert any(
        line.startswith("GE Lot 01 ASBL : brouillon")
        and line.endswith("déjà à jour (traité par un autre processus)")
        for line in lines
    ), out
    assert "GE Lot 02 ASBL : brouillon" in out
    assert "Résumé : 19 fait(s), 0 rien à faire, 1 traité(s) par un autre processus," in out
    with Session(engine) as session:
        for ge in ids:
            assert len(_runs(session, ge, month)) == 1
            assert _drafts_created(session, ge, month) == 1
        assert (
            session.scalar(
                select(BillingRun.status).where(
                    BillingRun.groupement_id == given_up, BillingRun.month == month
                )
            )
            == RunStatus.DRAFT
        )


@on_postgresql
def test_two_issues_at_once_issue_every_draft_once_with_its_own_numbers(
    lot: tuple[str, Engine, list[int]],
) -> None:
    url, engine, ids = lot
    code, out, err = _finish(_command(url, "draft", "--period", "2026-07", "--workers", "2"))
    assert code == 0, (out, err)
    args = ("issue", "--period", "2026-07", "--date", "2026-08-03", "--workers", "2")
    results = [_finish(process) for process in [_command(url, *args), _command(url, *args)]]
    for code, out, err in results:
        assert code == 0, (out, err)
    issued = [
        line
        for _code, out, _err in results
        for line in out.splitlines()
        if "factures émises" in line and "traité par un autre processus" not in line
    ]
    assert len(issued) == GROUPEMENTS
    with Session(engine) as session:
        for ge in ids:
            numbers = session.scalars(
                select(Invoice.number).where(
                    Invoice.groupement_id == ge, Invoice.month == date(2026, 7, 1)
                )
            ).all()
            assert sorted(numbers) == [1, 2, 3]  # the GE's series starts once, no gap
