"""The jobs themselves, under a controlled clock (time-machine, no sleeping): once per GE
and period, nothing partial on failure, the sweep's notifications on the demo, e-mail."""

from datetime import date, datetime
from typing import Any

import pytest
import time_machine
from flask import Flask
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from allocation.calendar import BRUSSELS
from app import jobs
from app.jobs import tasks
from app.models import (
    AuditEvent,
    BillingRun,
    Groupement,
    Invoice,
    InvoiceLine,
    JobRun,
    Notification,
    User,
)
from app.models.enums import Language, Role
from tests.conftest import World
from tests.helpers import arranging
from tests.jobs.conftest import Inbox


def _count(session: Session, model: Any, **where: Any) -> int:
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return session.scalar(query) or 0


def at(*moment: int) -> Any:
    """Brussels wall-clock time, frozen."""
    return time_machine.travel(datetime(*moment, tzinfo=BRUSSELS), tick=False)


def test_the_month_end_draft_is_created_once_when_the_job_runs_twice(
    session: Session, world: World
) -> None:
    with at(2026, 12, 1, 6, 0):
        first = jobs.run("month_end_draft", world.ge_a)
        second = jobs.run("month_end_draft", world.ge_a)
    assert (first.outcome, first.period, first.done_key) == (
        "succeeded",
        date(2026, 11, 1),
        f"month_end_draft:{world.ge_a}:2026-11-01",
    )
    assert first.summary["invoices"] == 4
    assert (second.outcome, second.summary) == (
        "skipped",
        {"reason": "already_done", "job_run_id": first.id},
    )
    assert _count(session, BillingRun, groupement_id=world.ge_a, month=date(2026, 11, 1)) == 1
    (ready,) = session.scalars(
        select(Notification).where(Notification.groupement_id == world.ge_a)
    ).all()
    assert ready.kind == "BILL-DRAFT" and "11/2026" in ready.message("fr")
    assert "15 décembre 2026" in ready.message("fr")


def test_a_month_drafted_by_hand_is_left_alone(session: Session, world: World, admin: Any) -> None:
    assert admin.post("/api/v1/billing-runs/", json={"period": "2026-11"}).status_code == 201
    run = jobs.run("month_end_draft", world.ge_a, date(2026, 11, 1))
    assert run.outcome == "skipped" and run.summary["reason"] == "run_exists"
    assert _count(session, BillingRun, groupement_id=world.ge_a, month=date(2026, 11, 1)) == 1


def test_a_draft_refused_by_the_rules_records_its_findings(session: Session, world: World) -> None:
    with arranging(session, world.ge_a) as write:
        ge = write.session.get_one(Groupement, world.ge_a)
        ge.authorisation_reference = None  # placements without an authorisation: GE-AUTH-01
    session.commit()
    run = jobs.run("month_end_draft", world.ge_a, date(2026, 11, 1))
    assert run.outcome == "blocked"
    assert {f["rule_id"] for f in run.summary["findings"]} == {"GE-AUTH-01"}
    assert _count(session, BillingRun, groupement_id=world.ge_a) == 0
    (notice,) = session.scalars(
        select(Notification).where(Notification.groupement_id == world.ge_a)
    )
    assert notice.severity == "blocking" and "GE-AUTH-01" in notice.message("fr")


