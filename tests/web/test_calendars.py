"""Schedules that leave Mutua: the feeds at their secret links (made, read, revoked,
scoped to one worker or member of one GE), parsed back with icalendar against the
planning they come from, and the month PDFs for staff and members."""

import io
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pypdf
import pytest
import time_machine
from flask import Flask
from flask.testing import FlaskClient
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.calendar import BRUSSELS
from app.auth import Principal
from app.db import db
from app.demo import ADMIN_EMAIL, MEMBERS
from app.errors import NotFound
from app.models import AuditEvent, CalendarFeed, Groupement, Member, Worker
from app.models.enums import Role
from app.services import calendars
from app.services.compliance import load_snapshot
from app.services.writes import UnguardedWrite
from legal_rules.shifts import planned_shifts
from tests.conftest import World
from tests.factories import contract_of
from tests.helpers import arranging, csrf_token, signed_in

MAROLLES, CYCLO, BUURTHUIS = (member[0] for member in MEMBERS[:3])
# Monday 7 December 2026, 10:00 in Brussels: feeds cover 1 November 2026 to 31 March 2027.
TODAY = datetime(2026, 12, 7, 10, tzinfo=BRUSSELS)
FIRST, LAST = date(2026, 11, 1), date(2027, 3, 31)


@pytest.fixture(autouse=True)
def _in_december(connection: Any) -> Iterator[None]:
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def session(connection: Any) -> Session:
    """The suite's session, without an app context held open (unlike conftest's): each
    request then has its own, and its ``g`` (CSRF token, caller), as in production. What
    a test writes here it commits (a savepoint of the test's rolled-back transaction)."""
    return db.session()


def _made(client: FlaskClient, page: str, **fields: Any) -> str:
    """Make a link on ``page``; the link it shows once."""
    response = client.post(
        page, data={"action": "create", "csrf_token": csrf_token(client, page), **fields}
    )
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    found = re.search(r'id="new-feed-url" readonly value="([^"]+)"', response.get_data(True))
    assert found, "the new link is shown"
    return found.group(1).removeprefix("http://localhost")


def _revoke(client: FlaskClient, page: str, feed_id: int) -> Any:
    token = csrf_token(client, page)
    return client.post(page, data={"action": "revoke", "feed": feed_id, "csrf_token": token})


def _events(client: FlaskClient, url: str) -> list[Any]:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    return list(Calendar.from_ical(response.data).walk("VEVENT"))


def _minutes(event: Any) -> int:
    return (event.decoded("DTEND") - event.decoded("DTSTART")) // timedelta(minutes=1)


def _member_id(session: Session, world: World, name: str) -> int:
    return world.member_ids_a[[member[0] for member in MEMBERS].index(name)]


def _planned(session: Session, ge: int) -> list[Any]:
    groupement = session.get_one(Groupement, ge)
    return planned_shifts(load_snapshot(session, groupement, FIRST, LAST), FIRST, LAST)


@pytest.fixture
def night_worker(session: Session, world: World) -> int:
    """Nadia Nuit, every Monday 22:00 to Tuesday 06:00 at the Marolles from November."""
    from app.models import Assignment, Slot

    marolles = _member_id(session, world, MAROLLES)
    with arranging(session, world.ge_a):
        worker = Worker(groupement_id=world.ge_a, first_name="Nadia", last_name="Nuit")
        session.add(worker)
        session.flush()
        contract = contract_of(world.ge_a, worker.id, starts_on=date(2026, 11, 1))
        session.add(contract)
        session.flush()
        session.add(
            Assignment(
                groupement_id=world.ge_a,
                contract_id=contract.id,
                member_id=marolles,
                starts_on=date(2026, 11, 1),
                slots=[
                    Slot(groupement_id=world.ge_a, weekday=0, starts_at=time(22), ends_at=time(6))
                ],
            )
        )
    session.commit()
    return worker.id


