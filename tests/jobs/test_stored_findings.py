"""A notification and a recorded warning keep their finding, not its text: stored once,
each reader reads it, message and legal basis, in their own language, with the same
values (dates, hours, amounts) written the way that language writes them."""

from datetime import date
from decimal import Decimal
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.demo import ADMIN_EMAIL
from app.models import Notification, RecordedFinding
from app.services import notifications
from legal_rules import liability
from legal_rules.liability import DebtFacts
from tests.conftest import World
from tests.factories import karims_long_day
from tests.helpers import signed_in


def _overdue_debt_notified(session: Session, world: World) -> Notification:
    debt = DebtFacts(7, "onss", date(2026, 1, 1), date(2026, 3, 31), date(2026, 4, 15),
                     Decimal("10805.56"))  # fmt: skip
    (finding,) = [f for f in liability.check(date(2026, 6, 1), [], [debt]) if f.subjects]
    (notification,) = notifications.record(session, world.ge_a, [("test:arrears", finding)])
    session.commit()
    return notification


def test_one_notification_reads_in_the_callers_language_with_the_same_values(
    as_user: Any, session: Session, world: World
) -> None:
    ident = _overdue_debt_notified(session, world).id
    stored = session.get_one(Notification, ident).finding
    assert "message" not in stored and stored["message_id"] == "LIAB-ARREARS"

    read = {
        language: as_user("admin_a", language).get(f"/api/v1/notifications/{ident}").get_json()
        for language in ("fr", "nl", "en")
    }
    assert read["fr"]["message"].startswith(
        "Dette échue depuis le 15 avril 2026 (cotisations ONSS, 10\u202f805,56\xa0€ restant dus)"
    )
    assert read["nl"]["message"].startswith(
        "Schuld vervallen sinds 15 april 2026 (RSZ-bijdragen, nog €\xa010.805,56"
    )
    assert read["en"]["message"].startswith(
        "Debt overdue since 15 April 2026 (ONSS contributions, €10,805.56"
    )
    assert read["en"]["reference"].startswith("Law of 12 August 2000")
    # One finding: the three views agree, whoever asks in whichever language.
    for language, body in read.items():
        assert body["messages"] == read["fr"]["messages"]
        assert body["references"] == read["fr"]["references"]
        assert body["messages"][language] == body["message"]
        assert body["references"][language] == body["reference"]
    assert len(set(read["fr"]["references"].values())) == 3  # a reference in each language
    assert session.get_one(Notification, ident).finding == stored  # reading changed nothing


def test_a_warning_raised_by_a_dutch_write_reads_in_french_for_a_french_reader(
    as_user: Any, session: Session, world: World
) -> None:
    entry = karims_long_day(session, world.member_ids_a[1])
    response = as_user("admin_a", "nl").post("/api/v1/day-entries/", json=entry)
    assert response.status_code == 201
    (answered,) = response.get_json()["findings"]
    assert "24 november 2026" in answered["message"]  # the writer read Dutch
    (recorded,) = session.scalars(
        select(RecordedFinding).where(
            RecordedFinding.entity == "day_entries",
            RecordedFinding.entity_id == response.get_json()["id"],
        )
    ).all()
    assert "8\xa0h\xa030 prévues pour Karim El Amrani le 24 novembre 2026" in recorded.message("fr")
    assert recorded.message("fr") == answered["messages"]["fr"]
    assert recorded.message("nl") == answered["message"]
    assert recorded.legal_basis("fr") == answered["references"]["fr"]
    assert recorded.found().subjects == (("worker", entry["worker_id"]),)


def test_the_dashboard_shows_a_notification_in_the_pages_language(
    app: Flask, session: Session, world: World
) -> None:
    _overdue_debt_notified(session, world)
    client = signed_in(app, ADMIN_EMAIL)
    assert "Dette échue depuis le 15 avril 2026" in client.get("/gestion/").get_data(as_text=True)
    client.get("/langue/nl")
    dutch = client.get("/gestion/").get_data(as_text=True)
    assert "Schuld vervallen sinds 15 april 2026" in dutch and "Dette échue" not in dutch
    # Its legal basis too, in the page's language (Dutch writes no space before ";").
    assert "Wet van 12 augustus 2000, art. 186 e.v.; hoofdelijkheid" in dutch
    client.get("/langue/en")
    jobs = client.get("/gestion/taches").get_data(as_text=True)
    assert "Debt overdue since 15 April 2026" in jobs
    # The notifications' table says what its columns hold: a date, a rule, a message.
    assert '<th scope="col">Rule</th><th scope="col">Message</th>' in jobs
