"""Workbook uploads: every cell checked first, then all written or nothing."""

import io
import zipfile
from typing import Any

import openpyxl
import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Assignment, PayrollCost
from exports.templates import CYCLE_COLUMNS, PAYROLL_COLUMNS, SCHEDULE_COLUMNS
from tests.conftest import World
from tests.factories import contract_payload, worker_payload
from tests.helpers import assert_error_shape, database_state, upload_file
from tests.workbooks import workbook


def upload(api: Any, path: str, data: bytes, name: str = "horaires.xlsx") -> Any:
    return upload_file(api, path, data, name)


@pytest.fixture
def newcomer(admin: Any) -> str:
    worker = admin.post(
        "/api/v1/workers/", json=worker_payload(first_name="Inès", last_name="Delvaux")
    ).get_json()
    admin.post("/api/v1/contracts/", json=contract_payload(worker["id"], starts_on="2026-09-01"))
    return "Delvaux Inès"


def _members(admin: Any) -> list[str]:
    return [m["name"] for m in admin.get("/api/v1/members/").get_json()]


def test_the_templates_open_with_their_columns(admin: Any) -> None:
    for path, columns in [
        ("schedules", SCHEDULE_COLUMNS + CYCLE_COLUMNS),
        ("payroll-costs", PAYROLL_COLUMNS),
    ]:
        response = admin.get(f"/api/v1/imports/templates/{path}")
        sheet = openpyxl.load_workbook(io.BytesIO(response.data)).active
        assert tuple(c.value for c in sheet[1]) == columns


def test_a_valid_schedule_is_written_whole(admin: Any, session: Session, newcomer: str) -> None:
    a, b = _members(admin)[:2]
    rows = [
        [newcomer, a, "lundi", "09:00", "12:30", "2026-09-01", None],
        [newcomer, a, "mardi", "09:00", "12:48", "2026-09-01", None],
        [newcomer, b, "jeudi", "09:00", "12:00", "2026-09-01", "2026-12-31"],
        [newcomer, b, "vendredi", "08:30", "11:30", "2026-09-01", "2026-12-31"],
        [newcomer, b, "mercredi", "09:00", "13:00", "2026-09-01", "2026-12-31"],
    ]
    response = upload(admin, "/api/v1/imports/schedules", workbook(SCHEDULE_COLUMNS, rows))
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["created"] == 2
    created = session.scalars(
        select(Assignment).where(Assignment.id.in_(response.get_json()["ids"]))
    ).all()
    assert sorted(len(a.slots) for a in created) == [2, 3]


def test_a_night_slot_is_imported_to_the_next_morning(
    admin: Any, session: Session, newcomer: str
) -> None:
    """An end before the start is the next day, as on the schedule page; "24:00" is
    midnight."""
    a = _members(admin)[0]
    rows = [
        [newcomer, a, "lundi", "22:00", "06:00", "2026-09-01", None],
        [newcomer, a, "mercredi", "18:00", "24:00", "2026-09-01", None],
        [newcomer, a, "vendredi", "09:00", "14:00", "2026-09-01", None],
    ]
    response = upload(admin, "/api/v1/imports/schedules", workbook(SCHEDULE_COLUMNS, rows))
    assert response.status_code == 201, response.get_json()
    (created,) = session.scalars(
        select(Assignment).where(Assignment.id.in_(response.get_json()["ids"]))
    ).all()
    assert sorted(slot.minutes for slot in created.slots) == [300, 360, 480]


