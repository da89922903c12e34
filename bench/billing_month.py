"""Time a month's billing over many GEs, against a floor measured in the same run.

    .venv/bin/python bench/billing_month.py [--groupements 200] [--engines sqlite,postgresql]
        [--workers 2]

For each engine: a fresh database, N GEs of 50 workers over 2 to 5 members (19 to 38 h
a week, Monday to Friday, no breach of the law), then ``billing.draft`` for May 2026 of
every GE, each in its own transaction, as ``flask billing draft`` does: first with an
empty findings cache (the legal rules run on every GE), then again with nothing changed
(the month's findings are read back, the earlier draft is replaced). The floor: the
same month's planned day rows (one per worker, member and day, written beforehand)
aggregated by one SQL GROUP BY, and the resulting lines written by one bulk insert.
Prints the times, their ratio to the floor (goal <= 5) and the peak memory of the
billing (goal < 500 MB; the GEs are written by another process, so the figure is the
billing's). On PostgreSQL, then ``flask billing draft`` over every GE with one process
and with ``--workers`` processes, every GE made to look changed before each, and the
speed-up. Nothing is asserted: timings are read by people, never by tests.
"""

import argparse
import gc
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from datetime import time as clock
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command
from sqlalchemy import create_engine, make_url, text

from allocation.calendar import days_off
from allocation.schedule import Placement, WeeklySlot, expand
from app import create_app
from app.audit import Actor, acting_as
from app.cli import alembic_config
from app.db import db
from app.models import Assignment, Contract, Groupement, Member, Slot, Worker
from app.models.enums import ContractType, LegalForm
from app.services import billing
from app.services.writes import Reach, guarded_write, within
from tests.factories import enterprise_number

MONTH = date(2026, 5, 1)
MONTH_END = date(2026, 5, 31)
WORKERS = 50
DAY_SHAPES = {  # hours a day -> the day's slots
    Decimal("3.8"): [("09:00", "12:48")],
    Decimal("5.7"): [("09:00", "12:00"), ("12:30", "15:12")],
    Decimal("7.6"): [("08:30", "12:30"), ("13:00", "16:36")],
}


def build(session, groupements: int, seed: int = 7) -> int:
    """Write the GEs, and the month's planned day rows (ge, worker, member, day, minutes)
    into ``bench_day_rows`` for the floor; return how many day rows."""
    rng = random.Random(seed)
    written = 0
    off = days_off([2026], {})
    for number in range(groupements):
        day_rows = []
        ge = Groupement(
            name=f"GE banc {number}",
            enterprise_number=(number_of_ge := enterprise_number()),
            # Invoices at 21 % need the GE's VAT number (ge_vat_required).
            vat_number=f"BE{number_of_ge}",
            street="Rue 1",
            postal_code="1000",
            city="Bruxelles",
            rpm_seat="Bruxelles",
            authorisation_reference=f"GE/{number}",
            authorisation_date=date(2020, 1, 1),
            joint_committee="329.02",
            headcount_cap=60,
        )
        session.add(ge)
        session.flush()
        # Its records through the guarded unit of work, as any loader writes them.
        with within(session, ge.id, Reach.NOTHING):
            members = [
                Member(
                    groupement_id=ge.id,
                    name=f"ASBL {number}-{m}",
                    legal_form=LegalForm.ASBL,
                    enterprise_number=enterprise_number(),
                    street="Rue 2",
                    postal_code="1000",
                    city="Bruxelles",
                    joined_on=date(2020, 1, 1),
                )
                for m in range(rng.randint(2, 5))
            ]
            session.add_all(members)
            workers = [
                Worker(groupement_id=ge.id, first_name="T", last_name=f"{number}-{w}")
                for w in range(WORKERS)
            ]
            session.add_all(workers)
            session.flush()
            for worker in workers:
                per_day = rng.choice(list(DAY_SHAPES))
                contract = Contract(
                    groupement_id=ge.id,
                    worker_id=worker.id,
                    starts_on=date(2026, 1, 1),
                    weekly_hours=per_day * 5,
                    contract_type=ContractType.OPEN_ENDED,
                    joint_committee="329.02",
                    monthly_gross=Decimal(rng.randint(1800, 4200)) * per_day * 5 / 38,
                )
                contract.monthly_gross = contract.monthly_gross.quantize(Decimal("0.01"))
                session.add(contract)
                session.flush()
                chosen = rng.sample(members, k=min(len(members), rng.randint(2, 3)))
                for index, member in enumerate(chosen):
                    weekdays = [d for d in range(5) if d % len(chosen) == index]
                    spans = [
                        (d, clock.fromisoformat(s), clock.fromisoformat(e))
                        for d in weekdays
                        for s, e in DAY_SHAPES[per_day]
                    ]
                    assignment = Assignment(
                        groupement_id=ge.id,
                        contract_id=contract.id,
                        member_id=member.id,
                        starts_on=date(2026, 1, 1),
                        slots=[
                            Slot(groupement_id=ge.id, weekday=d, starts_at=s, ends_at=e)
                            for d, s, e in spans
                        ],
                    )
                    session.add(assignment)
                    session.flush()
                    placement = Placement(
                        assignment.id,
                        worker.id,
                        member.id,
                        date(2026, 1, 1),
                        None,
                        tuple(WeeklySlot(d, s, e) for d, s, e in spans),
                    )
                    for shift in expand([placement], MONTH, MONTH_END, skip=off):
                        day_rows.append((ge.id, worker.id, member.id, shift.day, shift.minutes))
        session.execute(
            text("INSERT INTO bench_day_rows VALUES (:g, :w, :m, :d, :n)"),
            [{"g": g, "w": w, "m": m, "d": d, "n": n} for g, w, m, d, n in day_rows],
        )
        session.commit()
        written += len(day_rows)
    return written


