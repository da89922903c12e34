"""The scheduler process: APScheduler with its job store in a database of its own, real
commits, two schedulers, a controlled clock (time-machine: nothing sleeps)."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from alembic import command
from flask import Flask
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from allocation.calendar import BRUSSELS
from app import create_app, jobs
from app.audit import Actor, acting_as
from app.cli import alembic_config
from app.db import db
from app.demo import load_demo
from app.jobs import lease, tasks
from app.jobs.scheduler import JobScheduler
from app.models import BillingRun, Groupement, JobRun
from app.models.base import utcnow
from app.services.writes import Reach, guarded_write


@dataclass
class Deployment:
    app: Flask
    ge: int


def _fresh_url(main_url: str, tmp_path: Any) -> str:
    if not main_url.startswith("postgresql"):
        return f"sqlite:///{tmp_path / 'scheduler.db'}"
    server, _name = main_url.rsplit("/", 1)
    engine = create_engine(main_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS mutua_scheduler_test WITH (FORCE)"))
        connection.execute(text("CREATE DATABASE mutua_scheduler_test"))
    engine.dispose()
    return f"{server}/mutua_scheduler_test"


@pytest.fixture
def deployment(app: Flask, tmp_path: Any) -> Iterator[Deployment]:
    """A deployment of its own (the scheduler commits for real), the demo loaded; the
    suite's database is given back to ``db`` afterwards."""
    saved = db.engine
    url = _fresh_url(app.config["DATABASE_URL"], tmp_path)
    db.session.remove()
    fresh = create_app({"DATABASE_URL": url, "TESTING": True})
    try:
        command.upgrade(alembic_config(url), "head")
        with fresh.app_context(), acting_as(Actor("tests")), db.transaction() as session:
            ge, _created = load_demo(session)
        db.session.remove()
        yield Deployment(fresh, ge.id)
    finally:
        db.session.remove()
        if db.engine is not None:
            db.engine.dispose()
        db.engine = saved
        db.session.configure(bind=saved)


def at(*moment: int) -> Any:
    return time_machine.travel(datetime(*moment, tzinfo=BRUSSELS), tick=False)


def _runs(deployment: Deployment, **where: Any) -> list[JobRun]:
    with deployment.app.app_context():
        query = select(JobRun).order_by(JobRun.id)
        for name, value in where.items():
            query = query.where(getattr(JobRun, name) == value)
        found = list(db.session().scalars(query))
        db.session.remove()
        return found


def _drafts(deployment: Deployment) -> int:
    with deployment.app.app_context():
        count = db.session().scalar(
            select(func.count())
            .select_from(BillingRun)
            .where(BillingRun.month == date(2026, 11, 1))
        )
        db.session.remove()
        return count or 0


def _scheduler(deployment: Deployment, holder: str) -> JobScheduler:
    scheduler = JobScheduler(deployment.app, holder, synchronous=True)
    scheduler.open()
    return scheduler


def test_the_ge_jobs_are_stored_with_their_brussels_times(deployment: Deployment) -> None:
    with at(2026, 11, 21, 12, 0):
        scheduler = _scheduler(deployment, "a")
        assert scheduler.sync() == {"added": 3, "changed": 0, "removed": 0}
        jobs = {job.id: job.next_run_time for job in scheduler.get_jobs(jobstore="default")}
        scheduler.shutdown(wait=False)
    ge = deployment.ge
    assert jobs == {
        f"compliance_sweep:{ge}": datetime(2026, 11, 22, 7, 0, tzinfo=BRUSSELS),
        f"payment_reminders:{ge}": datetime(2026, 11, 22, 7, 0, tzinfo=BRUSSELS),
        f"month_end_draft:{ge}": datetime(2026, 12, 1, 6, 0, tzinfo=BRUSSELS),
    }
    # Stored in the database: another process sees them, and an unchanged sync keeps them.
    with at(2026, 11, 21, 12, 5):
        other = _scheduler(deployment, "b")
        assert other.sync() == {"added": 0, "changed": 0, "removed": 0}
        # The GE moves its draft to the 3rd at 08:30: the job follows.
        with deployment.app.app_context(), guarded_write(ge, Reach.NOTHING) as write:
            ge_row = write.session.get_one(Groupement, ge)
            ge_row.draft_day, ge_row.draft_time = 3, ge_row.draft_time.replace(hour=8, minute=30)
        db_changes = other.sync()
        moved = other.get_job(f"month_end_draft:{ge}").next_run_time
        other.shutdown(wait=False)
    assert db_changes == {"added": 0, "changed": 1, "removed": 0}
    assert moved == datetime(2026, 12, 3, 8, 30, tzinfo=BRUSSELS)