BAD_SCHEDULES = [
    (
        "unknown worker",
        lambda w, a, b: [["Personne Inconnue", a, "lundi", "09:00", "12:00", "2026-09-01", None]],
        "A",
        "Travailleur inconnu",
    ),
    (
        "unknown member",
        lambda w, a, b: [[w, "ASBL Fantôme", "lundi", "09:00", "12:00", "2026-09-01", None]],
        "B",
        "Membre inconnu",
    ),
    (
        "25:00",
        lambda w, a, b: [[w, a, "lundi", "09:00", "25:00", "2026-09-01", None]],
        "E",
        "Heure invalide",
    ),
    (
        "a date that is no date",
        lambda w, a, b: [[w, a, "lundi", "09:00", "12:00", "hier", None]],
        "F",
        "Date invalide",
    ),
    (
        "a weekday that is no weekday",
        lambda w, a, b: [[w, a, "lunedi", "09:00", "12:00", "2026-09-01", None]],
        "C",
        "Jour invalide",
    ),
    (
        "a slot of no length",
        lambda w, a, b: [[w, a, "lundi", "09:00", "09:00", "2026-09-01", None]],
        "E",
        "doit avoir une durée",
    ),
    (
        "a night overlapping the next morning",
        lambda w, a, b: [
            [w, a, "lundi", "22:00", "06:00", "2026-09-01", None],
            [w, a, "mardi", "05:00", "08:00", "2026-09-01", None],
        ],
        "D",
        "se chevauchent",
    ),
    (
        "a Sunday night overlapping the next Monday",
        lambda w, a, b: [
            [w, a, "lundi", "05:00", "08:00", "2026-09-01", None],
            [w, a, "dimanche", "23:00", "06:00", "2026-09-01", None],
        ],
        "D",
        "se chevauchent",
    ),
    (
        "overlapping slots",
        lambda w, a, b: [
            [w, a, "lundi", "09:00", "12:00", "2026-09-01", None],
            [w, a, "lundi", "11:00", "14:00", "2026-09-01", None],
        ],
        "D",
        "se chevauchent",
    ),
]


@pytest.mark.parametrize(
    ("build", "column", "fragment"),
    [case[1:] for case in BAD_SCHEDULES],
    ids=[case[0] for case in BAD_SCHEDULES],
)
def test_a_bad_cell_refuses_the_whole_upload(
    admin: Any, session: Session, newcomer: str, build: Any, column: str, fragment: str
) -> None:
    a, b = _members(admin)[:2]
    good = [newcomer, b, "mercredi", "09:00", "13:00", "2026-09-01", None]
    before = database_state(session)
    response = upload(
        admin,
        "/api/v1/imports/schedules",
        workbook(SCHEDULE_COLUMNS, [good, *build(newcomer, a, b)]),
    )
    body = assert_error_shape(response, 422)
    assert "rien n'a été enregistré" in body["message"]
    (error,) = [e for e in body["errors"]["rows"] if e["column"] == column]
    assert error["sheet"] == "Horaires" and error["row"] >= 3 and fragment in error["message"]
    assert database_state(session) == before


def test_errors_speak_the_callers_language(as_user: Any, newcomer: str) -> None:
    dutch = as_user("admin_a", "nl")
    rows = [["Personne Inconnue", "ASBL Fantôme", "lundi", "09:00", "12:00", "2026-09-01", None]]
    body = assert_error_shape(
        upload(dutch, "/api/v1/imports/schedules", workbook(SCHEDULE_COLUMNS, rows)), 422
    )
    assert body["message"].startswith("Bestand geweigerd")
    assert {e["message"].split(":")[0] for e in body["errors"]["rows"]} == {
        "Onbekende werknemer",
        "Onbekend lid",
    }


def test_a_schedule_breaking_a_blocking_rule_is_refused_whole(
    admin: Any, session: Session, newcomer: str
) -> None:
    a, b = _members(admin)[:2]
    rows = [
        [newcomer, a, "mardi", "14:00", "21:00", "2026-09-01", None],
        [newcomer, b, "mercredi", "07:00", "11:00", "2026-09-01", None],
    ]
    before = database_state(session)
    body = assert_error_shape(
        upload(admin, "/api/v1/imports/schedules", workbook(SCHEDULE_COLUMNS, rows)), 409
    )
    assert "WT-REST-11H" in {f["rule_id"] for f in body["errors"]["findings"]}
    assert database_state(session) == before