def test_an_exception_inside_a_job_leaves_nothing_partial(
    session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("disque plein")

    # After the draft is written (runs, invoices, lines, audit rows), before the run ends.
    monkeypatch.setattr(tasks.notifications, "record", fail)
    tables = (BillingRun, Invoice, InvoiceLine, Notification, AuditEvent)
    before = {model: _count(session, model) for model in tables}
    failed = jobs.run("month_end_draft", world.ge_a, date(2026, 11, 1))
    assert failed.outcome == "failed" and failed.done_key is None
    assert "RuntimeError: disque plein" in (failed.error or "")
    after = {model: _count(session, model) for model in tables if model is not AuditEvent}
    assert after == {model: n for model, n in before.items() if model is not AuditEvent}
    # Only the run's own record is audited: nothing of the draft survives.
    assert _count(session, AuditEvent) - before[AuditEvent] == 2  # the run, inserted then updated

    monkeypatch.undo()
    retried = jobs.run("month_end_draft", world.ge_a, date(2026, 11, 1), attempt=2)
    assert (retried.outcome, retried.attempt) == ("succeeded", 2)
    assert _count(session, BillingRun, groupement_id=world.ge_a) == 1


def _notifications(session: Session, ge: int) -> list[tuple[str, str, str]]:
    rows = session.scalars(
        select(Notification).where(Notification.groupement_id == ge).order_by(Notification.id)
    )
    return [(n.kind, n.severity, n.message("fr")) for n in rows]


def test_the_daily_sweep_on_the_demo(session: Session, world: World) -> None:
    with at(2026, 11, 16, 7, 0):
        first = jobs.run("compliance_sweep", world.ge_a)
    assert (first.outcome, first.period) == ("succeeded", date(2026, 11, 16))
    told = _notifications(session, world.ge_a)
    assert sorted((kind, severity) for kind, severity, _m in told) == [
        ("INV-DEADLINE", "warning"),  # October not issued on the 16th
        ("LIAB-ARREARS", "warning"),  # ONSS due 31 October, partly paid
        ("LIAB-ARREARS", "warning"),  # withholding tax due 15 November
        *[("MONTH-CLOSE", "info")] * 6,  # October's close: no step done yet
        ("WT-DAY-8H", "warning"),  # 17 November: 2.5 extra hours on a full day
    ]
    messages = " ".join(m for _k, _s, m in told)
    assert "Clôture de 10/2026 : l'étape « prestations exportées » est encore ouverte" in messages
    assert "La facture de 10/2026 devait être émise au plus tard le 15 novembre 2026" in messages
    assert "6\u202f420,36\xa0€" in messages and "4\u202f385,20\xa0€" in messages

    # The next day nothing is new: the same breach, the same debts, the same month.
    with at(2026, 11, 17, 7, 0):
        second = jobs.run("compliance_sweep", world.ge_a)
    assert second.outcome == "succeeded" and second.summary["notifications"] == 0
    assert len(_notifications(session, world.ge_a)) == 10

    # A new month: the debts are told again, and a contract ends within 30 days.
    with at(2026, 12, 1, 7, 0):
        third = jobs.run("compliance_sweep", world.ge_a)
    assert sorted(third.summary["kinds"]) == ["CONTRACT-END", "LIAB-ARREARS"]
    assert any(
        "Marie Dubois prend fin le 31 décembre 2026 (dans 30 jours)" in m
        for _k, _s, m in _notifications(session, world.ge_a)
    )
    # The second GE hears nothing of the first's news.
    assert all(n.groupement_id == world.ge_a for n in session.scalars(select(Notification)))


def test_a_sweep_runs_once_a_day(session: Session, world: World) -> None:
    with at(2026, 11, 16, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    with at(2026, 11, 16, 18, 0):
        again = jobs.run("compliance_sweep", world.ge_a)
    assert again.outcome == "skipped"
    assert _count(session, JobRun, job="compliance_sweep", outcome="succeeded") == 1


def test_a_notification_email_reaches_the_smtp_server(
    session: Session, world: World, smtp_server: Inbox
) -> None:
    with at(2026, 11, 16, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    (mail,) = smtp_server.messages
    assert mail["Subject"] == "[Mutua] GE Bruxelles Solidaire ASBL : 10 notifications"
    assert set(mail["X-Rcpt"].split(", ")) == {
        "admin@ge-bruxelles-solidaire.be",
        "bureau@ge-bruxelles-solidaire.be",
    }
    body = mail.get_payload(decode=True).decode()
    assert "LIAB-ARREARS" in body and "WT-DAY-8H" in body and "INV-DEADLINE" in body
    assert all(
        n.emailed_at is not None
        for n in session.scalars(
            select(Notification).where(Notification.groupement_id == world.ge_a)
        )
    )
    # Sent once: the next sweep has nothing new to send.
    with at(2026, 11, 17, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    assert len(smtp_server.messages) == 1


def test_each_administrator_reads_the_notifications_in_their_language(
    session: Session, world: World, smtp_server: Inbox
) -> None:
    """One message per language: the Dutch administrator's in Dutch, the French one's
    with the GE's notification address in French (the GE's language, by default)."""
    session.add(
        User(
            groupement_id=world.ge_a,
            email="beheerder@ge-bruxelles-solidaire.be",
            password_hash="x",
            role=Role.ADMIN,
            language=Language.NL,
        )
    )
    session.commit()
    with at(2026, 11, 16, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    by_language = {mail["Content-Language"]: mail for mail in smtp_server.messages}
    assert set(by_language) == {"fr", "nl"} and len(smtp_server.messages) == 2
    french, dutch = by_language["fr"], by_language["nl"]
    assert set(french["X-Rcpt"].split(", ")) == {
        "admin@ge-bruxelles-solidaire.be",
        "bureau@ge-bruxelles-solidaire.be",
    }
    assert dutch["X-Rcpt"] == "beheerder@ge-bruxelles-solidaire.be"
    assert french["Subject"] == "[Mutua] GE Bruxelles Solidaire ASBL : 10 notifications"
    assert dutch["Subject"] == "[Mutua] GE Bruxelles Solidaire ASBL: 10 meldingen"
    french_body = french.get_payload(decode=True).decode()
    dutch_body = dutch.get_payload(decode=True).decode()
    assert "tableau de bord" in french_body and "dashboard van Mutua" in dutch_body
    assert "[BLOKKEREND]" in dutch_body or "[WAARSCHUWING]" in dutch_body
    assert "BLOKKEREND" not in french_body and "WAARSCHUWING" not in french_body
    # The same notifications, each message in its language.
    for kind in ("LIAB-ARREARS", "WT-DAY-8H", "INV-DEADLINE"):
        assert kind in french_body and kind in dutch_body
    assert french_body != dutch_body
    # Message and legal basis: the Dutch administrator reads the Dutch basis, not the French.
    told = session.scalars(select(Notification).where(Notification.groupement_id == world.ge_a))
    told = list(told)
    assert any(n.legal_basis("fr") != n.legal_basis("nl") for n in told)
    for notification in told:
        assert notification.message("nl") in dutch_body
        assert notification.legal_basis("nl") in dutch_body
        assert notification.legal_basis("fr") in french_body
        if notification.legal_basis("fr") != notification.legal_basis("nl"):
            assert notification.legal_basis("fr") not in dutch_body
    # Sent once to each: the next sweep has nothing new.
    with at(2026, 11, 17, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    assert len(smtp_server.messages) == 2


def test_the_ges_notification_address_reads_the_ges_language(
    session: Session, world: World, smtp_server: Inbox
) -> None:
    """The notification address is the GE's own: it reads the GE's language (English
    here), its French administrator French."""
    with arranging(session, world.ge_a) as write:
        write.session.get_one(Groupement, world.ge_a).language = Language.EN
    session.commit()
    with at(2026, 11, 16, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    by_language = {mail["Content-Language"]: mail for mail in smtp_server.messages}
    assert set(by_language) == {"fr", "en"}
    assert by_language["fr"]["X-Rcpt"] == "admin@ge-bruxelles-solidaire.be"
    assert by_language["en"]["X-Rcpt"] == "bureau@ge-bruxelles-solidaire.be"
    assert "LIAB-ARREARS" in by_language["en"].get_payload(decode=True).decode()


def test_a_mail_server_down_delays_the_email_not_the_job(
    app: Flask, session: Session, world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app.config, "SMTP_HOST", "127.0.0.1")
    monkeypatch.setitem(app.config, "SMTP_PORT", 9)  # nothing listens on discard
    with at(2026, 11, 16, 7, 0):
        run = jobs.run("compliance_sweep", world.ge_a)
    assert run.outcome == "succeeded"
    pending = session.scalars(select(Notification).where(Notification.groupement_id == world.ge_a))
    assert [n.emailed_at for n in pending] == [None] * 10


def test_the_sweep_tells_each_open_step_of_last_months_close_once_from_the_5th(
    session: Session, world: World, admin: Any
) -> None:
    def close_keys() -> set[str]:
        return set(
            session.scalars(
                select(Notification.key).where(
                    Notification.groupement_id == world.ge_a, Notification.kind == "MONTH-CLOSE"
                )
            )
        )

    with at(2026, 6, 4, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    assert close_keys() == set()  # before the 5th
    assert admin.post("/api/v1/billing-runs/", json={"period": "2026-05"}).status_code == 201
    with at(2026, 6, 5, 7, 0):
        jobs.run("compliance_sweep", world.ge_a)
    steps = ("reviewed", "exported", "payroll_imported", "payroll_compared", "issued")
    assert close_keys() == {f"MONTH-CLOSE:2026-05:{step}" for step in steps}
    with at(2026, 6, 6, 7, 0):
        again = jobs.run("compliance_sweep", world.ge_a)
    assert "MONTH-CLOSE" not in again.summary["kinds"]