def test_a_members_feed_gives_the_hours_of_its_planning_night_shift_included(
    app: Flask, session: Session, world: World, night_worker: int
) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    marolles = _member_id(session, world, MAROLLES)
    url = _made(admin, "/gestion/calendriers", kind="member", ident=marolles)
    assert re.fullmatch(r"/calendrier/cal_[\w-]{43}\.ics", url)
    events = _events(app.test_client(), url)  # no sign-in: the link is the key

    got: dict[date, int] = defaultdict(int)
    for event in events:
        got[event.decoded("DTSTART").date()] += _minutes(event)
    want: dict[date, int] = defaultdict(int)
    for shift in _planned(session, world.ge_a):
        if shift.member_id == marolles:
            want[shift.day] += shift.minutes
    assert got == want and sum(want.values()) > 0

    nights = [e for e in events if str(e["SUMMARY"]) == "Nadia Nuit (mise à disposition)"]
    assert nights and all(e.decoded("DTSTART").weekday() == 0 for e in nights)
    monday = next(e for e in nights if e.decoded("DTSTART").date() == date(2026, 12, 7))
    assert monday.decoded("DTSTART") == datetime(2026, 12, 7, 22, tzinfo=BRUSSELS)
    assert monday.decoded("DTEND") == datetime(2026, 12, 8, 6, tzinfo=BRUSSELS)
    assert not [
        e
        for e in events
        if e.decoded("DTSTART").date() == date(2026, 12, 8) and e.decoded("DTSTART").hour == 0
    ]  # one event, not two halves
    # Christmas is a Friday off: nobody is planned at the Marolles that day.
    assert date(2026, 12, 25) not in got


def test_a_workers_feed_gives_each_members_hours_of_the_planning(
    app: Flask, session: Session, world: World
) -> None:
    sophie = session.scalars(select(Worker).where(Worker.first_name == "Sophie")).one()
    admin = signed_in(app, ADMIN_EMAIL)
    events = _events(
        app.test_client(), _made(admin, "/gestion/calendriers", kind="worker", ident=sophie.id)
    )
    got: dict[tuple[date, str], int] = defaultdict(int)
    for event in events:
        got[(event.decoded("DTSTART").date(), str(event["SUMMARY"]))] += _minutes(event)
    names = {m: name for m, name in zip(world.member_ids_a, (m[0] for m in MEMBERS), strict=True)}
    want: dict[tuple[date, str], int] = defaultdict(int)
    for shift in _planned(session, world.ge_a):
        if shift.worker_id == sophie.id:
            want[(shift.day, f"Travail chez {names[shift.member_id]}")] += shift.minutes
    assert got == want and want
    # Where she goes: the member's address.
    assert all(str(e["LOCATION"]).count(",") >= 2 for e in events)


def test_a_members_feed_names_only_the_workers_who_come_there(
    app: Flask, session: Session, world: World
) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    buurthuis = _member_id(session, world, BUURTHUIS)
    response = app.test_client().get(
        _made(admin, "/gestion/calendriers", kind="member", ident=buurthuis)
    )
    text = response.get_data(as_text=True)
    workers = {
        f"{w.first_name} {w.last_name}"
        for w in session.scalars(select(Worker).where(Worker.groupement_id == world.ge_a))
    }
    coming = {s.worker_id for s in _planned(session, world.ge_a) if s.member_id == buurthuis}
    names = {
        f"{w.first_name} {w.last_name}"
        for w in session.scalars(select(Worker).where(Worker.id.in_(coming)))
    }
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.data).walk("VEVENT")}
    # Buurthuis reads Dutch: its feed speaks it.
    assert summaries == {f"{name} (terbeschikkingstelling)" for name in names}
    assert not [name for name in workers - names if name in text]
    assert not [other for other in (MAROLLES, CYCLO) if other in text]


def test_a_revoked_or_unknown_link_is_not_found(app: Flask, session: Session, world: World) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    cyclo = _member_id(session, world, CYCLO)
    url = _made(admin, "/gestion/calendriers", kind="member", ident=cyclo)
    reader = app.test_client()
    assert reader.get(url).status_code == 200
    (feed,) = calendars.live_feeds(session, world.ge_a, cyclo)
    assert _revoke(admin, "/gestion/calendriers", feed.id).status_code == 200
    assert reader.get(url).status_code == 404
    assert reader.get(url.replace("cal_", "cal_x")).status_code == 404
    assert reader.get("/calendrier/anything.ics").status_code == 404
    # A revoked link is not revoked twice.
    assert _revoke(admin, "/gestion/calendriers", feed.id).status_code == 404


def test_only_the_tokens_hash_is_kept_and_making_a_link_is_audited(
    app: Flask, session: Session, world: World
) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    url = _made(admin, "/gestion/calendriers", kind="member", ident=world.member_ids_a[0])
    token = url.removeprefix("/calendrier/").removesuffix(".ics")
    (feed,) = calendars.live_feeds(session, world.ge_a, world.member_ids_a[0])
    assert token not in feed.token_hash and len(feed.token_hash) == 64
    assert token.startswith(feed.prefix)
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.entity == "calendar_feeds", AuditEvent.entity_id == feed.id
        )
    ).one()
    assert event.after["token_hash"] == "***"