def test_payroll_costs_are_imported_and_reimported(
    admin: Any, session: Session, world: World
) -> None:
    rows = [
        ["Lambert Sophie", "2026-05", 3450, 1117.8, 627.9, 287.39, 0],
        ["El Amrani Karim", "2026-05", "2447,37", "792.95", 445.42, 203.87, 12.5],
    ]
    response = upload(
        admin, "/api/v1/imports/payroll-costs", workbook(PAYROLL_COLUMNS, rows), "paie.xlsx"
    )
    assert response.status_code == 201, response.get_json()
    costs = session.scalars(select(PayrollCost)).all()
    assert sorted(str(c.employer_contributions) for c in costs) == ["1117.80", "792.95"]
    rows[0][3] = 1100
    assert (
        upload(
            admin, "/api/v1/imports/payroll-costs", workbook(PAYROLL_COLUMNS, rows), "paie.xlsx"
        ).status_code
        == 201
    )
    session.expire_all()
    assert sorted(str(c.employer_contributions) for c in session.scalars(select(PayrollCost))) == [
        "1100.00",
        "792.95",
    ]


def test_a_payroll_amount_finer_than_a_cent_is_refused(admin: Any, session: Session) -> None:
    rows = [["Lambert Sophie", "2026-05", 3450.005, 1117.8, 627.9, 287.39, 0]]
    before = database_state(session)
    body = assert_error_shape(
        upload(admin, "/api/v1/imports/payroll-costs", workbook(PAYROLL_COLUMNS, rows), "p.xlsx"),
        422,
    )
    assert body["errors"]["rows"][0]["column"] == "C"
    assert database_state(session) == before


def _zip_bomb() -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    return output.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "status", "fragment"),
    [
        ("horaires.csv", b"Travailleur;Membre\n", 422, "classeur Excel"),
        ("horaires.xlsx", b"not a zip at all", 422, "classeur Excel"),
        ("horaires.xlsx", b"PK" + b"\x00" * (5 * 1024 * 1024 + 10), 413, "5 Mo"),
        ("horaires.xlsx", None, 422, "anormalement volumineux"),
    ],
    ids=["not xlsx", "xlsx in name only", "over 5 MB", "zip bomb"],
)
def test_files_that_are_no_honest_workbook_are_refused(
    admin: Any, session: Session, name: str, data: bytes | None, status: int, fragment: str
) -> None:
    before = database_state(session)
    body = assert_error_shape(
        upload(admin, "/api/v1/imports/schedules", data or _zip_bomb(), name), status
    )
    assert fragment in str(body["errors"]["file"])
    assert database_state(session) == before


def test_uploads_are_for_administrators(as_user: Any) -> None:
    for who in ("member_a0", "accountant_a"):
        response = upload(as_user(who), "/api/v1/imports/schedules", workbook(SCHEDULE_COLUMNS, []))
        assert_error_shape(response, 403)


CYCLE_HEADER = SCHEDULE_COLUMNS + CYCLE_COLUMNS


def _two_week_rows(who: str, a: str, b: str, b_cycle: int = 2) -> list[list[Any]]:
    """Week 1: a Monday to Wednesday, b Thursday (19 h); week 2: a Monday, b Tuesday to
    Thursday (19 h); week 1 is the week of Monday 7 September."""
    first = "2026-09-07"
    return [
        *([who, a, day, "09:00", "13:00", first, None, 1, 2] for day in ("lundi", "mardi")),
        [who, a, "mercredi", "09:00", "13:00", first, None, 1, 2],
        [who, a, "lundi", "09:00", "13:00", first, None, 2, 2],
        [who, b, "jeudi", "09:00", "16:00", first, None, 1, b_cycle],
        *([who, b, day, "09:00", "14:00", first, None, 2, b_cycle] for day in ("mardi", "jeudi")),
        [who, b, "mercredi", "09:00", "14:00", first, None, 2, b_cycle],
    ]


def test_a_two_week_cycle_is_imported_with_its_weeks(
    admin: Any, session: Session, newcomer: str
) -> None:
    a, b = _members(admin)[:2]
    data = workbook(CYCLE_HEADER, _two_week_rows(newcomer, a, b))
    response = upload(admin, "/api/v1/imports/schedules", data)
    assert response.status_code == 201, response.get_json()
    created = session.scalars(
        select(Assignment).where(Assignment.id.in_(response.get_json()["ids"]))
    ).all()
    assert sorted(
        (x.cycle_weeks, sorted((s.week, s.weekday, s.minutes) for s in x.slots)) for x in created
    ) == [
        (2, [(1, 0, 240), (1, 1, 240), (1, 2, 240), (2, 0, 240)]),
        (2, [(1, 3, 420), (2, 1, 300), (2, 2, 300), (2, 3, 300)]),
    ]


