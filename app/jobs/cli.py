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

from allocation import calendar

from ..db import db
from ..models import Groupement
from . import JOBS, lease, run
from .scheduler import JobScheduler

scheduler_cli = click.Group("scheduler", help="Tâches planifiées (un seul processus actif).")

WAIT_BETWEEN_TRIES = 30  # seconds between two tries to take a held lease


def _holder() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@scheduler_cli.command("run")
@click.option("--no-wait", is_flag=True, help="Quitter si un autre planificateur est actif.")
def run_scheduler(no_wait: bool) -> None:
    """Run the scheduler in the foreground (one process per deployment)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    holder = _holder()
    while not lease.acquire(holder):
        held = lease.current()
        db.session.remove()
        message = (
            f"Un autre planificateur est actif ({held.holder}, bail valable jusqu'au "
            f"{held.expires_at:%Y-%m-%d %H:%M:%S} UTC)."
            if held.expires_at
            else "Un autre planificateur est actif."
        )
        if no_wait:
            raise click.ClickException(message)
        click.echo(f"{message} Nouvel essai dans {WAIT_BETWEEN_TRIES} s…", err=True)
        time.sleep(WAIT_BETWEEN_TRIES)
    db.session.remove()
    scheduler = JobScheduler(current_app._get_current_object(), holder)  # type: ignore[attr-defined]
    changes = scheduler.sync()
    scheduler.add_housekeeping()

    def stop(_signum: int, _frame: Any) -> None:
        scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    click.echo(f"Planificateur {holder} actif ; tâches : {changes}.", err=True)
    try:
        scheduler.start()
    finally:
        lease.release(holder)
        click.echo("Planificateur arrêté.", err=True)


@scheduler_cli.command("run-once")
@click.argument("job", type=click.Choice(sorted(JOBS)))
@click.option("--groupement", "groupement_id", type=int, help="Un seul groupement")
@click.option(
    "--period",
    help="AAAA-MM-JJ : la période (le mois du brouillon, le jour du contrôle) ; "
    "par défaut celle d'aujourd'hui.",
)
def run_once(job: str, groupement_id: int | None, period: str | None) -> None:
    """Run JOB now for every groupement (or one), once per groupement and period."""
    try:
        day = date.fromisoformat(period) if period else None
    except ValueError as error:
        raise click.BadParameter("AAAA-MM-JJ attendu", param_hint="--period") from error
    query = select(Groupement.id, Groupement.name).order_by(Groupement.id)
    if groupement_id is not None:
        query = query.where(Groupement.id == groupement_id)
    targets = db.session().execute(query).all()
    db.session.remove()
    if not targets:
        raise click.ClickException(f"aucun groupement {groupement_id}")
    failed = 0
    for ident, name in targets:
        result = run(job, ident, day)
        details = result.error.strip().splitlines()[-1] if result.error else result.summary
        click.echo(f"{name} : {result.outcome} ({result.period}) {details}")
        failed += result.outcome == "failed"
    if failed:
        raise SystemExit(1)


@scheduler_cli.command("status")
def status() -> None:
    """Who holds the scheduler lease, and when each stored job runs next."""
    held = lease.current()
    click.echo(f"Bail : {held.holder or 'libre'} (jusqu'au {held.expires_at or '—'})")
    scheduler = JobScheduler(current_app._get_current_object(), "status")  # type: ignore[attr-defined]
    scheduler.open()  # reads the stored jobs; runs none (run_due is never called here)
    try:
        for job in sorted(scheduler.get_jobs(jobstore="default"), key=lambda j: j.id):
            click.echo(f"{job.id} : {job.name} — prochain passage {job.next_run_time}")
    finally:
        scheduler.shutdown(wait=False)
    click.echo(f"Heure de Bruxelles : {calendar.now():%Y-%m-%d %H:%M}")
