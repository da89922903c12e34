"""The schedule editor of a worker's page with Flask's test client, JavaScript off: blocks
of a start and an end, a cycle of weeks, the buttons that change the form without saving,
refusals on their block, forged names, and "copy this worker's pattern to …"."""

import re
from datetime import date
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.demo import ADMIN_EMAIL
from app.models import Assignment, Contract, Member, Worker
from tests.conftest import World
from tests.helpers import csrf_token, signed_in
from tests.web.test_pages import _maries_week, state


@pytest.fixture(autouse=True)
def _rolled_back(connection: Any) -> None:
    """Every test here runs in the suite's rolled-back transaction."""


def _members(app: Flask) -> list[int]:
    with app.app_context():
        return list(db.session().scalars(select(Member.id).order_by(Member.name)))


def _post(admin: Any, path: str, contract_id: str, **fields: str) -> str:
    data = {"form": "schedule", "contract_id": contract_id, "starts_on": "2026-12-07"} | fields
    data["csrf_token"] = csrf_token(admin, path)
    return str(admin.post(path, data=data).get_data(as_text=True))


def test_a_two_week_cycle_is_saved_through_the_form(app: Flask) -> None:
    """Week 1 at one member, week 2 at another: one assignment each, both on a cycle of
    two weeks anchored on the day given, each block in its week."""
    admin, path, contract_id, first = _maries_week(app)
    second = next(m for m in _members(app) if str(m) != first)
    blocks = {
        f"b-{week}-{member}-{weekday}-0-{part}": time
        for week, member in ((1, first), (2, second))
        for weekday in range(4)
        for part, time in (("start", "09:00"), ("end", "13:45"))
    }  # 19 h a week, Monday to Thursday: week 1 at one member, week 2 at the other
    saved = _post(admin, path, contract_id, cycle_weeks="2", cycle_anchor="2026-12-07", **blocks)
    assert "Enregistré." in saved, saved[:3000]
    with app.app_context():
        rows = db.session().scalars(
            select(Assignment).where(
                Assignment.contract_id == int(contract_id),
                Assignment.starts_on == date(2026, 12, 7),
            )
        )
        placed = {
            (a.member_id, a.cycle_weeks, str(a.cycle_anchor), s.week) for a in rows for s in a.slots
        }
    assert placed == {(int(first), 2, "2026-12-07", 1), (second, 2, "2026-12-07", 2)}
    page = admin.get(path).get_data(as_text=True)
    assert '<option value="2" selected>' in page
    assert f'name="b-2-{second}-1-0-start" value="09:00"' in page
    assert "Semaine 2" in page and "moyenne d&#39;un cycle de 2 semaines" in page


def test_a_refused_block_is_marked_and_the_typed_blocks_stay(app: Flask) -> None:
    """Two blocks of one Monday that overlap: nothing saved, both blocks marked invalid with
    the reason beside them, every block as typed, the other blocks too."""
    admin, path, contract_id, member = _maries_week(app)
    before = state(app)
    refused = _post(
        admin,
        path,
        contract_id,
        **{
            f"b-1-{member}-0-0-start": "09:00",
            f"b-1-{member}-0-0-end": "12:00",
            f"b-1-{member}-0-1-start": "11:00",
            f"b-1-{member}-0-1-end": "13:00",
            f"b-1-{member}-3-0-start": "08:00",
            f"b-1-{member}-3-0-end": "",
        },
    )
    assert state(app) == before
    assert "Refusé : rien n&#39;a été enregistré." in refused
    for n in (0, 1):
        name = f"b-1-{member}-0-{n}"
        assert re.search(rf'name="{name}-start" value="[0-9:]+"[^>]*aria-invalid="true"', refused)
        assert (
            f'<span class="error" id="{name}-e">Deux plages se chevauchent '
            "(09:00–12:00 et 11:00–13:00)." in refused
        )
    assert f'id="b-1-{member}-3-0-e">Indiquez le début et la fin de cette plage.' in refused
    assert f'name="b-1-{member}-0-1-end" value="13:00"' in refused


def test_a_block_outside_the_cycle_or_without_length_is_refused_on_it(app: Flask) -> None:
    admin, path, contract_id, member = _maries_week(app)
    before = state(app)
    refused = _post(
        admin,
        path,
        contract_id,
        **{
            f"b-1-{member}-0-0-start": "09:00",
            f"b-1-{member}-0-0-end": "09:00",
            f"b-2-{member}-0-0-start": "09:00",
            f"b-2-{member}-0-0-end": "12:00",
        },
    )
    assert state(app) == before
    assert f'id="b-1-{member}-0-0-e">' in refused
    # Week 2 is not shown in a weekly schedule: its block is refused, not saved silently.
    assert "Refusé" in refused


