"""The month's close in a real browser (Debian's Chromium driven by Playwright), served
and photographed as ``test_browser`` does: for November 2026, the demo's month with day
entries, the administrator opens the dashboard's checklist, reviews two timesheets from
its links, exports the prestations, imports the payroll (the secretariat's figures, close
to the model, in the template the imports page offers), reviews the other workers,
drafts and issues the month, and sees every step done; the checklist in Dutch too."""

import csv
import io
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from openpyxl import load_workbook

from allocation import calendar, costs
from app.demo import ADMIN_EMAIL, WORKERS
from exports.templates import PAYROLL_COLUMNS
from tests.web import test_browser as shared
from tests.web.test_browser import ARTIFACTS, _login, _snap

server = shared.server
browser = shared.browser
pytestmark = shared.pytestmark

PERIOD = "2026-11"
STEPS = 6
# Two workers whose month has day entries: sickness, and extra hours.
FIRST = ("Dubois Marie", "Certificat médical")
SECOND = ("El Amrani Karim", "Migration du serveur")


def _checklist(page: object, server: str) -> object:
    page.goto(f"{server}/gestion/?cloture={PERIOD}")  # type: ignore[attr-defined]
    close = page.locator("#month-close")  # type: ignore[attr-defined]
    close.wait_for()
    return close


def _done(close: object) -> int:
    return int(close.locator("ol.checklist > li.done").count())  # type: ignore[attr-defined]


def _review(page: object, snap: str | None = None) -> object:
    """On a timesheet: mark the month reviewed, see it said, and go back to the checklist
    by the timesheet's own link."""
    assert "Pas encore revue." in page.locator("p.review").inner_text()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Marquer le mois comme revu").click()  # type: ignore[attr-defined]
    page.get_by_text("Enregistré.").wait_for()  # type: ignore[attr-defined]
    assert "Revue par Anne Verhaegen le" in page.locator("p.review").inner_text()  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Marquer le mois comme revu").count() == 0  # type: ignore[attr-defined]
    if snap:
        _snap(page, snap)
    page.get_by_role("link", name="Clôture de novembre 2026").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"**/gestion/?cloture={PERIOD}#month-close")  # type: ignore[attr-defined]
    close = page.locator("#month-close")  # type: ignore[attr-defined]
    close.wait_for()
    return close


def _secretariat_figures(prestations: list[dict[str, str]], template: Path) -> Path:
    """The social secretariat's payroll of the month, written in the imports page's own
    template: per worker, the cost model's components (``costs.modelled``, as the
    checklist's comparison prices a whole month, with the demo's 2026 parameters, the
    defaults) on its contract's gross and the days the exported prestations show worked;
    insurance, prevention and meal vouchers together under « Autres »."""
    days: dict[str, set[str]] = defaultdict(set)
    for row in prestations:
        if row["kind"] in ("worked", "extra_hours", "training"):
            days[row["worker"]].add(row["day"])
    book = load_workbook(template)
    sheet = book.worksheets[0]
    assert tuple(cell.value for cell in sheet[1]) == PAYROLL_COLUMNS
    sheet.delete_rows(2, sheet.max_row)
    for worker in WORKERS:
        model = costs.modelled(
            Decimal(worker.monthly_gross),
            Fraction(1),
            costs.CostRates(),
            len(days[worker.national_number]),
        )
        other = model.accident_insurance + model.prevention_service + model.meal_vouchers
        sheet.append(
            [
                f"{worker.last_name} {worker.first_name}",
                PERIOD,
                model.gross,
                model.employer_contributions,
                model.holiday_provision,
                model.year_end_provision,
                other,
            ]
        )
    filled = ARTIFACTS / f"couts-salariaux-{PERIOD}.xlsx"
    book.save(filled)
    return filled


