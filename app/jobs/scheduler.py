"""The scheduler process: APScheduler 3, its jobs stored in the application database.

Started by ``flask --app app scheduler run``, never inside the web workers. Each GE has
three persisted jobs, ``month_end_draft:<id>`` (its draft day and time),
``compliance_sweep:<id>`` and ``payment_reminders:<id>`` (every day at its sweep
time), cron triggers in
Europe/Brussels; ``sync`` keeps them in line with the GEs' settings. A failed run is
retried with backoff by a one-off job. Two in-memory jobs renew the lease that keeps
this process the only active scheduler, and re-sync the GEs every few minutes.
"""

import logging
from datetime import date, timedelta
from threading import Event

from apscheduler.executors.debug import DebugExecutor
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from flask import Flask
from sqlalchemy import select

from allocation import calendar
from allocation.calendar import BRUSSELS

from ..db import db
from ..models import Groupement
from ..models.jobs import APSCHEDULER_JOBS
from . import JOBS, lease, run

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 4
FIRST_RETRY = timedelta(minutes=5)
SYNC_EVERY = timedelta(minutes=5)
# A run missed while no scheduler was up still happens when one comes back within this
# time (coalesced to one run): days for the monthly draft, hours for the daily sweep.
MISFIRE_GRACE = {
    "month_end_draft": 10 * 24 * 3600,
    "compliance_sweep": 12 * 3600,
    "payment_reminders": 12 * 3600,
}

# The process's app and scheduler, for the job entry point (APScheduler stores a job as
# a reference to a module-level function and its arguments, never as an object).
_app: Flask | None = None
_scheduler: "JobScheduler | None" = None


def backoff(attempt: int) -> timedelta:
    """5 minutes after the first failure, then 15, then 45."""
    return FIRST_RETRY * 3 ** (attempt - 1)


def execute(name: str, groupement_id: int, period: str | None = None, attempt: int = 1) -> str:
    """What APScheduler calls: run the job; after a failure, schedule the retry."""
    assert _app is not None and _scheduler is not None, "no scheduler in this process"
    with _app.app_context():
        result = run(name, groupement_id, date.fromisoformat(period) if period else None, attempt)
        if result.outcome == "failed" and attempt < MAX_ATTEMPTS:
            _scheduler.retry(name, groupement_id, result.period, attempt + 1)
        return result.outcome


def job_id(name: str, groupement_id: int) -> str:
    return f"{name}:{groupement_id}"


def trigger_for(name: str, groupement: Groupement) -> CronTrigger:
    if name == "month_end_draft":
        at = groupement.draft_time
        return CronTrigger(
            day=groupement.draft_day, hour=at.hour, minute=at.minute, timezone=BRUSSELS
        )
    at = groupement.sweep_time
    return CronTrigger(hour=at.hour, minute=at.minute, timezone=BRUSSELS)


class JobScheduler(BlockingScheduler):
    """APScheduler's blocking scheduler, with Mutua's job store, GE jobs and lease."""

    def __init__(self, app: Flask, holder: str, synchronous: bool = False) -> None:
        global _app, _scheduler
        assert db.engine is not None
        store = SQLAlchemyJobStore(engine=db.engine, tablename=APSCHEDULER_JOBS.name)
        # One job at a time: the GEs' jobs are short, and SQLite takes one writer anyway.
        # ``synchronous`` runs them in the caller's thread (tests, with a controlled clock).
        executor = DebugExecutor() if synchronous else ThreadPoolExecutor(max_workers=1)
        # The lease's heartbeat has a thread of its own: a long queue of GE jobs must not
        # delay it past the lease's expiry.
        housekeeping = DebugExecutor() if synchronous else ThreadPoolExecutor(max_workers=1)
        super().__init__(
            timezone=BRUSSELS,
            jobstores={"default": store, "local": MemoryJobStore()},
            executors={"default": executor, "housekeeping": housekeeping},
            job_defaults={"coalesce": True, "max_instances": 1},
        )
        self.app = app
        self.holder = holder
        _app, _scheduler = app, self

    def sync(self) -> dict[str, int]:
        """Add, change or remove the GEs' jobs after their settings; a job whose trigger
        is unchanged keeps its next run time (a restart must not skip a missed run)."""
        changes = {"added": 0, "changed": 0, "removed": 0}
        with self.app.app_context():
            wanted = {}
            for groupement in db.session().scalars(select(Groupement).order_by(Groupement.id)):
                if not groupement.scheduled_jobs_enabled:
                    continue
                for name in JOBS:
                    wanted[job_id(name, groupement.id)] = (
                        name,
                        groupement.id,
                        trigger_for(name, groupement),
                    )
            db.session.remove()
        existing = {job.id: job for job in self.get_jobs(jobstore="default")}
        for ident in existing:
            if ":" in ident and not ident.startswith("retry:") and ident not in wanted:
                self.remove_job(ident, jobstore="default")
                changes["removed"] += 1
        for ident, (name, groupement_id, trigger) in wanted.items():
            current = existing.get(ident)
            if current is not None and str(current.trigger) == str(trigger):
                continue
            self.add_job(
                execute,
                trigger,
                args=(name, groupement_id),
                id=ident,
                name=f"{JOBS[name].label} — groupement {groupement_id}",
                jobstore="default",
                replace_existing=True,
                misfire_grace_time=MISFIRE_GRACE[name],
            )
            changes["changed" if current is not None else "added"] += 1
        return changes

    def retry(self, name: str, groupement_id: int, period: date, attempt: int) -> None:
        when = calendar.now() + backoff(attempt - 1)
        self.add_job(
            execute,
            "date",
            run_date=when,
            args=(name, groupement_id, period.isoformat(), attempt),
            id=f"retry:{name}:{groupement_id}:{period.isoformat()}",
            name=f"{JOBS[name].label} — groupement {groupement_id}, essai {attempt}",
            jobstore="default",
            replace_existing=True,
            misfire_grace_time=MISFIRE_GRACE[name],
        )
        log.warning(
            "job %s for groupement %s: attempt %s at %s", name, groupement_id, attempt, when
        )

    def heartbeat(self) -> None:
        """Renew the lease; a scheduler that lost it stops at once (another has taken over)."""
        with self.app.app_context():
            kept = lease.renew(self.holder)
            db.session.remove()
        if not kept:
            log.error("le bail du planificateur a été perdu : arrêt")
            self.shutdown(wait=False)

    def resync(self) -> None:
        changes = self.sync()
        if any(changes.values()):
            log.info("jobs synchronised: %s", changes)

    def add_housekeeping(self) -> None:
        self.add_job(
            self.heartbeat,
            "interval",
            seconds=lease.RENEW_EVERY.total_seconds(),
            id="heartbeat",
            jobstore="local",
            executor="housekeeping",
        )
        self.add_job(
            self.resync,
            "interval",
            seconds=SYNC_EVERY.total_seconds(),
            id="sync",
            jobstore="local",
            executor="housekeeping",
            # At once, then every few minutes: synced against the started store, a stored
            # job that missed its time while no scheduler ran keeps it (and runs, late).
            next_run_time=calendar.now(),
        )

    def open(self) -> None:
        """Start processing without the blocking loop: ``run_due`` then runs what is due
        (tests drive it under a controlled clock; production calls ``start``)."""
        self._event = Event()
        BaseScheduler.start(self)

    def run_due(self) -> float | None:
        """Run every job due now; returns the seconds until the next one is due."""
        return self._process_jobs()  # type: ignore[no-any-return]
