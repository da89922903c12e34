"""The month's prestations for the social secretariat, with the GE's profiles.

May 2026 of the demo GE (1, 14 and 25 May are public holidays), with a day entry of
every kind for Sophie Lambert, exported with Mutua's built-in layout, with a saved
default profile and with a second profile (another column order, ``;`` and a decimal
comma, day first, the secretariat's worker numbers, other codes): read back with the csv
module and openpyxl, every worker's worked and paid-absence hours are those of the
billing run of the month; LibreOffice opens the workbook.
"""

import csv
import io
import re
from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from allocation.hours import minutes_to_display_hours
from app.models import Contract, Groupement, Worker
from app.services import billing
from exports.prestations import DEFAULT_CODES
from tests.conftest import World
from tests.helpers import assert_error_shape, database_state
from tests.libreoffice import first_sheets_as_csv, needs_libreoffice

WORKED = {"worked", "extra_hours", "training"}
PAID = {"public_holiday", "replacement_day", "paid_leave", "sickness", "small_leave"}
# The second profile: its own order, no names but the worker's number, its own codes.
SECOND = {
    "name": "Secrétariat B",
    "columns": ["code", "day", "worker", "hours", "member_number", "last_name"],
    "separator": ";",
    "decimal_mark": ",",
    "date_format": "DD/MM/YYYY",
    "identifier": "secretariat_number",
    "codes": {
        "worked": "1000",
        "extra_hours": "1010",
        "training": "1020",
        "public_holiday": "2000",
        "replacement_day": "2010",
        "paid_leave": "2100",
        "sickness": "3000",
        "small_leave": "2200",
        "unpaid_absence": "4000",
    },
}


def _ok(response: Any) -> Any:
    assert response.status_code in (200, 201), response.get_data(as_text=True)[:500]
    return response


def _sophie_in_may(admin: Any, session: Session) -> int:
    """A day entry of every kind for Sophie (7.6 h a day at one member each weekday)."""
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    contract = session.scalars(select(Contract.id).where(Contract.worker_id == sophie)).first()
    assignments = _ok(admin.get(f"/api/v1/assignments/?contract_id={contract}&page_size=500"))
    at = {
        slot["weekday"]: a["member_id"]
        for a in assignments.get_json()
        if a["starts_on"] <= "2026-05-31" and (a["ends_on"] or "9999") >= "2026-05-01"
        for slot in a["slots"]
    }
    for day, kind, hours, weekday in [
        ("2026-05-04", "paid_leave", "7.6", 0),
        ("2026-05-05", "extra_hours", "1", 1),
        ("2026-05-06", "sickness", "7.6", None),
        ("2026-05-07", "small_leave", "3.6", 3),
        ("2026-05-08", "training", "3", 4),
        ("2026-05-11", "unpaid_absence", "2", 0),
    ]:
        entry = {
            "worker_id": sophie,
            "day": day,
            "member_id": None if weekday is None else at[weekday],
            "hours": hours,
            "kind": kind,
        }
        _ok(admin.post("/api/v1/day-entries/", json=entry))
    return sophie


def _billed(admin: Any, session: Session, world: World) -> dict[int, tuple[Decimal, Decimal]]:
    """Per worker, May's worked and paid-absence hours as the billing computes them (its
    exact minutes over the members, to the hundredth once), and the draft of the month
    agreeing with them to its lines' rounding (each member's hours rounded apart: a
    holiday of 7.6 h shared by three members is billed 3 x 2.53 h)."""
    run = _ok(admin.post("/api/v1/billing-runs/", json={"period": "2026-05"})).get_json()
    exact: dict[int, list[Fraction]] = defaultdict(lambda: [Fraction(0), Fraction(0)])
    groupement = session.get_one(Groupement, world.ge_a)
    for contract in billing.compute(session, groupement, date(2026, 5, 1)).contracts:
        for member in contract.split.members:
            exact[contract.worker_id][0] += member.worked
            exact[contract.worker_id][1] += member.paid_absence
    found = {
        worker: (minutes_to_display_hours(worked), minutes_to_display_hours(absent))
        for worker, (worked, absent) in exact.items()
    }
    for worker in run["workers"]:
        worked, absent = found[worker["worker_id"]]
        slack = Decimal("0.01") * len(worker["members"])
        assert abs(sum(Decimal(m["worked_hours"]) for m in worker["members"]) - worked) < slack
        assert (
            abs(sum(Decimal(m["paid_absence_hours"]) for m in worker["members"]) - absent) < slack
        )
    assert set(found) == {worker["worker_id"] for worker in run["workers"]}
    return found


