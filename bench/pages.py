"""Time every web page on the demo data and print the slowest (target: under 300 ms each).

    .venv/bin/python bench/pages.py [--repeat 5]

A scratch SQLite database with the demo GE and its May 2026 issued; each page is asked
through the Flask test client by the role that sees it, the median of a few calls kept.
Nothing is asserted: timings are read by people, never by tests.
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
from app.cli import alembic_config
from app.db import db
from app.demo import ACCOUNTANT_EMAIL, ADMIN_EMAIL, DEMO_PASSWORD, MEMBERS, load_demo
from app.services import billing

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
    ],
    ACCOUNTANT_EMAIL: ["/gestion/exports", "/gestion/facturation"],
    MEMBERS[0][-1]: ["/membre/factures", "/membre/heures", "/membre/exposition"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    repeat = parser.add_argument("--repeat", type=int, default=5) and parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/pages.db"
        app = create_app({"DATABASE_URL": url})
        command.upgrade(alembic_config(url), "head")
        with app.app_context(), acting_as(Actor("bench")):
            with db.transaction() as session:
                groupement, _ = load_demo(session)
            with db.transaction() as session:
                run = billing.draft(session, groupement.id, billing.parse_period("2026-05"))
            with db.transaction() as session:
                billing.issue(session, groupement.id, run.id)
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
        print(f"{seconds * 1000:7.1f} ms  {status}  {page:32} ({email})")
    slowest = max(timings)
    print(f"slowest: {slowest[1]} {slowest[0] * 1000:.0f} ms (target < 300 ms)")


if __name__ == "__main__":
    main()
