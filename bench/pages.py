"""Time every web page on the demo data and print the slowest (target: under 300 ms each).

    .venv/bin/python bench/pages.py [--repeat 5]

A scratch SQLite database with the demo GE and its May 2026 issued, and a GE of 50
workers (``tests.factories.make_fifty_worker_groupement``, with an administrator) for the
planning board of a week; each page is asked through the Flask test client by the role
that sees it, the median of a few calls kept. Nothing is asserted: timings are read by
people, never by tests.
"""

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from alembic import command

from app import create_app
from app.audit import Actor, acting_as
from app.auth import hash_password
from app.cli import alembic_config
from app.db import db
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, DEMO_PASSWORD, MEMBERS, load_demo
from app.models import User
from app.models.enums import Role
from app.services import billing
from app.services.writes import Reach, guarded_write
from tests.factories import make_fifty_worker_groupement

# The administrator of the 50-worker GE, whose planning board is timed.
FIFTY_ADMIN = "admin@ge-cinquante.example"

PAGES = {
    ADMIN_EMAIL: [
        "/gestion/",
        "/gestion/membres",
        "/gestion/travailleurs",
        "/gestion/travailleurs/1",
        "/gestion/facturation",
        "/gestion/facturation/1",
        "/gestion/conformite",
        "/gestion/registre",
        "/gestion/imports",
        "/gestion/parametres",
        "/gestion/exports",
        "/gestion/planning?semaine=2026-W47",
        "/gestion/planning?semaine=2026-W47&vue=membres",
    ],
    ACCOUNTANT_EMAIL: ["/gestion/exports", "/gestion/facturation"],
    MEMBERS[0][-1]: [
        "/membre/factures",
        "/membre/heures",
        "/membre/exposition",
        "/membre/planning?semaine=2026-W47",
    ],
    # 50 workers (and a 51st hired that Monday) over five members: the week's board.
    FIFTY_ADMIN: [
        "/gestion/planning?semaine=2026-W12",
        "/gestion/planning?semaine=2026-W12&vue=membres",
    ],
}


QUICK_HELP = "a tiny size, to check the script still runs (CI); its figures mean little"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help=QUICK_HELP + " (one run)")
    arguments = parser.parse_args()
    repeat = 1 if arguments.quick else arguments.repeat
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/pages.db"
        app = create_app({"DATABASE_URL": url})
        command.upgrade(alembic_config(url), "head")
        with app.app_context(), acting_as(Actor("bench")):
            with db.transaction() as session:
                groupement, _ = load_demo(session)
            # Billing writes run in their GE's unit of work, as ``flask billing`` runs them.
            with guarded_write(groupement.id, Reach.NOTHING) as write:
                run = billing.draft(write.session, groupement.id, billing.parse_period("2026-05"))
            with guarded_write(groupement.id, Reach.NOTHING) as write:
                billing.issue(write.session, groupement.id, run.id)
            with db.transaction() as session:
                fifty = make_fifty_worker_groupement(session)["groupement"]
                session.add(
                    User(
                        groupement_id=fifty.id,
                        email=FIFTY_ADMIN,
                        password_hash=hash_password(DEMO_PASSWORD),
                        role=Role.ADMIN,
                    )
                )
        timings = []
        for email, pages in PAGES.items():
            client = app.test_client()
            form = client.get("/connexion").get_data(as_text=True)
            token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
            client.post(
                "/connexion", data={"email": email, "password": DEMO_PASSWORD, "csrf_token": token}
            )
            for page in pages:
                samples = []
                for _ in range(repeat):
                    started = time.perf_counter()
                    status = client.get(page).status_code
                    samples.append(time.perf_counter() - started)
                timings.append((statistics.median(samples), page, email, status))
    for seconds, page, email, status in sorted(timings, reverse=True):
        print(f"{seconds * 1000:7.1f} ms  {status}  {page:48} ({email})")
    slowest = max(timings)
    print(f"slowest: {slowest[1]} {slowest[0] * 1000:.0f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