def test_the_month_end_draft_fires_once_even_with_two_schedulers(deployment: Deployment) -> None:
    with at(2026, 11, 30, 12, 0):
        first = _scheduler(deployment, "a")
        first.sync()
    with at(2026, 12, 1, 5, 59):
        first.run_due()
    assert _drafts(deployment) == 0
    # A second scheduler, started by mistake on the same database (past the lease).
    with at(2026, 12, 1, 6, 0, 30):
        second = _scheduler(deployment, "b")
        second.run_due()
        first.run_due()
    first.shutdown(wait=False)
    second.shutdown(wait=False)
    assert _drafts(deployment) == 1
    outcomes = sorted(run.outcome for run in _runs(deployment, job="month_end_draft"))
    assert outcomes == ["succeeded"]  # the second found the job's next run already moved on


def test_a_failed_job_is_retried_with_backoff_and_leaves_nothing_partial(
    deployment: Deployment, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real_draft = tasks.billing.draft

    def flaky_draft(session: Session, groupement_id: int, month: date) -> Any:
        calls["n"] += 1
        run = real_draft(session, groupement_id, month)  # written, then the failure
        if calls["n"] == 1:
            raise ConnectionError("connexion perdue")
        return run

    monkeypatch.setattr(tasks.billing, "draft", flaky_draft)
    with at(2026, 11, 30, 12, 0):
        scheduler = _scheduler(deployment, "a")
        scheduler.sync()
    with at(2026, 12, 1, 6, 0, 5):
        scheduler.run_due()
    (failed,) = _runs(deployment, job="month_end_draft")
    assert failed.outcome == "failed" and "connexion perdue" in (failed.error or "")
    assert _drafts(deployment) == 0
    retry = scheduler.get_job(f"retry:month_end_draft:{deployment.ge}:2026-11-01")
    assert retry.next_run_time == datetime(2026, 12, 1, 6, 5, 5, tzinfo=BRUSSELS)
    with at(2026, 12, 1, 6, 5, 6):
        scheduler.run_due()
    scheduler.shutdown(wait=False)
    assert [(r.outcome, r.attempt) for r in _runs(deployment, job="month_end_draft")] == [
        ("failed", 1),
        ("succeeded", 2),
    ]
    assert _drafts(deployment) == 1


def test_one_active_scheduler_the_second_waits_or_exits(deployment: Deployment) -> None:
    now = utcnow()
    with deployment.app.app_context():
        assert lease.acquire("a", now)
        assert not lease.acquire("b", now + timedelta(seconds=10))
        result = deployment.app.test_cli_runner().invoke(args=["scheduler", "run", "--no-wait"])
        assert result.exit_code == 1
        assert "Un autre planificateur est actif (a, bail valable jusqu'au" in result.output
        # A renews while it lives; when it stops renewing, the lease expires and B takes it.
        assert lease.renew("a", now + timedelta(seconds=30))
        assert not lease.acquire("b", now + timedelta(seconds=140))
        assert lease.acquire("b", now + lease.TTL + timedelta(seconds=31))
        assert not lease.renew("a", now + lease.TTL + timedelta(seconds=40))
        lease.release("b")
        assert lease.current().holder is None
        db.session.remove()


def test_a_scheduler_that_lost_its_lease_stops(deployment: Deployment) -> None:
    with deployment.app.app_context():
        assert lease.acquire("a")
        scheduler = _scheduler(deployment, "a")
        assert lease.acquire("b", utcnow() + lease.TTL + timedelta(seconds=1))
        scheduler.heartbeat()
        assert not scheduler.running
        db.session.remove()


@pytest.mark.postgres_only
def test_two_runs_at_the_same_moment_draft_once(deployment: Deployment) -> None:
    """Two processes running the same job at once (two connections, real commits)."""
    if not deployment.app.config["DATABASE_URL"].startswith("postgresql"):
        pytest.skip("needs PostgreSQL's row locks and two connections")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def one() -> None:
        with deployment.app.app_context():
            barrier.wait()
            outcomes.append(jobs.run("month_end_draft", deployment.ge, date(2026, 11, 1)).outcome)
            db.session.remove()

    threads = [threading.Thread(target=one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["skipped", "succeeded"]
    assert _drafts(deployment) == 1