@pytest.mark.parametrize(
    "forged",
    ["b-1-x-0-0-start", "b-9-1-0-0-start", "b-1-1-7-0-end", "b-1-1-0-0-middle", "cell-1-0"],
)
def test_a_forged_block_name_is_refused(app: Flask, forged: str) -> None:
    admin, path, contract_id, member = _maries_week(app)
    before = state(app)
    page = _post(
        admin,
        path,
        contract_id,
        **{f"b-1-{member}-0-0-start": "09:00", f"b-1-{member}-0-0-end": "12:00", forged: "09:00"},
    )
    assert "La grille envoyée n&#39;est pas celle de la page" in page
    assert state(app) == before


def test_a_forged_action_is_refused(app: Flask) -> None:
    admin, path, contract_id, _member = _maries_week(app)
    before = state(app)
    page = _post(admin, path, contract_id, action="add-1-2-9")
    assert "La grille envoyée n&#39;est pas celle de la page" in page
    assert state(app) == before


def test_the_buttons_change_the_form_without_javascript_and_save_nothing(app: Flask) -> None:
    """Add a block, show three weeks, copy week 1 to weeks 2 and 3, remove a block: each a
    post that comes back with the form changed and writes nothing."""
    admin, path, contract_id, member = _maries_week(app)
    before = state(app)
    monday = {f"b-1-{member}-0-0-start": "22:00", f"b-1-{member}-0-0-end": "06:00"}
    added = _post(admin, path, contract_id, action=f"add-1-{member}-0", **monday)
    assert "pas encore enregistrée" in added
    assert f'name="b-1-{member}-0-1-start" value=""' in added
    assert f'name="b-1-{member}-0-0-start" value="22:00"' in added
    assert "8,00\u00a0h" in added  # the row's total: a night of 8 hours

    three = _post(admin, path, contract_id, action="cycle", cycle_weeks="3", **monday)
    assert "<legend>Semaine 3</legend>" in three
    assert "Copier la semaine 1 vers les semaines :" in three

    copied = _post(
        admin,
        path,
        contract_id,
        action="copy-1",
        cycle_weeks="3",
        **{"copy-to-1": ["2", "3"]},  # type: ignore[arg-type]
        **monday,
    )
    for week in (2, 3):
        assert f'name="b-{week}-{member}-0-0-start" value="22:00"' in copied
        assert f'name="b-{week}-{member}-0-0-end" value="06:00"' in copied

    removed = _post(admin, path, contract_id, action=f"remove-1-{member}-0-0", **monday)
    assert f'name="b-1-{member}-0-0-start" value=""' in removed
    assert state(app) == before


def test_a_workers_pattern_is_copied_to_another_contract(app: Flask) -> None:
    admin, path, contract_id, _member = _maries_week(app)
    with app.app_context():
        session = db.session()
        karim = session.scalars(
            select(Contract.id).join(Worker).where(Worker.first_name == "Karim")
        ).one()
        marie = {
            (a.member_id, s.weekday, s.starts_at, s.ends_at)
            for a in session.scalars(
                select(Assignment).where(Assignment.contract_id == int(contract_id))
            )
            for s in a.slots
        }
    page = admin.get(path).get_data(as_text=True)
    assert f'<option value="{karim}">Karim El Amrani' in page
    done = admin.post(
        path,
        data={
            "form": "copy_pattern",
            "contract_id": contract_id,
            "target_contract_id": str(karim),
            "copy_from": "2026-12-14",
            "csrf_token": csrf_token(admin, path),
        },
    ).get_data(as_text=True)
    assert "Horaire copié, à partir du 14 décembre 2026." in done, done[:3000]
    with app.app_context():
        copied = {
            (a.member_id, s.weekday, s.starts_at, s.ends_at)
            for a in db.session().scalars(
                select(Assignment).where(
                    Assignment.contract_id == karim, Assignment.ends_on.is_(None)
                )
            )
            for s in a.slots
        }
    assert copied == marie


def test_another_groupements_contract_cannot_receive_a_pattern(app: Flask, world: World) -> None:
    admin, path, contract_id, _member = _maries_week(app)
    with app.app_context():
        foreign = (
            db.session()
            .scalars(select(Contract.id).where(Contract.groupement_id == world.ge_b))
            .first()
        )
    assert foreign is not None
    before = state(app)
    refused = admin.post(
        path,
        data={
            "form": "copy_pattern",
            "contract_id": contract_id,
            "target_contract_id": str(foreign),
            "copy_from": "2026-12-14",
            "csrf_token": csrf_token(admin, path),
        },
    )
    assert refused.status_code == 200
    text = refused.get_data(as_text=True)
    # The refusal is said in the copy's own form, left open, not above the schedule.
    assert "Refusé" in text and '<details class="copy-pattern" open>' in text
    assert state(app) == before
    # Nor can another GE's contract be the source: not found.
    other = admin.post(
        path,
        data={
            "form": "copy_pattern",
            "contract_id": str(foreign),
            "target_contract_id": contract_id,
            "copy_from": "2026-12-14",
            "csrf_token": csrf_token(admin, path),
        },
    )
    assert other.status_code == 404
    assert state(app) == before


