"""The payroll reconciliation of May 2026 in the demo GE: each worker's figures are the
model's (the billing's own cost of the month when nothing is imported) and the imported
row's, component by component; the gaps add up; the flag at 12 % and not at 8 %; the
correction names the cost parameter of the year; the workbook says what the JSON says
(and LibreOffice opens it); the GEs kept apart, a member user refused."""

import io
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import Groupement, Worker
from app.services import billing
from tests.conftest import World
from tests.helpers import assert_error_shape
from tests.libreoffice import first_sheets_as_csv, needs_libreoffice

MAY = "2026-05"
COMPONENTS = ["gross", "employer_contributions", "holiday_provision", "year_end_provision"]


def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    return response.get_json()


def _model(session: Session, world: World) -> dict[int, dict[str, Decimal]]:
    """Each worker's May as the billing prices it with nothing imported, by the
    secretariat's components (accident insurance, prevention and meal vouchers as other)."""
    groupement = session.get_one(Groupement, world.ge_a)
    found: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for contract in billing.compute(session, groupement, billing.parse_period(MAY)).contracts:
        cost, mine = contract.cost, found[contract.worker_id]
        assert not cost.imported
        for name in COMPONENTS:
            mine[name] += getattr(cost, name)
        mine["other"] += cost.accident_insurance + cost.prevention_service + cost.meal_vouchers
        mine["total"] += cost.total
    return found


def _import(admin: Any, worker: int, figures: dict[str, Decimal], factor: str = "1") -> None:
    row = {"worker_id": worker, "period": MAY} | {
        name: str((figures[name] * Decimal(factor)).quantize(Decimal("0.01")))
        for name in [*COMPONENTS, "other"]
    }
    _ok(admin.post("/api/v1/payroll-costs/", json=row), 201)


def _components(row: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["component"]: c for c in row["components"]}


def test_each_workers_figures_are_the_models_and_the_imports_by_component(
    admin: Any, session: Session, world: World
) -> None:
    model = _model(session, world)
    sophie = session.scalars(select(Worker.id).where(Worker.first_name == "Sophie")).one()
    imported = {name: Decimal("1000.00") + i for i, name in enumerate([*COMPONENTS, "other"])}
    _ok(
        admin.post(
            "/api/v1/payroll-costs/",
            json={"worker_id": sophie, "period": MAY} | {k: str(v) for k, v in imported.items()},
        ),
        201,
    )
    body = _ok(admin.get(f"/api/v1/payroll-reconciliation/{MAY}"))
    assert body["period"] == MAY and body["threshold_percent"].startswith("10")
    [row] = body["rows"]
    assert row["worker_id"] == sophie and row["period"] == MAY and row["flagged"] is True
    gaps = _components(row)
    assert list(gaps) == [*COMPONENTS, "other", "total"]
    for name in [*COMPONENTS, "other", "total"]:
        expected = sum(imported.values()) if name == "total" else imported[name]
        assert Decimal(gaps[name]["modelled"]) == model[sophie][name], name
        assert Decimal(gaps[name]["imported"]) == expected, name
        assert Decimal(gaps[name]["difference"]) == expected - model[sophie][name]
    # The total gap is the sum of the components' gaps, to the cent.
    assert Decimal(gaps["total"]["difference"]) == sum(
        Decimal(gaps[name]["difference"]) for name in [*COMPONENTS, "other"]
    )
    assert gaps["other"]["label"].startswith("Autres (assurance accidents")
    assert any("accident" in note.lower() for note in body["notes"])


def test_a_gap_of_12_percent_is_flagged_and_8_percent_is_not(
    admin: Any, session: Session, world: World
) -> None:
    model = _model(session, world)
    workers = sorted(model)
    _import(admin, workers[0], model[workers[0]], "1.12")
    _import(admin, workers[1], model[workers[1]], "0.92")
    body = _ok(admin.get("/api/v1/payroll-reconciliation/2026"))
    assert body["period"] == "2026"
    rows = {row["worker_id"]: row for row in body["rows"]}
    assert set(rows) == {workers[0], workers[1]}
    assert rows[workers[0]]["flagged"] is True
    assert rows[workers[1]]["flagged"] is False
    total = _components(rows[workers[0]])["total"]
    assert Decimal(total["percent"]) == Decimal("12.00") and total["flagged"] is True
    assert Decimal(_components(rows[workers[1]])["total"]["percent"]) == Decimal("-8.00")
    for row in body["rows"]:
        gaps = _components(row)
        assert Decimal(gaps["total"]["difference"]) == sum(
            Decimal(gaps[name]["difference"]) for name in [*COMPONENTS, "other"]
        )
    # The month's sum is the workers' sum; it is at 2 % over the model: not flagged.
    [month] = body["months"]
    assert month["period"] == MAY and month["workers"] == 2
    assert Decimal(_components(month)["total"]["imported"]) == sum(
        Decimal(_components(r)["total"]["imported"]) for r in body["rows"]
    )
    # The checklist flags the same worker with the same figures (one comparison).
    step = next(
        s
        for s in _ok(admin.get(f"/api/v1/month-close/{MAY}"))["steps"]
        if s["name"] == "payroll_compared"
    )
    assert [f["worker_id"] for f in step["figures"]["flagged"]] == [workers[0]]
    assert step["figures"]["flagged"][0]["imported"] == total["imported"]
    assert step["link"] == f"/gestion/reconciliation?period={MAY}"