def _sums(rows: list[tuple[int, str, Decimal]]) -> dict[int, tuple[Decimal, Decimal]]:
    found: dict[int, list[Decimal]] = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for worker, kind, hours in rows:
        if kind in WORKED:
            found[worker][0] += hours
        elif kind in PAID:
            found[worker][1] += hours
    return {worker: (worked, absent) for worker, (worked, absent) in found.items()}


def _workers(session: Session, world: World, key: str) -> dict[str, int]:
    return {
        getattr(w, key): w.id
        for w in session.scalars(select(Worker).where(Worker.groupement_id == world.ge_a))
    }


@pytest.fixture
def may(
    admin: Any, session: Session, world: World
) -> tuple[int, dict[int, tuple[Decimal, Decimal]]]:
    sophie = _sophie_in_may(admin, session)
    return sophie, _billed(admin, session, world)


def test_the_built_in_layout_gives_the_billings_hours(
    admin: Any, session: Session, world: World, may: Any
) -> None:
    sophie, billed = may
    by_number = _workers(session, world, "national_number")
    response = _ok(admin.get("/api/v1/prestations/2026-05.csv"))
    assert response.headers["Content-Disposition"].endswith('prestations-2026-05.csv"') or (
        "prestations-2026-05.csv" in response.headers["Content-Disposition"]
    )
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(table[0]) == [
        "worker",
        "last_name",
        "first_name",
        "day",
        "code",
        "kind",
        "hours",
        "member",
        "member_number",
    ]
    rows = [(by_number[r["worker"]], r["kind"], Decimal(r["hours"])) for r in table]
    assert _sums(rows) == billed
    assert all(DEFAULT_CODES[r["kind"]] == r["code"] for r in table)
    kinds = {r["kind"] for r in table if by_number[r["worker"]] == sophie}
    assert kinds == {
        "worked",
        "extra_hours",
        "training",
        "public_holiday",
        "paid_leave",
        "sickness",
        "small_leave",
        "unpaid_absence",
    }
    assert {(r["day"], r["kind"], r["hours"]) for r in table if r["kind"] == "sickness"} == {
        ("2026-05-06", "sickness", "7.60")
    }

    book = openpyxl.load_workbook(
        io.BytesIO(_ok(admin.get("/api/v1/prestations/2026-05.xlsx")).data), read_only=True
    )
    header, *values = list(book.active.iter_rows(values_only=True))
    column = {name: index for index, name in enumerate(header)}
    assert isinstance(values[0][column["day"]], datetime)
    rows = [
        (by_number[v[column["worker"]]], v[column["kind"]], Decimal(str(v[column["hours"]])))
        for v in values
    ]
    assert _sums(rows) == billed


