"""Notifications and job runs through the API and the pages: each GE sees only its own,
members see none, only administrators mark them read; the CLI runs a job now."""

import re
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app import jobs
from app.db import db
from app.demo import ADMIN_EMAIL, MEMBERS
from app.models import JobRun, Notification
from tests.conftest import World
from tests.helpers import assert_error_shape, database_state, signed_in


@pytest.fixture
def swept(app: Flask, connection: Any, world: World) -> dict[str, list[int]]:
    """A sweep and a draft for each GE: GE B's records are the ones A must never see.
    (In an app context of its own: the pages' requests must not inherit it.)"""
    made: dict[str, list[int]] = {"a": [], "b": [], "runs_a": [], "runs_b": []}
    with app.app_context():
        session = db.session()
        for key, ge in (("a", world.ge_a), ("b", world.ge_b)):
            jobs.run("compliance_sweep", ge, date(2026, 11, 16))
            jobs.run("month_end_draft", ge, date(2026, 11, 1))
            made[key] = list(
                session.scalars(select(Notification.id).where(Notification.groupement_id == ge))
            )
            made[f"runs_{key}"] = list(
                session.scalars(select(JobRun.id).where(JobRun.groupement_id == ge))
            )
        db.session.remove()
    assert made["a"] and made["b"] and made["runs_b"]
    return made


def _ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.get_json()
    return {row["id"] for row in response.get_json()}


def test_each_groupement_lists_only_its_own(as_user: Any, swept: dict[str, list[int]]) -> None:
    for who, key in (("admin_a", "a"), ("admin_b", "b")):
        api = as_user(who)
        assert _ids(api.get("/api/v1/notifications/?page_size=500")) == set(swept[key])
        assert _ids(api.get("/api/v1/job-runs/?page_size=500")) == set(swept[f"runs_{key}"])


def test_another_groupements_notifications_and_runs_are_not_found(
    admin: Any, session: Session, swept: dict[str, list[int]]
) -> None:
    before = database_state(session)
    for ident in swept["b"]:
        assert_error_shape(admin.get(f"/api/v1/notifications/{ident}"), 404)
        assert_error_shape(admin.post(f"/api/v1/notifications/{ident}/read"), 404)
    for ident in swept["runs_b"]:
        assert_error_shape(admin.get(f"/api/v1/job-runs/{ident}"), 404)
    assert database_state(session) == before


def test_members_see_none_and_the_accountant_reads_but_cannot_mark(
    as_user: Any, session: Session, swept: dict[str, list[int]]
) -> None:
    member = as_user("member_a0")
    assert _ids(member.get("/api/v1/notifications/")) == set()
    assert _ids(member.get("/api/v1/job-runs/")) == set()
    assert_error_shape(member.get(f"/api/v1/notifications/{swept['a'][0]}"), 404)
    accountant = as_user("accountant_a")
    assert _ids(accountant.get("/api/v1/notifications/?page_size=500")) == set(swept["a"])
    before = database_state(session)
    assert_error_shape(accountant.post(f"/api/v1/notifications/{swept['a'][0]}/read"), 403)
    assert database_state(session) == before


def test_an_administrator_marks_a_notification_read(
    as_user: Any, swept: dict[str, list[int]]
) -> None:
    api = as_user("admin_a", "en")
    ident = swept["a"][0]
    body = api.post(f"/api/v1/notifications/{ident}/read").get_json()
    assert body["read_at"] is not None and body["message"] == body["messages"]["en"]
    again = api.post(f"/api/v1/notifications/{ident}/read").get_json()
    assert again["read_at"] == body["read_at"]  # the first reading stands
    unread = _ids(api.get("/api/v1/notifications/?unread=true&page_size=500"))
    assert unread == set(swept["a"]) - {ident}
    runs = api.get("/api/v1/job-runs/?job=month_end_draft").get_json()
    assert [(r["job"], r["period"], r["outcome"]) for r in runs] == [
        ("month_end_draft", "2026-11-01", "succeeded")
    ]
    assert_error_shape(api.get("/api/v1/job-runs/?job=unknown"), 422)
    assert_error_shape(api.get("/api/v1/notifications/?colour=red"), 422)


def test_the_job_settings_are_checked_and_saved(admin: Any, session: Session) -> None:
    before = database_state(session)
    for bad in (
        {"draft_day": 29},
        {"draft_time": "6h"},
        {"headcount_alert_percent": 0},
        {"annual_report_due_month": 2, "annual_report_due_day": 30},
        {"notification_email": "pas une adresse"},
    ):
        assert_error_shape(admin.patch("/api/v1/groupement", json=bad), 422)
    assert database_state(session) == before
    saved = admin.patch(
        "/api/v1/groupement",
        json={"draft_day": 3, "draft_time": "08:30", "headcount_alert_percent": 80},
    ).get_json()
    assert (saved["draft_day"], saved["draft_time"], saved["headcount_alert_percent"]) == (
        3,
        "08:30",
        80,
    )


def test_the_dashboard_shows_unread_notifications_and_the_jobs_page_the_runs(
    app: Flask, swept: dict[str, list[int]]
) -> None:
    client = signed_in(app, ADMIN_EMAIL)
    page = client.get("/gestion/").get_data(as_text=True)
    assert "LIAB-ARREARS" in page and "Marquer comme lue" in page
    history = client.get("/gestion/taches").get_data(as_text=True)
    # The jobs and their outcomes by their labels (enum.Job.*, enum.JobOutcome.*).
    assert "Brouillon de facturation du mois écoulé" in history
    assert "Contrôle quotidien de conformité" in history
    assert "<td>Réussi</td>" in history
    # Marking one read takes it off the dashboard.
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert token
    read = client.post(
        f"/gestion/notifications/{swept['a'][0]}/lue", data={"csrf_token": token.group(1)}
    )
    assert read.status_code == 302
    after = client.get("/gestion/").get_data(as_text=True)
    assert after.count("Marquer comme lue") == page.count("Marquer comme lue") - 1


def test_a_member_user_gets_no_jobs_page(app: Flask, swept: dict[str, list[int]]) -> None:
    client = signed_in(app, MEMBERS[0][-1])
    assert client.get("/gestion/taches").status_code == 404
    assert client.get("/gestion/").status_code == 404


def test_run_once_from_the_command_line(app: Flask, session: Session, world: World) -> None:
    runner = app.test_cli_runner()
    args = ["scheduler", "run-once", "month_end_draft", "--groupement", str(world.ge_a)]
    first = runner.invoke(args=[*args, "--period", "2026-11-15"])
    assert first.exit_code == 0, first.output
    assert "GE Bruxelles Solidaire ASBL : Réussi (2026-11-01)" in first.output
    second = runner.invoke(args=[*args, "--period", "2026-11-01"])
    assert "Déjà fait (2026-11-01)" in second.output
    bad = runner.invoke(args=[*args, "--period", "novembre"])
    assert bad.exit_code == 2 and "AAAA-MM-JJ" in bad.output
