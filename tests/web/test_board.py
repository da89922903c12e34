"""The planning board: the demo's weeks as the administrator reads them, by worker and by
member, and as a member user reads its own; another GE's records never on it."""

import re
from datetime import date, time, timedelta
from decimal import Decimal
from typing import Any

import lxml.html
import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation import calendar
from app.demo import ADMIN_EMAIL, MEMBERS
from app.models import Assignment, DayEntry, Groupement, Member, Slot, Worker
from app.models.enums import DayEntryKind
from app.services import board
from tests.conftest import World
from tests.factories import contract_of
from tests.helpers import arranging, signed_in

BUURTHUIS_LOGIN = MEMBERS[2][-1]  # Buurthuis Ribaucourt vzw, which reads Dutch


@pytest.fixture(autouse=True)
def _rolled_back(connection: Any) -> None:
    """Every test here runs in the suite's rolled-back transaction."""


def grid(html: str) -> dict[str, Any]:
    """The board as text: its heading, its days' headers, and each row's cells by the
    row's name (a worker or a member), whitespace collapsed."""
    tree = lxml.html.fromstring(html)
    for br in tree.iter("br"):  # a line break reads as a space
        br.tail = " " + (br.tail or "")

    def text(node: Any) -> str:
        # Collapse the markup's white space, not the no-break spaces of a figure.
        return re.sub(r"[ \t\r\n]+", " ", node.text_content()).strip()

    rows = {
        text(tr.xpath("th")[0]): [text(td) for td in tr.xpath("td")]
        for tr in tree.xpath("//table[@class='board']/tbody/tr[th]")
    }
    return {
        "heading": text(tree.xpath("//h1")[0]),
        "days": [text(th) for th in tree.xpath("//table[@class='board']/thead//th")][1:8],
        "rows": rows,
        "legend": [text(li) for li in tree.xpath("//ul[@class='legend']/li")],
        "footer": [text(td) for td in tree.xpath("//table[@class='board']/tfoot//td")],
    }


def page(client: Any, path: str) -> dict[str, Any]:
    response = client.get(path)
    assert response.status_code == 200, path
    return grid(response.get_data(as_text=True))