@pytest.mark.parametrize(
    ("change", "column", "fragment"),
    [
        (lambda rows: rows[0].__setitem__(7, 3), "H", "n'est pas un nombre de semaines de 1 à 2"),
        (lambda rows: rows[0].__setitem__(8, 9), "I", "n'est pas un nombre de semaines de 1 à 8"),
        (lambda rows: rows[0].__setitem__(7, "deux"), "H", "« deux »"),
    ],
    ids=["a week beyond the cycle", "a cycle of nine weeks", "a week in words"],
)
def test_a_bad_cycle_cell_refuses_the_upload(
    admin: Any, session: Session, newcomer: str, change: Any, column: str, fragment: str
) -> None:
    a, b = _members(admin)[:2]
    rows = _two_week_rows(newcomer, a, b)
    change(rows)
    before = database_state(session)
    response = upload(admin, "/api/v1/imports/schedules", workbook(CYCLE_HEADER, rows))
    body = assert_error_shape(response, 422)
    (error,) = [e for e in body["errors"]["rows"] if e["column"] == column]
    assert error["row"] == 2 and fragment in error["message"]
    assert database_state(session) == before


def test_a_member_joining_in_week_two_names_the_cycles_week_one(
    admin: Any, session: Session, newcomer: str
) -> None:
    """b joins on Monday 14 September, week 2 of a cycle whose week 1 is the week of the
    7th: column J says so, and both parts are one cycle."""
    a, b = _members(admin)[:2]
    rows = [[*row[:7], row[7], 2, "2026-09-07"] for row in _two_week_rows(newcomer, a, b)]
    for row in rows[4:]:
        row[5] = "2026-09-14"
    response = upload(admin, "/api/v1/imports/schedules", workbook(CYCLE_HEADER, rows))
    assert response.status_code == 201, response.get_json()
    created = session.scalars(
        select(Assignment).where(Assignment.id.in_(response.get_json()["ids"]))
    ).all()
    assert {(x.starts_on.isoformat(), x.cycle_anchor.isoformat()) for x in created} == {
        ("2026-09-07", "2026-09-07"),
        ("2026-09-14", "2026-09-07"),
    }
    # Without column J, b's week 1 would be the week of the 14th: another cycle, refused.
    rows_without = [row[:9] for row in rows]
    again = upload(admin, "/api/v1/imports/schedules", workbook(CYCLE_HEADER[:9], rows_without))
    assert_error_shape(again, 422)


def test_an_import_may_not_give_a_contract_a_second_cycle(
    admin: Any, session: Session, newcomer: str
) -> None:
    a, b = _members(admin)[:2]
    first = upload(
        admin, "/api/v1/imports/schedules", workbook(CYCLE_HEADER, _two_week_rows(newcomer, a, b))
    )
    assert first.status_code == 201, first.get_json()
    before = database_state(session)
    weekly = [[newcomer, b, "vendredi", "08:00", "12:00", "2026-09-07", None]]
    response = upload(admin, "/api/v1/imports/schedules", workbook(SCHEDULE_COLUMNS, weekly))
    body = assert_error_shape(response, 422)
    (error,) = body["errors"]["rows"]
    assert error["column"] == "I" and "déjà enregistré" in error["message"]
    assert database_state(session) == before


def test_two_cycles_for_one_contract_at_once_are_refused(
    admin: Any, session: Session, newcomer: str
) -> None:
    a, b = _members(admin)[:2]
    before = database_state(session)
    rows = _two_week_rows(newcomer, a, b, b_cycle=3)
    response = upload(admin, "/api/v1/imports/schedules", workbook(CYCLE_HEADER, rows))
    body = assert_error_shape(response, 422)
    (error,) = [e for e in body["errors"]["rows"] if e["column"] == "I"]
    assert error["row"] == 6 and "un contrat suit un seul cycle" in error["message"]
    assert database_state(session) == before
