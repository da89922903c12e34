"""Time the imports' refusals of hostile or oversized workbooks (target: under 2 s each)
and weigh their answers.

    .venv/bin/python bench/import_limits.py [--memory]

A scratch SQLite database with the demo GE; each workbook is sent to
``POST /api/v1/imports/schedules`` through the Flask test client, as the demo's
administrator. Prints, per case, the status, the seconds from request to answer, the
answer's size, the errors listed and counted and, with ``--memory``, the request's peak
memory as tracemalloc sees it (which makes every figure several times slower).
Nothing is asserted: timings are read by people, never by tests.
"""

import argparse
import io
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from app import create_app
from app.audit import Actor, acting_as
from app.auth import issue_token
from app.cli import alembic_config
from app.db import db
from app.demo import ADMIN_EMAIL, load_demo
from app.models import User
from exports.templates import SCHEDULE_COLUMNS
from tests.workbooks import declare, grow, rewrite_sheet
from tests.workbooks import workbook as sheet_of

WORKER, MEMBER = "Lambert Sophie", "Maison de Quartier des Marolles ASBL"
ROW = [WORKER, MEMBER, "lundi", "09:00", "12:00", "2026-09-01", None]


def workbook(rows: list[list[object]]) -> bytes:
    return sheet_of(SCHEDULE_COLUMNS, rows)


def cases() -> list[tuple[str, bytes]]:
    one = workbook([ROW])
    hundred_thousand = rewrite_sheet(one, grow(100_000))
    return [
        ("dimension bomb A1:XFD1048576", rewrite_sheet(one, declare("A1:XFD1048576"))),
        (
            "100,000 rows, dimension declared",
            rewrite_sheet(hundred_thousand, declare("A1:G100001")),
        ),
        (
            "100,000 rows, dimension lying (A1:G2)",
            rewrite_sheet(hundred_thousand, declare("A1:G2")),
        ),
        ("100,000 rows, no dimension", rewrite_sheet(hundred_thousand, declare(None))),
        ("2,000 duplicate rows", workbook([ROW] * 2000)),
        (
            "5,000 rows, each refused (unknown member)",
            rewrite_sheet(workbook([[*ROW[:1], "?", *ROW[2:]]]), grow(5000)),
        ),
        (
            "no dimension, 130,000 rows (~48 MB unpacked)",
            rewrite_sheet(one, lambda xml: declare(None)(grow(130_000)(xml))),
        ),
        (
            "5,000 rows x 30 columns, all overlapping",
            rewrite_sheet(
                workbook([ROW + ["note"] * 23]),
                lambda xml: declare("A1:AD5001")(grow(5000)(xml)),
            ),
        ),
    ]


QUICK_HELP = "a tiny size, to check the script still runs (CI); its figures mean little"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--memory", action="store_true", help="also the peak memory (slower figures)"
    )
    parser.add_argument("--quick", action="store_true", help=QUICK_HELP + " (3 cases)")
    arguments = parser.parse_args()
    memory = arguments.memory
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/imports.db"
        app = create_app({"DATABASE_URL": url})
        command.upgrade(alembic_config(url), "head")
        with app.app_context(), acting_as(Actor("bench")), db.transaction() as session:
            load_demo(session)
            admin = session.query(User).filter_by(email=ADMIN_EMAIL).one()
            token = issue_token(session, admin, "bench")
        client = app.test_client()
        headers = {"Authorization": f"Bearer {token}"}
        for name, data in cases()[: 3 if arguments.quick else None]:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                unpacked = sum(entry.file_size for entry in archive.infolist())
            boundary, body = encode_multipart(
                {"file": FileStorage(io.BytesIO(data), filename="horaires.xlsx")}
            )
            if memory:
                tracemalloc.start()
            started = time.perf_counter()
            response = client.post(
                "/api/v1/imports/schedules",
                data=body,
                content_type=f"multipart/form-data; boundary={boundary}",
                headers=headers,
            )
            seconds = time.perf_counter() - started
            peak = ""
            if memory:
                peak = f"  peak {tracemalloc.get_traced_memory()[1] / 1024 / 1024:.1f} MB"
                tracemalloc.stop()
            answer = response.get_json()
            errors = answer.get("errors", {})
            listed = len(errors.get("rows", []))
            message = (errors.get("file") or [answer.get("message", "")])[0]
            size, weight = len(data) / 1024, len(response.data) / 1024
            print(
                f"{name:44} {size:8.1f} KB ({unpacked / 1024 / 1024:5.1f} MB unpacked)"
                f"  {response.status_code}  {seconds:6.2f} s  answer {weight:6.1f} KB"
                f"  listed {listed:3} of {errors.get('count', listed):5}{peak}"
            )
            print(f"    {message[:150]}")


if __name__ == "__main__":
    main()