def test_a_refusal_of_the_rules_is_shown_beside_the_blocks_of_its_day(app: Flask) -> None:
    """Tuesday till 21:00 at one member, Wednesday from 07:00 at another: 10 h of rest.
    WT-REST-11H is listed above the grid and written beside Wednesday's block, the one
    that starts too soon; Tuesday's is not marked."""
    admin, path, contract_id, first = _maries_week(app)
    second = next(m for m in _members(app) if str(m) != first)
    before = state(app)
    refused = _post(
        admin,
        path,
        contract_id,
        **{
            f"b-1-{first}-1-0-start": "14:00",
            f"b-1-{first}-1-0-end": "21:00",
            f"b-1-{second}-2-0-start": "07:00",
            f"b-1-{second}-2-0-end": "11:00",
        },
    )
    assert state(app) == before
    assert "<strong>WT-REST-11H</strong>" in refused
    assert f'id="b-1-{second}-2-0-e">Refusé par WT-REST-11H (voir ci-dessus).' in refused
    assert f'id="b-1-{first}-1-0-e"' not in refused


def _two_versions(app: Flask) -> tuple[int, int, int]:
    """Vera: Monday and Tuesday 09:00-13:00 until 3 January 2027, then a later version
    from Monday 4 January, Thursday and Friday 13:00-17:00. (worker, contract, member)"""
    from datetime import time

    from app.models import Slot
    from tests.factories import contract_of
    from tests.helpers import arranging

    with app.app_context():
        session = db.session()
        worker = session.scalars(select(Worker).where(Worker.first_name == "Marie")).one()
        member = session.scalars(select(Member).order_by(Member.id)).first()
        assert member is not None
        ge = worker.groupement_id
        with arranging(session, ge):
            vera = Worker(groupement_id=ge, first_name="Vera", last_name="Versions")
            session.add(vera)
            session.flush()
            contract = contract_of(ge, vera.id)
            session.add(contract)
            session.flush()
            for first, last, days, start in (
                (date(2026, 1, 1), date(2027, 1, 3), (0, 1), time(9)),
                (date(2027, 1, 4), None, (3, 4), time(13)),
            ):
                session.add(
                    Assignment(
                        groupement_id=ge,
                        contract_id=contract.id,
                        member_id=member.id,
                        starts_on=first,
                        ends_on=last,
                        slots=[
                            Slot(
                                groupement_id=ge,
                                weekday=d,
                                starts_at=start,
                                ends_at=start.replace(hour=start.hour + 4),
                            )
                            for d in days
                        ],
                    )
                )
        session.commit()
        return vera.id, contract.id, member.id


def test_the_editor_shows_the_version_in_effect_and_saving_it_keeps_the_next(app: Flask) -> None:
    """The version of today only (not merged with the one from 4 January), a note that a
    later one follows; saved from 14 December, it runs to 3 January and the later one
    stays as it was."""
    vera, contract, member = _two_versions(app)
    admin = signed_in(app, ADMIN_EMAIL)
    path = f"/gestion/travailleurs/{vera}"
    page = admin.get(path).get_data(as_text=True)
    assert f'name="b-1-{member}-0-0-start" value="09:00"' in page
    assert f'name="b-1-{member}-3-0-start" value="13:00"' not in page
    assert "Une version suivante commence le 4 janvier 2027" in page
    saved = _post(
        admin,
        path,
        str(contract),
        starts_on="2026-12-14",
        **{f"b-1-{member}-0-0-start": "09:00", f"b-1-{member}-0-0-end": "13:00"},
    )
    assert "Enregistré" in saved
    with app.app_context():
        rows = db.session().scalars(
            select(Assignment)
            .where(Assignment.contract_id == contract)
            .order_by(Assignment.starts_on)
        )
        versions = [(a.starts_on, a.ends_on, sorted(s.weekday for s in a.slots)) for a in rows]
    assert versions == [
        (date(2026, 1, 1), date(2026, 12, 13), [0, 1]),
        (date(2026, 12, 14), date(2027, 1, 3), [0]),
        (date(2027, 1, 4), None, [3, 4]),
    ]


def test_a_block_beyond_a_shortened_cycle_stays_on_screen_with_its_refusal(app: Flask) -> None:
    """A two-week cycle saved, then 'one week' chosen and saved at once: refused, and
    week 2's block is still shown, with why, to be removed or kept."""
    admin, path, contract_id, member = _maries_week(app)
    cycle = {
        "cycle_weeks": "2",
        f"b-1-{member}-0-0-start": "09:00",
        f"b-1-{member}-0-0-end": "12:00",
        f"b-2-{member}-2-0-start": "09:00",
        f"b-2-{member}-2-0-end": "12:00",
    }
    before = state(app)
    refused = _post(admin, path, contract_id, **(cycle | {"cycle_weeks": "1"}))
    assert state(app) == before
    assert f'name="b-2-{member}-2-0-start" value="09:00"' in refused
    assert re.search(rf'id="b-2-{member}-2-0-e">[^<]*cycle de 1 semaine', refused)