def test_a_feed_is_written_only_through_the_guarded_path(session: Session, world: World) -> None:
    session.add(
        CalendarFeed(
            groupement_id=world.ge_a,
            member_id=world.member_ids_a[0],
            token_hash="0" * 64,
            prefix="cal_0",
        )
    )
    with pytest.raises(UnguardedWrite):
        session.flush()
    session.rollback()


def test_a_link_of_one_ge_never_shows_another_ges_calendar(
    app: Flask, session: Session, world: World
) -> None:
    admin_a = signed_in(app, ADMIN_EMAIL)
    admin_b = signed_in(app, "admin@ge-b.example", "secret-b")
    member_b = session.scalars(select(Member.id).where(Member.groupement_id == world.ge_b)).one()
    url_b = _made(admin_b, "/gestion/calendriers", kind="member", ident=member_b)
    url_a = _made(admin_a, "/gestion/calendriers", kind="member", ident=world.member_ids_a[0])
    reader = app.test_client()
    text_b = reader.get(url_b).get_data(as_text=True)
    text_a = reader.get(url_a).get_data(as_text=True)
    assert "Jean Martin" in text_b and "Jean Martin" not in text_a
    assert "Sophie Lambert" not in text_b and MAROLLES not in text_b
    # GE A can neither make a link to GE B's member nor revoke GE B's link.
    page = "/gestion/calendriers"
    made = admin_a.post(
        page,
        data={
            "action": "create",
            "kind": "member",
            "ident": member_b,
            "csrf_token": csrf_token(admin_a, page),
        },
    )
    assert made.status_code == 404
    (feed_b,) = calendars.live_feeds(session, world.ge_b)
    assert _revoke(admin_a, page, feed_b.id).status_code == 404
    assert reader.get(url_b).status_code == 200


def test_a_member_user_makes_and_revokes_its_own_link_only(
    app: Flask, session: Session, world: World
) -> None:
    marolles, cyclo = world.member_ids_a[0], world.member_ids_a[1]
    member = signed_in(app, MEMBERS[0][-1])
    page = "/membre/calendrier"
    own = _made(member, page)
    assert app.test_client().get(own).status_code == 200
    (feed,) = calendars.live_feeds(session, world.ge_a, marolles)

    # Another member's link: not found, to make or to revoke.
    admin = signed_in(app, ADMIN_EMAIL)
    other = _made(admin, "/gestion/calendriers", kind="member", ident=cyclo)
    (other_feed,) = calendars.live_feeds(session, world.ge_a, cyclo)
    assert _revoke(member, page, other_feed.id).status_code == 404
    assert app.test_client().get(other).status_code == 200
    staff_page = member.post(
        "/gestion/calendriers",
        data={
            "action": "create",
            "kind": "member",
            "ident": cyclo,
            "csrf_token": csrf_token(member, page),
        },
    )
    assert staff_page.status_code == 404
    principal = Principal(0, world.ge_a, Role.MEMBER, marolles)
    with pytest.raises(NotFound):
        calendars.create_feed(principal, "member", cyclo)
    with pytest.raises(NotFound):
        calendars.create_feed(principal, "worker", 1)

    assert _revoke(member, page, feed.id).status_code == 200
    assert app.test_client().get(own).status_code == 404