def test_a_week_shows_each_worker_where_and_when_with_the_hours(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    week = page(admin, "/gestion/planning?semaine=2026-W47")
    assert week["heading"] == "Planning — semaine 47, du 16/11/2026 au 22/11/2026"
    assert week["days"][0] == "lundi 16/11/2026" and week["days"][6] == "dimanche 22/11/2026"
    sophie = week["rows"]["Sophie Lambert"]
    assert sophie[0] == "Maison de Quartier des Marolles ASBL 08:30–12:30 13:00–16:36 7\xa0h\xa036"
    assert sophie[2] == "Atelier Vélo Cyclo Schaerbeek ASBL 08:30–12:30 13:00–16:36 7\xa0h\xa036"
    assert sophie[5] == sophie[6] == ""
    assert sophie[7] == "38\xa0h"  # the week's total
    # Day entries: Marie's sickness, Karim's extra hours (with the member they are at).
    assert week["rows"]["Marie Dubois"][0] == (
        "Buurthuis Ribaucourt vzw 09:00–12:30 13:00–16:00 6\xa0h\xa030 Maladie : 6\xa0h\xa030"
    )
    # With them, his day is 8 h 30: WT-DAY-8H's warning sits on the block.
    assert week["rows"]["Karim El Amrani"][1] == (
        "Atelier Vélo Cyclo Schaerbeek ASBL 09:00–12:00 12:30–15:30 6\xa0h WT-DAY-8H "
        "Heures supplémentaires : 2\xa0h\xa030"
    )
    # Every worker under contract, by last name; the four members in the legend.
    assert list(week["rows"])[:3] == ["Fatima Benali", "Marie Dubois", "Karim El Amrani"]
    assert len(week["rows"]) == 8
    assert sorted(week["legend"]) == sorted(m[0] for m in MEMBERS)
    assert week["footer"][-1] == "213\xa0h\xa018"


def test_public_holidays_and_replacement_days_are_shown_and_left_unplanned(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    armistice = page(admin, "/gestion/planning?semaine=2026-W46")  # 11 November, a Wednesday
    assert armistice["days"][2] == "mercredi 11/11/2026 Jour férié"
    assert all(cells[2] == "" for cells in armistice["rows"].values())
    assert armistice["rows"]["Fatima Benali"][7] == "28\xa0h\xa030"  # 38.5 less Wednesday's 7
    # 1 November 2026 is a Sunday: the demo GE grants Monday 2 November instead.
    replaced = page(admin, "/gestion/planning?semaine=2026-W45")
    assert replaced["days"][0] == "lundi 02/11/2026 Remplace le jour férié du 01/11/2026"
    assert all(cells[0] == "" for cells in replaced["rows"].values())
    assert replaced["days"][4] == "vendredi 06/11/2026"


def test_a_night_shift_is_shown_on_the_day_it_starts(app: Flask, session: Session) -> None:
    ge = session.scalars(select(Groupement).where(Groupement.name.like("GE Bruxelles%"))).one()
    member = session.scalars(select(Member).where(Member.groupement_id == ge.id)).first()
    assert member is not None
    with arranging(session, ge.id):
        worker = Worker(groupement_id=ge.id, first_name="Nora", last_name="Nachtegaele")
        session.add(worker)
        session.flush()
        contract = contract_of(ge.id, worker.id)
        session.add(contract)
        session.flush()
        session.add(
            Assignment(
                groupement_id=ge.id,
                contract_id=contract.id,
                member_id=member.id,
                starts_on=date(2026, 1, 1),
                slots=[Slot(groupement_id=ge.id, weekday=6, starts_at=time(22), ends_at=time(6))],
            )
        )
        # A day entry at no member: shown on its own, under the worker's day.
        session.add(
            DayEntry(
                groupement_id=ge.id,
                worker_id=worker.id,
                day=date(2026, 11, 16),
                hours=Decimal(2),
                kind=DayEntryKind.TRAINING,
            )
        )
    session.commit()
    built = board.week(session, ge, date(2026, 11, 16))
    nora = next(row for row in built.rows if row.name == "Nora Nachtegaele")
    (block,) = nora.cells[6].blocks
    assert block.minutes == 480 and block.spans[0].next_day
    assert not any(cell.blocks for cell in nora.cells[:6])
    # One client: the session fixture keeps an app context (and its ``g``) open.
    admin = signed_in(app, ADMIN_EMAIL)
    week = page(admin, "/gestion/planning?semaine=2026-W47")
    # WT-NIGHT's warning sits on the block it is about, and is said under the board.
    night = week["rows"]["Nora Nachtegaele"][6]
    assert night.startswith(f"{member.name} 22:00–06:00 (lendemain) 8\xa0h ")
    assert {"WT-NIGHT", "WT-SUNDAY", "WT-BREAK-6H"} <= set(night.split())
    html = admin.get("/gestion/planning?semaine=2026-W47").get_data(as_text=True)
    tree = lxml.html.fromstring(html)
    (marker,) = tree.xpath("//span[contains(@class, 'finding')][text()='WT-NIGHT']")
    assert "warning" in marker.get("class") and "Nora Nachtegaele" in marker.get("title")
    said = [li.text_content() for li in tree.xpath("//section[@class='board-findings']//li")]
    assert any(line.startswith("WT-NIGHT — ") and "Nora Nachtegaele" in line for line in said)
    assert week["rows"]["Nora Nachtegaele"][0] == "Formation : 2\xa0h"
    by_member = page(admin, "/gestion/planning?semaine=2026-W47&vue=membres")
    assert "Nora Nachtegaele 22:00–06:00 (lendemain) 8\xa0h" in by_member["rows"][member.name][6]
    assert "Formation" not in " ".join(by_member["rows"][member.name])


def test_the_view_by_member_says_who_comes_when(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    week = page(admin, "/gestion/planning?semaine=2026-W47&vue=membres")
    assert list(week["rows"]) == sorted(m[0] for m in MEMBERS)
    buurthuis = week["rows"]["Buurthuis Ribaucourt vzw"]
    assert buurthuis[0] == (
        "Camille Laurent 08:30–12:30 13:00–17:00 8\xa0h "
        "Marie Dubois 09:00–12:30 13:00–16:00 6\xa0h\xa030 Maladie : 6\xa0h\xa030"
    )
    assert buurthuis[7] == "58\xa0h\xa012"
    assert week["rows"]["Atelier Vélo Cyclo Schaerbeek ASBL"][1].startswith("Thomas Janssens")


def test_a_member_sees_who_comes_to_it_and_nothing_of_the_others(app: Flask) -> None:
    member = signed_in(app, BUURTHUIS_LOGIN)
    response = member.get("/membre/planning?semaine=2026-W47&vue=travailleurs")
    html = response.get_data(as_text=True)
    week = grid(html)
    assert week["heading"] == "Planning — week 47, van 16/11/2026 tot 22/11/2026"
    assert list(week["rows"]) == ["Buurthuis Ribaucourt vzw"]
    assert week["legend"] == ["Buurthuis Ribaucourt vzw"]
    monday, tuesday, wednesday, *_ = week["rows"]["Buurthuis Ribaucourt vzw"]
    assert monday.startswith("Camille Laurent 08:30–12:30 13:00–17:00 8\xa0u Marie Dubois")
    assert "Ziekte" in monday
    assert wednesday.startswith("Karim El Amrani 09:00–12:00 12:30–15:30 6\xa0u")
    # Nothing of another member: no name, no worker placed only elsewhere, no day there.
    for elsewhere in ("Marolles", "Cyclo", "Saint-Gilles", "Thomas Janssens", "Lucas Peeters"):
        assert elsewhere not in html, elsewhere
    assert "Overuren" not in html  # Karim's extra hours were at Cyclo
    assert "7\xa0u\xa036" not in monday + tuesday  # Sophie's Monday and Tuesday at Marolles
    # Its own board only: the staff's is a 404, and a member's page is not the staff's.
    assert member.get("/gestion/planning?semaine=2026-W47").status_code == 404
    assert signed_in(app, ADMIN_EMAIL).get("/membre/planning").status_code == 404
    assert 'href="/membre/planning"' in html


def test_another_groupements_schedule_never_appears(app: Flask, world: World) -> None:
    admin_a = signed_in(app, ADMIN_EMAIL)
    admin_b = signed_in(app, "admin@ge-b.example", "secret-b")
    for view in ("", "&vue=membres"):
        a = admin_a.get(f"/gestion/planning?semaine=2026-W46{view}").get_data(as_text=True)
        b = admin_b.get(f"/gestion/planning?semaine=2026-W46{view}").get_data(as_text=True)
        assert "Jean Martin" not in a and "Outremeuse" not in a
        assert "Jean Martin" in b and "Outremeuse" in b
        for name in ("Sophie Lambert", "Marolles", "Buurthuis"):
            assert name not in b
    # GE B's replacement day (Friday 13 November) is its own: not a day off for GE A.
    a_week = grid(admin_a.get("/gestion/planning?semaine=2026-W46").get_data(as_text=True))
    b_week = grid(admin_b.get("/gestion/planning?semaine=2026-W46").get_data(as_text=True))
    assert a_week["days"][4] == "vendredi 13/11/2026"
    assert b_week["days"][4] == "vendredi 13/11/2026 Remplace le jour férié du 01/11/2026"
    # GE B records no authorisation: GE-AUTH-01 on its own board, never on GE A's.
    assert b_week["rows"]["Jean Martin"][0] == (
        "Régie de Quartier Outremeuse ASBL 09:00–12:48 3\xa0h\xa048 GE-AUTH-01"
    )
    assert "GE-AUTH-01" not in a_week["rows"]["Sophie Lambert"][0]


def test_the_week_defaults_to_this_week_and_its_links_move_by_one(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    today = calendar.today()
    monday = today - timedelta(days=today.weekday())
    this_week = board.week_of(monday)
    for asked in ("", "?semaine=2026-W99", "?semaine=1899-W52", "?semaine=mai"):
        html = admin.get(f"/gestion/planning{asked}").get_data(as_text=True)
        assert f'value="{this_week}"' in html, asked
    html = admin.get("/gestion/planning?semaine=2026-W01&vue=membres").get_data(as_text=True)
    assert 'href="/gestion/planning?semaine=2025-W52&amp;vue=membres" rel="prev"' in html
    assert 'href="/gestion/planning?semaine=2026-W02&amp;vue=membres" rel="next"' in html
    # A month back and a month on: the weeks of their first Thursday (ISO: 2026-W01 is
    # January's, so December 2025's first week is W49 and February's W06).
    assert (
        'href="/gestion/planning?semaine=2025-W49&amp;vue=membres" rel="prev">← décembre 2025'
        in html
    )
    assert (
        'href="/gestion/planning?semaine=2026-W06&amp;vue=membres" rel="next">février 2026 →'
        in html
    )
    # The first week records can concern has no week before it.
    html = admin.get("/gestion/planning?semaine=1900-W01").get_data(as_text=True)
    assert 'rel="prev"' not in html and 'rel="next"' in html
    assert 'href="/gestion/planning"' in admin.get("/gestion/").get_data(as_text=True)


def test_iso_weeks_are_read_and_written_alike() -> None:
    assert board.monday_of_week("2026-W20") == date(2026, 5, 11)
    # 2026 starts on a Thursday: it has 53 weeks, and 1 January 2027 is in its last.
    assert board.monday_of_week("2026-W53") == date(2026, 12, 28)
    assert board.week_of(date(2027, 1, 1)) == "2026-W53"
    assert board.monday_of_week("2025-W53") is None
    assert board.monday_of_week("2026-w20") is None
    assert board.monday_of_week(None) is None
    assert board.monday_of_week("2199-W52") == date(2199, 12, 23)
    assert board.monday_of_week("2200-W01") is None


def test_a_member_keeps_its_colour_whatever_the_week_or_the_view() -> None:
    assert board.colours([7, 3, 12]) == {3: 0, 7: 1, 12: 2}
    palette = board.colours(range(1, board.PALETTE_SIZE + 2))
    assert palette[1] == palette[board.PALETTE_SIZE + 1] == 0


def test_a_finding_marks_the_blocks_it_is_about_and_no_other(app: Flask, session: Session) -> None:
    """Week 2026-W50. Zoé works 9 h 30 on Monday and Friday (WT-DAY-MAX, one finding
    dated Monday to Friday) and 3 h on Wednesday: Wednesday's block carries nothing.
    Rita stops at 22:00 on Monday at member A and starts at 06:00 on Tuesday at B (8 h
    of rest), then works 15:00-18:00 at C: WT-REST-11H is on B's block only."""
    ge = session.scalars(select(Groupement).where(Groupement.name.like("GE Bruxelles%"))).one()
    a, b, c = session.scalars(
        select(Member).where(Member.groupement_id == ge.id).order_by(Member.id)
    ).all()[:3]

    def slot(day: int, start: time, end: time) -> Slot:
        return Slot(groupement_id=ge.id, weekday=day, starts_at=start, ends_at=end)

    with arranging(session, ge.id):
        zoe = Worker(groupement_id=ge.id, first_name="Zoé", last_name="Zonder")
        rita = Worker(groupement_id=ge.id, first_name="Rita", last_name="Rust")
        session.add_all([zoe, rita])
        session.flush()
        zoes, ritas = contract_of(ge.id, zoe.id), contract_of(ge.id, rita.id)
        session.add_all([zoes, ritas])
        session.flush()
        for contract, member, slots in (
            (zoes, a, [slot(0, time(8), time(17, 30)), slot(2, time(9), time(12))]),
            (zoes, b, [slot(4, time(8), time(17, 30))]),
            (ritas, a, [slot(0, time(14), time(22))]),
            (ritas, b, [slot(1, time(6), time(10))]),
            (ritas, c, [slot(1, time(15), time(18))]),
        ):
            session.add(
                Assignment(
                    groupement_id=ge.id,
                    contract_id=contract.id,
                    member_id=member.id,
                    starts_on=date(2026, 1, 1),
                    slots=slots,
                )
            )
    session.commit()
    built = board.week(session, ge, date(2026, 12, 7), with_findings=True)

    def marks(worker: Worker) -> list[tuple[int, int, set[str]]]:
        (row,) = [row for row in built.rows if row.id == worker.id]
        return [
            (index, block.member_id, {f.rule_id for f in built.findings_on(block, day.day)})
            for index, (day, cell) in enumerate(zip(built.days, row.cells, strict=True))
            for block in cell.blocks
        ]

    zoe_marks = {index: rules for index, _member, rules in marks(zoe)}
    assert "WT-DAY-MAX" in zoe_marks[0] and "WT-DAY-MAX" in zoe_marks[4]
    assert "WT-DAY-MAX" not in zoe_marks[2]
    rest = {(index, member) for index, member, rules in marks(rita) if "WT-REST-11H" in rules}
    assert rest == {(1, b.id)}
