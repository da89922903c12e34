"""Scheduled jobs: what runs, for which period, once per GE and period, with a history.

``run`` is the one way a job runs, from the scheduler process, ``flask scheduler
run-once`` or a test. It records the run (start, end, outcome, error) and does the work
in one transaction that also sets the run's ``done_key``: the key is unique, so the work
happens once per (job, GE, period) however many times or places the job is started. An
exception rolls the work back whole; the run is then recorded as failed and the
scheduler retries it with backoff (``app.jobs.scheduler``).
"""

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from allocation import calendar

from ..audit import Actor, acting_as
from ..db import db
from ..models import Groupement, JobRun
from ..models.base import utcnow
from ..services import notifications
from ..services.writes import Reach, within
from . import tasks

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    label: str
    work: Callable[[Session, Groupement, date, int], tasks.Outcome]
    # The period a run started on a given (Brussels) day is for.
    period: Callable[[date], date]
    # Whether its periods are months (a period given as any day means its month).
    monthly: bool = False


JOBS = {
    job.name: job
    for job in (
        Job(
            "month_end_draft",
            "Brouillon de facturation du mois écoulé",
            tasks.month_end_draft,
            tasks.last_month,
            monthly=True,
        ),
        Job(
            "compliance_sweep",
            "Contrôle quotidien de conformité",
            tasks.compliance_sweep,
            lambda day: day,
        ),
        Job(
            "payment_reminders",
            "Rappels des factures impayées",
            tasks.payment_reminders,
            lambda day: day,
        ),
    )
}


def done_key(job: str, groupement_id: int, period: date) -> str:
    return f"{job}:{groupement_id}:{period.isoformat()}"


def _finish(run_id: int, outcome: str, **values: object) -> JobRun:
    with db.transaction() as session:
        run = session.get_one(JobRun, run_id)
        run.outcome = outcome
        run.finished_at = utcnow()
        for name, value in values.items():
            setattr(run, name, value)
    return run


def run(name: str, groupement_id: int, period: date | None = None, attempt: int = 1) -> JobRun:
    """Run job ``name`` for one GE and period (by default the one of today in Brussels)."""
    job = JOBS[name]
    period = period or job.period(calendar.today())
    if job.monthly:
        period = period.replace(day=1)
    key = done_key(name, groupement_id, period)
    with acting_as(Actor(f"scheduler:{name}")):
        with db.transaction() as session:
            session.get_one(Groupement, groupement_id)
            earlier = session.scalars(select(JobRun.id).where(JobRun.done_key == key)).first()
            started = JobRun(groupement_id=groupement_id, job=name, period=period, attempt=attempt)
            if earlier is not None:
                started.outcome = "skipped"
                started.finished_at = utcnow()
                started.summary = {"reason": "already_done", "job_run_id": earlier}
            session.add(started)
        if started.outcome == "skipped":
            return started
        try:
            # The job's work is one guarded write of the GE (a draft, notifications).
            with db.transaction() as session:
                with within(session, groupement_id, Reach.NOTHING):
                    groupement = session.get_one(Groupement, groupement_id)
                    outcome, summary = job.work(session, groupement, period, started.id)
                # The done key last: a run that lost the race fails on it at commit.
                stored = session.get_one(JobRun, started.id)
                stored.outcome, stored.summary, stored.done_key = outcome, summary, key
                stored.finished_at = utcnow()
        except IntegrityError:
            # Another run may have done the work in the meantime (its done_key came first).
            with db.transaction() as session:
                winner = session.scalars(select(JobRun.id).where(JobRun.done_key == key)).first()
            if winner is not None:
                return _finish(
                    started.id, "skipped", summary={"reason": "already_done", "job_run_id": winner}
                )
            log.exception("job %s for groupement %s failed", name, groupement_id)
            return _finish(started.id, "failed", error=traceback.format_exc(limit=20))
        except Exception:
            log.exception("job %s for groupement %s failed", name, groupement_id)
            return _finish(started.id, "failed", error=traceback.format_exc(limit=20))
    smtp = notifications.Smtp.from_config(current_app.config)
    notifications.deliver(groupement_id, smtp)
    return stored