BENCH_TABLES = (
    "CREATE TABLE bench_day_rows (ge INTEGER, worker INTEGER, member INTEGER, day DATE, "
    "minutes INTEGER)",
    "CREATE TABLE bench_lines (ge INTEGER, worker INTEGER, member INTEGER, minutes INTEGER)",
)


def floor(engine) -> float:
    """The day rows grouped by SQL, the lines bulk-inserted: the least any billing does."""
    started = time.perf_counter()
    with engine.begin() as connection:
        lines = connection.execute(
            text(
                "SELECT ge, worker, member, SUM(minutes) FROM bench_day_rows "
                "GROUP BY ge, worker, member"
            )
        ).all()
        connection.execute(
            text("INSERT INTO bench_lines VALUES (:g, :w, :m, :n)"),
            [{"g": g, "w": w, "m": m, "n": n} for g, w, m, n in lines],
        )
    return time.perf_counter() - started


def build_apart(url: str, groupements: int) -> None:
    """The GEs written by a process of their own, so that this one's peak memory is the
    billing's (with what every process imports), not the loader's."""
    app = create_app({"DATABASE_URL": url})
    with app.app_context(), acting_as(Actor("bench")):
        built = time.perf_counter()
        rows = build(db.session(), groupements)
        print(
            f"  {groupements} GEs, {groupements * WORKERS} workers, {rows} day rows "
            f"written in {time.perf_counter() - built:.0f} s",
            flush=True,
        )


def run(url: str, groupements: int, workers: int) -> None:
    command.upgrade(alembic_config(url), "head")
    scratch = create_engine(url)
    with scratch.begin() as connection:
        for statement in BENCH_TABLES:
            connection.execute(text(statement))
    scratch.dispose()
    loader = multiprocessing.get_context("fork").Process(
        target=build_apart, args=(url, groupements)
    )
    loader.start()
    loader.join()
    if loader.exitcode != 0:
        raise SystemExit(f"the loader failed ({loader.exitcode})")
    app = create_app({"DATABASE_URL": url})
    with app.app_context(), acting_as(Actor("bench")):
        ids = list(db.session().scalars(text("SELECT id FROM groupements ORDER BY id")))
        db.session.remove()
        gc.collect()
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cold, invoices = draft_every(ids)
        warm, _again = draft_every(ids)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        assert db.engine is not None
        floor_time = floor(db.engine)
        db.session.remove()
        db.engine.dispose()
    print(f"  first draft of every GE (the rules run):      {cold:8.2f} s ({invoices} invoices)")
    print(f"  draft again, nothing changed (findings kept): {warm:8.2f} s")
    print(f"  floor (GROUP BY + bulk insert):               {floor_time:8.2f} s")
    print(
        f"  ratio to the floor: first {cold / floor_time:.1f}, again {warm / floor_time:.1f} "
        f"(goal <= 5); peak RSS {peak / 1024:.0f} MB (before the billing "
        f"{rss_before / 1024:.0f} MB; goal < 500 MB)"
    )
    if workers > 1:
        one = command_time(url, 1)
        many = command_time(url, workers)
        print(
            f"  flask billing draft, every GE changed: --workers 1 {one:.2f} s, "
            f"--workers {workers} {many:.2f} s: speed-up {one / many:.2f}"
        )


def command_time(url: str, workers: int) -> float:
    """``flask billing draft --workers N`` over every GE, each made to look changed first
    (its counter moved: drafts and kept findings out of date), so every run does the same
    work: the rules and a new draft for every GE."""
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE groupements SET data_version = data_version + 1"))
    engine.dispose()
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "app",
            "billing",
            "draft",
            "--period",
            f"{MONTH:%Y-%m}",
            "--workers",
            str(workers),
        ],
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "MUTUA_DATABASE_URL": url},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def draft_every(ids: list[int]) -> tuple[float, int]:
    """``billing.draft`` of May for every GE, each in its own guarded write, as
    ``flask billing draft`` does; the time taken and the invoices drafted."""
    started = time.perf_counter()
    invoices = 0
    for ge_id in ids:
        with guarded_write(ge_id, Reach.NOTHING) as write:
            invoices += len(billing.draft(write.session, ge_id, MONTH).invoices)
        db.session.remove()
    return time.perf_counter() - started, invoices


QUICK_HELP = "a tiny size, to check the script still runs (CI); its figures mean little"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--groupements", type=int, default=200)
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument(
        "--postgresql",
        default=os.environ.get(
            "MUTUA_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
        ),
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="on PostgreSQL, also time `flask billing draft` with 1 and with this many "
        "processes (1: not at all)",
    )
    parser.add_argument("--quick", action="store_true", help=QUICK_HELP)
    arguments = parser.parse_args()
    if arguments.quick:  # 2 GEs on SQLite
        arguments.groupements, arguments.engines = 2, "sqlite"
    for engine_name in arguments.engines.split(","):
        print(f"{engine_name}:")
        if engine_name == "sqlite":
            with tempfile.TemporaryDirectory() as scratch:
                run(f"sqlite:///{scratch}/bench.db", arguments.groupements, workers=1)
            continue
        server = make_url(arguments.postgresql)
        name = f"mutua_bench_{uuid.uuid4().hex[:8]}"
        admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run(
                server.set(database=name).render_as_string(hide_password=False),
                arguments.groupements,
                arguments.workers,
            )
        finally:
            db.session.remove()
            if db.engine is not None:
                db.engine.dispose()
            with admin.connect() as connection:
                connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