@needs_libreoffice
def test_a_second_profile_gives_the_same_hours_in_its_own_layout(
    admin: Any, session: Session, world: World, may: Any, tmp_path: Path
) -> None:
    _sophie, billed = may
    profile = _ok(admin.post("/api/v1/secretariat-profiles/", json=SECOND)).get_json()
    assert profile["codes"] == SECOND["codes"] and profile["is_default"] is False
    # A worker the profile cannot name: refused, in French, saying who.
    refused = assert_error_shape(
        admin.get(f"/api/v1/prestations/2026-05.csv?profile={profile['id']}"), 422
    )
    assert "Lambert Sophie" in refused["message"]
    for worker_id in _workers(session, world, "id").values():
        _ok(
            admin.patch(
                f"/api/v1/workers/{worker_id}", json={"secretariat_number": f"S-{worker_id}"}
            )
        )
    code_kind = {code: kind for kind, code in SECOND["codes"].items()}

    data = _ok(admin.get(f"/api/v1/prestations/2026-05.csv?profile={profile['id']}")).data
    header, *table = list(csv.reader(io.StringIO(data.decode()), delimiter=";"))
    assert header == SECOND["columns"]
    assert all("." not in row[3] and "," in row[3] for row in table)
    assert all(re.fullmatch(r"[0-3][0-9]/05/2026", row[1]) for row in table)
    rows = [
        (int(row[2].removeprefix("S-")), code_kind[row[0]], Decimal(row[3].replace(",", ".")))
        for row in table
    ]
    assert _sums(rows) == billed

    data = _ok(admin.get(f"/api/v1/prestations/2026-05.xlsx?profile={profile['id']}")).data
    header, *values = list(
        openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
    )
    assert list(header) == SECOND["columns"]
    rows = [(int(v[2].removeprefix("S-")), code_kind[v[0]], Decimal(str(v[3]))) for v in values]
    assert _sums(rows) == billed
    _opens_in_libreoffice(data, tmp_path, len(values))


def _opens_in_libreoffice(data: bytes, folder: Path, rows: int) -> None:
    (text,) = first_sheets_as_csv({"prestations.xlsx": data}, folder).values()
    lines = text.strip().splitlines()
    assert lines[0].split(",")[:4] == ["code", "day", "worker", "hours"]
    assert len(lines) == rows + 1


def test_the_ges_default_profile_is_used_when_none_is_named(admin: Any, may: Any) -> None:
    default = dict(SECOND, name="Par défaut", identifier="national_number", is_default=True)
    _ok(admin.post("/api/v1/secretariat-profiles/", json=default))
    data = _ok(admin.get("/api/v1/prestations/2026-05.csv")).get_data(as_text=True)
    assert data.splitlines()[0] == "code;day;worker;hours;member_number;last_name"


def test_refused_profiles_change_nothing(admin: Any, session: Session) -> None:
    _ok(admin.post("/api/v1/secretariat-profiles/", json={"name": "A", "is_default": True}))
    before = database_state(session)
    for change, field, french in [
        ({"name": "B", "separator": "x"}, "separator", "Séparateur"),
        ({"name": "B", "codes": {"vacances": "V1"}}, "codes", "Type de prestation inconnu"),
        ({"name": "B", "is_default": True}, "is_default", "déjà un profil par défaut"),
        ({"name": "B", "columns": ["day", "hours"]}, "columns", "colonnes"),
        ({"name": "B", "separator": ",", "decimal_mark": ","}, "decimal_mark", "séparateur"),
    ]:
        body = assert_error_shape(admin.post("/api/v1/secretariat-profiles/", json=change), 422)
        assert list(body["errors"]) == [field]
        assert french in body["errors"][field][0], body
    assert database_state(session) == before


def test_another_ges_profile_is_not_found_and_members_are_refused(
    admin: Any, as_user: Any, may: Any
) -> None:
    profile = _ok(admin.post("/api/v1/secretariat-profiles/", json=SECOND)).get_json()
    other = as_user("admin_b")
    assert_error_shape(other.get(f"/api/v1/secretariat-profiles/{profile['id']}"), 404)
    assert_error_shape(other.get(f"/api/v1/prestations/2026-05.csv?profile={profile['id']}"), 404)
    assert_error_shape(
        other.patch(f"/api/v1/secretariat-profiles/{profile['id']}", json={"name": "X"}), 404
    )
    member = as_user("member_a0")
    assert_error_shape(member.get("/api/v1/prestations/2026-05.xlsx"), 403)
    assert_error_shape(member.get(f"/api/v1/secretariat-profiles/{profile['id']}"), 404)
    assert _ok(member.get("/api/v1/secretariat-profiles/")).get_json() == []
    accountant = as_user("accountant_a")
    assert _ok(accountant.get("/api/v1/prestations/2026-05.xlsx")).data[:2] == b"PK"
    assert_error_shape(accountant.post("/api/v1/secretariat-profiles/", json={"name": "Z"}), 403)