def test_an_administrator_closes_the_month(browser: object, server: str) -> None:
    page = _login(browser, server, ADMIN_EMAIL)
    page.wait_for_url(f"{server}/gestion/")  # type: ignore[attr-defined]
    everyone = [f"{w.last_name} {w.first_name}" for w in WORKERS]

    # 1. The checklist of November 2026: every step to do, every worker's timesheet linked.
    close = _checklist(page, server)
    assert "Clôture de novembre 2026" in close.inner_text()  # type: ignore[attr-defined]
    assert close.locator("ol.checklist > li.open").count() == STEPS  # type: ignore[attr-defined]
    text = close.inner_text()  # type: ignore[attr-defined]
    assert f"0 feuilles revues sur {len(WORKERS)}" in text
    assert f"0 travailleurs sur {len(WORKERS)}" in text
    for name in everyone:
        assert close.get_by_role("link", name=name, exact=True).count() == 1  # type: ignore[attr-defined]
    _snap(page, "31-close-open")

    # 2. Two timesheets opened from the checklist and reviewed.
    for n, (name, note) in enumerate((FIRST, SECOND)):
        close.get_by_role("link", name=name, exact=True).click()  # type: ignore[attr-defined]
        page.wait_for_url(f"**/gestion/travailleurs/*/mois?mois={PERIOD}")  # type: ignore[attr-defined]
        assert "novembre 2026" in page.locator("h1").inner_text()  # type: ignore[attr-defined]
        assert note in page.locator("main table").inner_text()  # type: ignore[attr-defined]
        close = _review(page, "32-close-timesheet-reviewed" if n == 0 else None)
    text = close.inner_text()  # type: ignore[attr-defined]
    assert f"2 feuilles revues sur {len(WORKERS)}" in text
    assert close.get_by_role("link", name=FIRST[0], exact=True).count() == 0  # type: ignore[attr-defined]
    assert close.get_by_role("link", name=SECOND[0], exact=True).count() == 0  # type: ignore[attr-defined]
    _snap(page, "33-close-two-reviewed")

    # 3. The prestations exported from the exports page the checklist links to.
    close.get_by_role("link", name="Prestations exportées pour le secrétariat social").click()  # type: ignore[attr-defined]
    page.wait_for_url(f"**/gestion/exports?period={PERIOD}")  # type: ignore[attr-defined]
    title = "Prestations pour le secrétariat social — novembre 2026"
    page.get_by_role("heading", name=title).wait_for()  # type: ignore[attr-defined]
    _snap(page, "34-close-exports")
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.locator("ul.prestations").get_by_role("link", name="CSV").click()  # type: ignore[attr-defined]
    assert download.value.suggested_filename == f"prestations-{PERIOD}.csv"
    exported = ARTIFACTS / f"prestations-{PERIOD}.csv"
    download.value.save_as(exported)
    prestations = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8-sig"))))
    by_name = defaultdict(set)
    for row in prestations:
        by_name[f"{row['last_name']} {row['first_name']}"].add(row["kind"])
    assert set(by_name) == set(everyone)
    assert {"worked", "sickness"} <= by_name[FIRST[0]]
    assert {"worked", "extra_hours"} <= by_name[SECOND[0]]
    sick = [r for r in prestations if r["kind"] == "sickness"]
    assert {(r["day"], r["hours"]) for r in sick} == {
        ("2026-11-16", "6.50"),
        ("2026-11-18", "6.50"),
    }

    close = _checklist(page, server)
    exported_step = close.locator("ol.checklist > li").nth(1)  # type: ignore[attr-defined]
    assert "fait" in exported_step.inner_text() and "Anne Verhaegen" in exported_step.inner_text()

    # 4. The payroll imported on the imports page the checklist links to, in its template.
    close.get_by_role("link", name="Coûts salariaux importés").click()  # type: ignore[attr-defined]
    page.wait_for_url("**/gestion/imports#import-payroll")  # type: ignore[attr-defined]
    title = "Coûts salariaux du secrétariat social"
    heading = page.get_by_role("heading", name=title)  # type: ignore[attr-defined]
    payroll = page.locator("form", has=heading)  # type: ignore[attr-defined]
    assert payroll.count() == 1
    with page.expect_download() as template:  # type: ignore[attr-defined]
        payroll.get_by_role("link").click()
    blank = ARTIFACTS / "modele-couts-salariaux.xlsx"
    template.value.save_as(blank)
    filled = _secretariat_figures(prestations, blank)
    payroll.locator("input[type=file]").set_input_files(str(filled))
    payroll.get_by_role("button", name="Envoyer").click()
    page.get_by_text(f"Import enregistré : {len(WORKERS)} ligne(s).").wait_for()  # type: ignore[attr-defined]
    _snap(page, "35-close-payroll-imported")

    close = _checklist(page, server)
    steps = close.locator("ol.checklist > li")  # type: ignore[attr-defined]
    imported, compared = steps.nth(2).inner_text(), steps.nth(3).inner_text()
    assert f"{len(WORKERS)} travailleurs sur {len(WORKERS)}" in imported and "fait" in imported
    assert "fait" in compared and f"{len(WORKERS)} travailleur(s) comparé(s)" in compared
    assert "(écart" not in compared, compared  # no worker flagged
    assert _done(close) == 3  # exported, imported, compared

    # 5. The other workers reviewed, from the checklist's links one after the other.
    for reviewed in range(2, len(WORKERS)):
        links = close.locator("ol.checklist > li").first.locator("a[href*='/mois']")  # type: ignore[attr-defined]
        assert links.count() == len(WORKERS) - reviewed
        links.first.click()
        page.wait_for_url(f"**/gestion/travailleurs/*/mois?mois={PERIOD}")  # type: ignore[attr-defined]
        close = _review(page, "36-close-third-timesheet" if reviewed == 2 else None)
    first_step = close.locator("ol.checklist > li").first  # type: ignore[attr-defined]
    assert f"{len(WORKERS)} feuilles revues sur {len(WORKERS)}" in first_step.inner_text()
    assert first_step.locator("a[href*='/mois']").count() == 0
    assert _done(close) == 4

    # 6. The month drafted on the billing page: every step done but the issue.
    page.get_by_role("link", name="Facturation", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_label("Mois (AAAA-MM)").fill(PERIOD)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Préparer le brouillon").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Facturation novembre 2026").wait_for()  # type: ignore[attr-defined]
    close = _checklist(page, server)
    assert _done(close) == STEPS - 1
    last = close.locator("ol.checklist > li").last  # type: ignore[attr-defined]
    assert "open" in (last.get_attribute("class") or "")
    assert (
        "à faire" in last.inner_text()
        and "À émettre au plus tard le 15/12/2026" in last.inner_text()
    )
    _snap(page, "37-close-drafted")

    # The issue step's link leads to the draft, issued there.
    last.get_by_role("link", name="Factures émises au plus tard le 15").click()
    page.get_by_role("button", name="Émettre les factures").click()  # type: ignore[attr-defined]
    page.get_by_role("link", name="F2026-00001").wait_for()  # type: ignore[attr-defined]
    assert "Émise" in page.locator("h1").inner_text()  # type: ignore[attr-defined]
    close = _checklist(page, server)
    assert _done(close) == STEPS
    assert close.locator("ol.checklist > li.open").count() == 0  # type: ignore[attr-defined]
    today = calendar.today().strftime("%d/%m/%Y")
    assert f"Émises le {today}" in close.inner_text()  # type: ignore[attr-defined]
    _snap(page, "38-close-complete")

    # In Dutch, from the header's switcher: the same checklist, complete.
    page.locator("header .languages").get_by_role("link", name="NL").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Afsluiting van november 2026").wait_for()  # type: ignore[attr-defined]
    dutch = page.locator("#month-close").inner_text()  # type: ignore[attr-defined]
    assert f"{len(WORKERS)} van de {len(WORKERS)} bladen nagekeken" in dutch
    assert f"Uitgereikt op {today}" in dutch
    assert "Prestaties geëxporteerd voor het sociaal secretariaat" in dutch
    assert dutch.count("klaar") == STEPS and "te doen" not in dutch
    _snap(page, "39-nl-close-complete")