def test_contributions_above_the_model_name_the_rate_of_the_year(
    admin: Any, session: Session, world: World
) -> None:
    model = _model(session, world)
    for worker in sorted(model)[:2]:
        figures = dict(model[worker])
        figures["employer_contributions"] = (figures["gross"] * Decimal("0.38")).quantize(
            Decimal("0.01")
        )
        _import(admin, worker, figures)
    body = _ok(admin.get(f"/api/v1/payroll-reconciliation/{MAY}"))
    [correction] = body["corrections"]
    assert correction["year"] == 2026 and correction["component"] == "employer_contributions"
    assert correction["periods"] == [MAY]
    assert correction["parameters"] == [{"name": "employer_contribution_percent", "value": "32.40"}]
    assert correction["imported_rate"] == "38.00"
    message = correction["message"]
    assert "mai 2026" in message and "2026" in message and "32,4" in message, message
    assert "38" in message
    nl = _ok(admin.get(f"/api/v1/payroll-reconciliation/{MAY}", headers={"Accept-Language": "nl"}))
    assert "mei 2026" in nl["corrections"][0]["message"]


def _rows_of(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_workbook_says_what_the_json_says(
    admin: Any, session: Session, world: World, tmp_path: Path
) -> None:
    model = _model(session, world)
    for worker, factor in zip(sorted(model), ["1.12", "0.95", "1"], strict=False):
        _import(admin, worker, model[worker], factor)
    body = _ok(admin.get("/api/v1/payroll-reconciliation/2026"))
    response = admin.get("/api/v1/payroll-reconciliation/2026.xlsx")
    assert response.status_code == 200
    assert "rapprochement-paie-2026.xlsx" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    workers = _rows_of(book.worksheets[0])
    expected = [
        (
            row["name"],
            row["period"],
            gap["label"],
            gap["modelled"],
            gap["imported"],
            gap["difference"],
            gap["percent"],
            gap["flagged"],
        )
        for row in body["rows"]
        for gap in row["components"]
    ]
    assert len(workers) == len(expected) == 6 * len(body["rows"])
    for cells, (name, period, label, *amounts, percent, flagged) in zip(
        workers, expected, strict=True
    ):
        assert cells[0] == name and f"{cells[1]:%Y-%m}" == period and cells[2] == label
        for value, text in zip(cells[3:6], amounts, strict=True):
            assert Decimal(str(value)).quantize(Decimal("0.01")) == Decimal(text)
        assert (cells[6] is None and percent is None) or Decimal(str(cells[6])).quantize(
            Decimal("0.01")
        ) == Decimal(percent)
        assert cells[7] == ("oui" if flagged else "non")
    months = _rows_of(book.worksheets[1])
    assert len(months) == 6 * len(body["months"])
    assert len(_rows_of(book.worksheets[2])) == len(body["corrections"])


@needs_libreoffice
def test_libreoffice_opens_the_workbook(
    admin: Any, session: Session, world: World, tmp_path: Path
) -> None:
    model = _model(session, world)
    worker = sorted(model)[0]
    _import(admin, worker, model[worker], "1.12")
    data = admin.get(f"/api/v1/payroll-reconciliation/{MAY}.xlsx").data
    text = first_sheets_as_csv({"reconciliation.xlsx": data}, tmp_path)["reconciliation.xlsx"]
    name = session.get_one(Worker, worker)
    assert name.last_name in text and "oui" in text


def test_another_ge_sees_only_its_own_and_a_member_is_refused(
    admin: Any, as_user: Any, session: Session, world: World
) -> None:
    model = _model(session, world)
    worker = sorted(model)[0]
    _import(admin, worker, model[worker], "1.12")
    admin_b = as_user("admin_b")
    body_b = _ok(admin_b.get("/api/v1/payroll-reconciliation/2026"))
    assert body_b["rows"] == [] and body_b["months"] == [] and body_b["corrections"] == []
    worker_b = session.scalars(select(Worker.id).where(Worker.groupement_id == world.ge_b)).first()
    _ok(
        admin_b.post(
            "/api/v1/payroll-costs/",
            json={
                "worker_id": worker_b,
                "period": MAY,
                "gross": "100.00",
                "employer_contributions": "0",
                "holiday_provision": "0",
                "year_end_provision": "0",
            },
        ),
        201,
    )
    body_b = _ok(admin_b.get("/api/v1/payroll-reconciliation/2026"))
    assert [row["worker_id"] for row in body_b["rows"]] == [worker_b]
    body_a = _ok(admin.get("/api/v1/payroll-reconciliation/2026"))
    assert [row["worker_id"] for row in body_a["rows"]] == [worker]
    member = as_user("member_a0")
    assert_error_shape(member.get("/api/v1/payroll-reconciliation/2026"), 403)
    assert_error_shape(member.get("/api/v1/payroll-reconciliation/2026.xlsx"), 403)
    _ok(as_user("accountant_a").get("/api/v1/payroll-reconciliation/2026"))
    assert_error_shape(admin.get("/api/v1/payroll-reconciliation/2026-13"), 422)
    assert_error_shape(admin.get("/api/v1/payroll-reconciliation/20266"), 422)