def _pdf_text(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_the_month_pdfs_for_staff_and_members_in_the_readers_language(
    app: Flask, session: Session, world: World
) -> None:
    sophie = session.scalars(select(Worker).where(Worker.first_name == "Sophie")).one()
    admin = signed_in(app, ADMIN_EMAIL)
    worker_pdf = admin.get(f"/gestion/calendriers/travailleurs/{sophie.id}.pdf?mois=2026-12")
    assert (
        worker_pdf.headers["Content-Disposition"] == 'attachment; filename="planning-2026-12.pdf"'
    )
    text = _pdf_text(worker_pdf.data)
    assert "Horaire de Sophie Lambert — décembre 2026" in text
    assert "Jour férié" in text  # Christmas

    planned = sum(
        s.minutes
        for s in _planned(session, world.ge_a)
        if s.worker_id == sophie.id and s.day.month == 12 and s.day.year == 2026
    )
    whole, rest = divmod(planned, 60)
    assert (f"{whole} h {rest:02d}" if rest else f"{whole} h") in text

    dutch = signed_in(app, MEMBERS[2][-1])  # Buurthuis reads Dutch
    member_pdf = dutch.get("/membre/calendrier.pdf?mois=2026-12")
    text = _pdf_text(member_pdf.data)
    assert "Planning van Buurthuis Ribaucourt vzw — december 2026" in text
    assert MAROLLES not in text and CYCLO not in text
    assert dutch.get(f"/gestion/calendriers/membres/{world.member_ids_a[0]}.pdf").status_code == 404


def test_the_member_page_shows_who_comes_when_and_nothing_of_other_members(
    app: Flask, session: Session, world: World
) -> None:
    member = signed_in(app, MEMBERS[0][-1])
    page = member.get("/membre/calendrier?mois=2026-12").get_data(as_text=True)
    coming = {
        s.worker_id for s in _planned(session, world.ge_a) if s.member_id == world.member_ids_a[0]
    }
    names = [
        f"{w.first_name} {w.last_name}"
        for w in session.scalars(select(Worker).where(Worker.id.in_(coming)))
    ]
    assert names and all(name in page for name in names)
    assert not [other for other, *_ in MEMBERS[1:] if other in page]
    assert "01/11/2026" in page and "31/03/2027" in page  # the feed's days, said
    ics = member.get("/membre/calendrier.ics")
    assert ics.status_code == 200 and b"BEGIN:VTIMEZONE" in ics.data
    hours = Decimal(sum(_minutes(e) for e in Calendar.from_ical(ics.data).walk("VEVENT"))) / 60
    assert hours > 0


def test_a_rotating_workers_feed_gives_the_hours_of_the_board_week_by_week(
    app: Flask, session: Session, world: World
) -> None:
    """Rita Rotation, a two-week cycle from Monday 7 December: week 1 at the Marolles
    (Monday 09:00-17:00), week 2 at Cyclo (Tuesday 08:00-12:00 and 22:00-06:00). Her
    feed, parsed back, gives each day the minutes the planning board shows for her, over
    the weeks of 7, 14, 21 and 28 December."""
    from app.models import Assignment, Slot
    from app.services import board

    marolles, cyclo = (_member_id(session, world, name) for name in (MAROLLES, CYCLO))
    anchor = date(2026, 12, 7)
    with arranging(session, world.ge_a):
        worker = Worker(groupement_id=world.ge_a, first_name="Rita", last_name="Rotation")
        session.add(worker)
        session.flush()
        contract = contract_of(world.ge_a, worker.id, starts_on=anchor)
        session.add(contract)
        session.flush()
        for member, slots in (
            (marolles, [(1, 0, time(9), time(17))]),
            (cyclo, [(2, 1, time(8), time(12)), (2, 1, time(22), time(6))]),
        ):
            session.add(
                Assignment(
                    groupement_id=world.ge_a,
                    contract_id=contract.id,
                    member_id=member,
                    starts_on=anchor,
                    cycle_weeks=2,
                    cycle_anchor=anchor,
                    slots=[
                        Slot(groupement_id=world.ge_a, week=w, weekday=d, starts_at=s, ends_at=e)
                        for w, d, s, e in slots
                    ],
                )
            )
    session.commit()
    admin = signed_in(app, ADMIN_EMAIL)
    events = _events(
        app.test_client(), _made(admin, "/gestion/calendriers", kind="worker", ident=worker.id)
    )
    feed: dict[date, int] = defaultdict(int)
    for event in events:
        feed[event.decoded("DTSTART").date()] += _minutes(event)
    groupement = session.get_one(Groupement, world.ge_a)
    shown: dict[date, int] = defaultdict(int)
    for monday in (anchor + timedelta(weeks=n) for n in range(4)):
        week = board.week(session, groupement, monday)
        (row,) = [row for row in week.rows if row.id == worker.id]
        for day, cell in zip(week.days, row.cells, strict=True):
            shown[day.day] += sum(block.minutes for block in cell.blocks)
    in_december = {day: minutes for day, minutes in feed.items() if day.month == 12}
    assert in_december == {day: minutes for day, minutes in shown.items() if minutes}
    # Week 1 Mondays at the Marolles, week 2 Tuesdays at Cyclo (a night shift included).
    assert in_december == {
        date(2026, 12, 7): 480,
        date(2026, 12, 15): 240 + 480,
        date(2026, 12, 21): 480,
        date(2026, 12, 29): 240 + 480,
    }


def test_a_feed_id_that_is_not_a_number_is_refused_not_a_crash(app: Flask) -> None:
    """ "²" is a digit to Python's str.isdigit, not to int(): a clear 400, never a 500."""
    member = signed_in(app, MEMBERS[2][-1])
    token = csrf_token(member, "/membre/calendrier")
    for feed in ("²", "٣", "abc"):
        response = member.post(
            "/membre/calendrier", data={"action": "revoke", "feed": feed, "csrf_token": token}
        )
        assert response.status_code == 400, feed
