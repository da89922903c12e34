"""``flask --app app scheduler run|run-once|status``: the scheduler process and its tools."""

import logging
import os
import signal
import socket
import time
import uuid
from datetime import date
from typing import Any

import click
from flask import current_app
from sqlalchemy import select

from allocation import calendar, formats

from ..db import db
from ..i18n import N_, OPERATOR_LANGUAGE, label, say
from ..models import Groupement
from . import JOBS, lease, run
from .scheduler import JobScheduler

scheduler_cli = click.Group("scheduler", help=say(N_("cli.help.scheduler")))

WAIT_BETWEEN_TRIES = 30  # seconds between two tries to take a held lease


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@scheduler_cli.command("run", help=say(N_("cli.help.scheduler_run")))
@click.option("--no-wait", is_flag=True, help=say(N_("cli.help.no_wait")))
def run_scheduler(no_wait: bool) -> None:
    """Run the scheduler in the foreground (one process per deployment)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    holder = _holder()
    while not lease.acquire(holder):
        held = lease.current()
        db.session.remove()
        message = (
            say(
                "cli.scheduler_busy_until",
                holder=held.holder,
                until=formats.moment(held.expires_at, OPERATOR_LANGUAGE),
            )
            if held.expires_at
            else say("cli.scheduler_busy")
        )
        if no_wait:
            raise click.ClickException(message)
        click.echo(say("cli.try_again", message=message, seconds=WAIT_BETWEEN_TRIES), err=True)
        time.sleep(WAIT_BETWEEN_TRIES)
    db.session.remove()
    scheduler = JobScheduler(current_app._get_current_object(), holder)  # type: ignore[attr-defined]
    changes = scheduler.sync()
    scheduler.add_housekeeping()

    def stop(_signum: int, _frame: Any) -> None:
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(say("cli.scheduler_active", holder=holder, changes=changes), err=True)
    try:
        scheduler.start()
    finally:
        lease.release(holder)
        click.echo(say("cli.scheduler_stopped"), err=True)


@scheduler_cli.command("run-once", help=say(N_("cli.help.run_once")))
@click.argument("job", type=click.Choice(sorted(JOBS)))
@click.option("--groupement", "groupement_id", type=int, help=say(N_("cli.help.one_groupement")))
@click.option("--period", help=say(N_("cli.help.job_period")))
def run_once(job: str, groupement_id: int | None, period: str | None) -> None:
    """Run JOB now for every groupement (or one), once per groupement and period."""
    try:
        day = date.fromisoformat(period) if period else None
    except ValueError as error:
        raise click.BadParameter(say("cli.day_expected"), param_hint="--period") from error
    query = select(Groupement.id, Groupement.name).order_by(Groupement.id)
    if groupement_id is not None:
        query = query.where(Groupement.id == groupement_id)
    targets = db.session().execute(query).all()
    db.session.remove()
    if not targets:
        raise click.ClickException(say("cli.no_groupement", id=groupement_id))
    failed = 0
    for ident, name in targets:
        result = run(job, ident, day)
        details = result.error.strip().splitlines()[-1] if result.error else result.summary
        outcome = label(result.outcome, "JobOutcome", OPERATOR_LANGUAGE)
        click.echo(
            say(
                "cli.job_outcome", name=name, outcome=outcome, period=result.period, details=details
            )
        )
        failed += result.outcome == "failed"
    if failed:
        raise SystemExit(1)


@scheduler_cli.command("status", help=say(N_("cli.help.scheduler_status")))
def status() -> None:
    """Who holds the scheduler lease, and when each stored job runs next."""
    held = lease.current()
    if held.holder and held.expires_at:
        until = formats.moment(held.expires_at, OPERATOR_LANGUAGE)
        click.echo(say("cli.lease_held", holder=held.holder, until=until))
    else:
        click.echo(say("cli.lease_free"))
    scheduler = JobScheduler(current_app._get_current_object(), "status")  # type: ignore[attr-defined]
    scheduler.open()  # reads the stored jobs; runs none (run_due is never called here)
    try:
        for job in sorted(scheduler.get_jobs(jobstore="default"), key=lambda j: j.id):
            when = (
                formats.moment(job.next_run_time, OPERATOR_LANGUAGE) if job.next_run_time else "—"
            )
            click.echo(say("cli.next_run", id=job.id, name=job.name, when=when or "—"))
    finally:
        scheduler.shutdown(wait=False)
    click.echo(say("cli.brussels_time", now=formats.moment(calendar.now(), OPERATOR_LANGUAGE)))
