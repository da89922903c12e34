"""The web application in a real browser (Debian's Chromium driven by Playwright).

A server of its own (``flask run`` on a scratch database with the demo GE) so that the
browser sees committed data. Each page's screenshot lands in test-artifacts/web/.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.dates import format_date
from stdnum.be import vat

from allocation import calendar

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"
PASSWORD = "mutua-demo-2026"
pytestmark = pytest.mark.skipif(
    not CHROMIUM and os.environ.get("CI") != "true",
    reason="Debian's chromium is installed by .ci/run; missing here",
)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    scratch = tmp_path_factory.mktemp("web")
    env = {
        **os.environ,
        "MUTUA_DATABASE_URL": f"sqlite:///{scratch / 'web.db'}",
        "FLASK_APP": "app",
    }
    env.pop("MUTUA_TEST_DATABASE_URL", None)
    flask = [sys.executable, "-m", "flask", "--app", "app"]
    for command in (["migrate"], ["seed-demo"]):
        subprocess.run(flask + command, env=env, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [*flask, "run", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    # A loaded machine (CI beside other work) can take many seconds to start it.
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.terminate()
                raise RuntimeError(f"the test server did not start at {base}") from None
            time.sleep(0.2)
    try:
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    assert CHROMIUM, "CI must have Debian's chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield launched
        launched.close()


def _snap(page: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _login(browser: object, base: str, email: str) -> object:
    context = browser.new_context(accept_downloads=True, locale="fr-BE")  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{base}/connexion")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    return page


def _block(page: object, where: str, start: str, end: str, n: int = 1) -> None:
    """Type a block's start and end in the schedule editor (``where``: "Member, day", or
    "Semaine 2, Member, day" in a cycle)."""
    page.get_by_label(f"{where}, début {n}", exact=True).fill(start)  # type: ignore[attr-defined]
    page.get_by_label(f"{where}, fin {n}", exact=True).fill(end)  # type: ignore[attr-defined]


def _enterprise_number() -> str:
    for base in range(8_000_000, 8_000_100):
        for check in range(100):
            number = f"0{base}{check:02d}"
            if vat.is_valid(number):
                return number
    raise AssertionError("no number")


def test_an_administrator_places_a_worker_and_bills_the_month(browser: object, server: str) -> None:
    page = _login(browser, server, "admin@ge-bruxelles-solidaire.be")
    page.wait_for_url(f"{server}/gestion/")
    _snap(page, "01-dashboard")

    page.goto(f"{server}/gestion/membres")
    page.get_by_label("Nom *").fill("Les Ateliers du Midi ASBL")
    page.get_by_label("Numéro d'entreprise *").fill(_enterprise_number())
    page.get_by_label("Rue et numéro *").fill("Rue du Midi 10")
    page.get_by_label("Code postal *").fill("1000")
    page.get_by_label("Commune *").fill("Bruxelles")
    page.get_by_label("Membre depuis le *").fill("2026-01-01")
    page.get_by_role("button", name="Ajouter").click()
    page.get_by_text("Enregistré.").wait_for()
    assert page.get_by_role("cell", name="Les Ateliers du Midi ASBL").is_visible()
    _snap(page, "02-members")

    page.goto(f"{server}/gestion/travailleurs")
    page.get_by_label("Prénom *").fill("Nadia")
    page.get_by_label("Nom de famille *").fill("Vermeulen")
    page.get_by_role("button", name="Ajouter").click()
    page.get_by_role("heading", name="Nadia Vermeulen").wait_for()
    page.get_by_label("Début *").fill("2026-01-01")
    page.get_by_label("Brut mensuel (€) *").fill("1600.00")
    page.get_by_role("button", name="Ajouter").click()
    page.get_by_text("Enregistré.").wait_for()
    _snap(page, "03-worker-contract")

    # Tuesday till 21:00 at one member, Wednesday from 07:00 at another: 10 h of rest.
    _block(page, "Les Ateliers du Midi ASBL, mardi", "14:00", "21:00")
    _block(page, "Maison de Quartier des Marolles ASBL, mercredi", "07:00", "11:00")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("WT-REST-11H").first.wait_for()
    assert page.get_by_text("Refusé : rien n'a été enregistré.").first.is_visible()
    # The refused week stays on screen as typed; the worker's page shows nothing saved.
    tuesday = page.get_by_label("Les Ateliers du Midi ASBL, mardi, début 1", exact=True)
    assert tuesday.input_value() == "14:00"
    # Wednesday's block, the one that starts too soon, says which rule refused it.
    wednesday = page.get_by_label("Maison de Quartier des Marolles ASBL, mercredi, début 1")
    assert wednesday.get_attribute("aria-invalid") == "true"
    _snap(page, "04-schedule-refused")
    page.goto(page.url)
    assert tuesday.input_value() == ""

    for day in ("lundi", "mardi", "mercredi", "jeudi", "vendredi"):
        member = (
            "Les Ateliers du Midi ASBL"
            if day in ("lundi", "mardi")
            else "Maison de Quartier des Marolles ASBL"
        )
        _block(page, f"{member}, {day}", "09:00", "12:48")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.get_by_text("Enregistré.").first.wait_for()
    monday = page.get_by_label("Les Ateliers du Midi ASBL, lundi, début 1", exact=True)
    assert monday.input_value() == "09:00"
    _snap(page, "05-schedule-saved")

    page.goto(f"{server}/gestion/facturation")
    page.get_by_label("Mois (AAAA-MM)").fill("2026-05")
    page.get_by_role("button", name="Préparer le brouillon").click()
    page.get_by_role("button", name="Émettre les factures").wait_for()
    _snap(page, "06-run-draft")
    page.get_by_role("button", name="Émettre les factures").click()
    page.get_by_role("cell", name="F2026-00001").wait_for()
    _snap(page, "07-run-issued")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").first.click()
    path = ARTIFACTS / "F2026-00001.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_a_member_sees_only_its_own_invoices(browser: object, server: str) -> None:
    page = _login(browser, server, "direction@mq-marolles.be")
    page.wait_for_url(f"{server}/membre/factures")
    _snap(page, "08-member-invoices")
    references = page.locator("tbody tr td:first-child").all_inner_texts()
    assert references and all(ref.startswith("F2026-") for ref in references)
    own = page.get_by_role("link", name="PDF").first.get_attribute("href")
    assert own is not None
    own_id = int(own.split("/")[-1].split(".")[0])
    others = [
        i
        for i in range(1, 12)
        if f"/membre/documents/{i}.pdf"
        not in page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    ]
    response = page.request.get(f"{server}/membre/documents/{others[0]}.pdf")
    assert response.status == 404
    assert page.request.get(f"{server}/membre/documents/{own_id}.pdf").status == 200
    assert page.request.get(f"{server}/gestion/membres").status == 404
    page.goto(f"{server}/membre/heures")
    _snap(page, "09-member-hours")


def test_an_accountant_downloads_the_journal(browser: object, server: str) -> None:
    page = _login(browser, server, "comptable@fiduciaire-sablon.be")
    page.wait_for_url(f"{server}/gestion/exports")
    # The journal books documents by issue date: the month was issued today (in Brussels).
    today = calendar.today()
    issued = today.strftime("%Y-%m")
    page.get_by_label("Mois (AAAA-MM)").fill(issued)
    page.get_by_role("button", name="Afficher").click()
    _snap(page, "10-accountant-exports")
    with page.expect_download() as download:
        page.get_by_role(
            "link",
            name=f"Journal des ventes (CSV) — {format_date(today, 'LLLL yyyy', locale='fr_BE')}",
        ).click()
    path = ARTIFACTS / "journal-2026-05.csv"
    download.value.save_as(path)
    assert path.read_text(encoding="utf-8").startswith("journal;document;type")
    assert "F2026-00001" in path.read_text(encoding="utf-8")


def test_the_api_docs_page_renders_under_its_security_policy(browser: object, server: str) -> None:
    context = browser.new_context()  # type: ignore[attr-defined]
    page = context.new_page()
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(f"{server}/api/v1/docs")
    assert response.headers["x-frame-options"] == "DENY"
    page.get_by_text("/api/v1/members/").first.wait_for()
    _snap(page, "11-api-docs")
    context.close()
    assert refused == []


def test_the_dutch_pages_show_labels_not_values(browser: object, server: str) -> None:
    """In the real browser, in Dutch: the billing runs, a run and a worker's contracts
    show each enum value by its label (the Flask-client walk covers every page)."""
    from app.demo import MEMBERS
    from tests.web.test_page_texts import found, leaks

    forbidden = leaks("nl", [member[0] for member in MEMBERS] + ["Les Ateliers du Midi ASBL"])
    page = _login(browser, server, "admin@ge-bruxelles-solidaire.be")
    page.wait_for_url(f"{server}/gestion/")
    page.goto(f"{server}/langue/nl?next=/gestion/facturation")
    texts = {"runs": page.locator("body").inner_text()}  # type: ignore[attr-defined]
    _snap(page, "12-nl-runs")
    page.locator("tbody a").first.click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Facturatie", exact=False).first.wait_for()  # type: ignore[attr-defined]
    texts["run"] = page.locator("body").inner_text()  # type: ignore[attr-defined]
    _snap(page, "13-nl-run")
    page.goto(f"{server}/gestion/travailleurs")  # type: ignore[attr-defined]
    page.locator("tbody a").first.click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Arbeidsovereenkomsten", exact=True).wait_for()  # type: ignore[attr-defined]
    texts["worker"] = page.locator("body").inner_text()  # type: ignore[attr-defined]
    _snap(page, "14-nl-worker")
    assert "Totaal excl. btw" in texts["run"] and "HTVA" not in texts["run"]
    assert "per week" in texts["worker"] and "h uren" not in texts["worker"]
    assert not found(texts, forbidden)


def test_a_dutch_member_reads_dutch_pages_and_a_dutch_invoice(browser: object, server: str) -> None:
    """The Buurthuis Ribaucourt user reads Dutch (their own language, no switch): the
    pages, and the lines and amounts of the invoice PDF (nl_BE: € 1.234,56)."""
    import re

    from pypdf import PdfReader

    page = _login(browser, server, "coordinatie@buurthuis-ribaucourt.be")
    page.wait_for_url(f"{server}/membre/factures")
    page.get_by_role("heading", name="Facturen").wait_for()  # type: ignore[attr-defined]
    body = page.locator("body").inner_text()  # type: ignore[attr-defined]
    _snap(page, "15-nl-member-invoices")
    assert "Factures" not in body and "Afmelden" in body
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("link", name="PDF").first.click()  # type: ignore[attr-defined]
    path = ARTIFACTS / "nl-member-invoice.pdf"
    download.value.save_as(path)
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Terbeschikkingstelling van" in text and "Mise à disposition" not in text
    assert re.search(r"€\s\d{1,3}\.\d{3},\d{2}", text), text[:400]  # € 1.718,31


def test_an_administrator_who_chooses_english_reads_english_pages(
    browser: object, server: str
) -> None:
    page = _login(browser, server, "admin@ge-bruxelles-solidaire.be")
    page.wait_for_url(f"{server}/gestion/")
    page.goto(f"{server}/profil")  # type: ignore[attr-defined]
    page.locator("#language").select_option("en")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Enregistrer").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Profile").wait_for()  # type: ignore[attr-defined]
    page.goto(f"{server}/gestion/travailleurs")  # type: ignore[attr-defined]
    body = page.locator("body").inner_text()  # type: ignore[attr-defined]
    _snap(page, "16-en-workers")
    assert "Workers" in body and "Sign out" in body and "Travailleurs" not in body
    # Back to French for whoever signs in next.
    page.goto(f"{server}/profil")  # type: ignore[attr-defined]
    page.locator("#language").select_option("fr")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Save").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Profil").wait_for()  # type: ignore[attr-defined]


def test_an_administrator_prints_the_planning_board_of_a_week(browser: object, server: str) -> None:
    """The board of a week from the menu, by worker then by member, a week back, then
    printed: the page as print shows it (no menu, no buttons; the members' colours kept)
    and as a PDF on landscape A4. The same board in Dutch, and a member's own."""
    from urllib.parse import quote

    from pypdf import PdfReader

    page = _login(browser, server, "admin@ge-bruxelles-solidaire.be")
    page.wait_for_url(f"{server}/gestion/")
    page.get_by_role("link", name="Planning", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Planning — semaine").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Semaine", exact=True).fill("2026-W47")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Afficher").click()  # type: ignore[attr-defined]
    page.get_by_role(  # type: ignore[attr-defined]
        "heading", name="Planning — semaine 47, du 16/11/2026 au 22/11/2026"
    ).wait_for()
    sophie = page.get_by_role("row", name="Sophie Lambert")  # type: ignore[attr-defined]
    assert "Maison de Quartier des Marolles ASBL" in sophie.get_by_role("cell").nth(0).inner_text()
    assert "08:30–12:30" in sophie.get_by_role("cell").nth(0).inner_text()
    _snap(page, "17-board-week")

    page.get_by_role("link", name="Par membre").click()  # type: ignore[attr-defined]
    buurthuis = page.get_by_role("row", name="Buurthuis Ribaucourt vzw")  # type: ignore[attr-defined]
    assert "Marie Dubois" in buurthuis.get_by_role("cell").nth(0).inner_text()
    _snap(page, "18-board-by-member")

    page.get_by_role("link", name="Semaine précédente").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Planning — semaine 46").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("columnheader", name="mercredi 11/11/2026 Jour férié").is_visible()  # type: ignore[attr-defined]
    page.get_by_role("link", name="Par travailleur").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Planning — semaine 46").wait_for()  # type: ignore[attr-defined]

    # The print button calls the browser's print (its script is allowed by the page's policy).
    page.evaluate("window.print = () => { window.printed = true; }")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Imprimer").click()  # type: ignore[attr-defined]
    assert page.evaluate("window.printed === true")  # type: ignore[attr-defined]
    page.emulate_media(media="print")  # type: ignore[attr-defined]
    assert page.locator("header").is_hidden()  # type: ignore[attr-defined]
    assert page.get_by_role("button", name="Imprimer").is_hidden()  # type: ignore[attr-defined]
    assert page.get_by_role("row", name="Sophie Lambert").is_visible()  # type: ignore[attr-defined]
    _snap(page, "19-board-print")
    pdf = ARTIFACTS / "board-2026-W46.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)  # type: ignore[attr-defined]
    printed = PdfReader(pdf)
    first = printed.pages[0]
    assert first.mediabox.width > first.mediabox.height  # landscape
    assert round(float(first.mediabox.width) / 72 * 25.4) == 297  # A4
    text = " ".join(sheet.extract_text() for sheet in printed.pages)
    assert "Planning — semaine 46" in text and "Sophie Lambert" in text
    assert "Semaine précédente" not in text and "Déconnexion" not in text
    page.emulate_media(media="screen")  # type: ignore[attr-defined]

    page.goto(f"{server}/langue/nl?next={quote('/gestion/planning?semaine=2026-W46')}")  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Planning — week 46, van 09/11/2026").wait_for()  # type: ignore[attr-defined]
    assert page.get_by_role("columnheader", name="woensdag 11/11/2026 Feestdag").is_visible()  # type: ignore[attr-defined]
    _snap(page, "20-nl-board")

    member = _login(browser, server, "coordinatie@buurthuis-ribaucourt.be")
    member.wait_for_url(f"{server}/membre/factures")  # type: ignore[attr-defined]
    member.get_by_role("link", name="Planning", exact=True).click()  # type: ignore[attr-defined]
    member.get_by_role("heading", name="Planning — week").wait_for()  # type: ignore[attr-defined]
    member.goto(f"{server}/membre/planning?semaine=2026-W47")  # type: ignore[attr-defined]
    body = member.locator("body").inner_text()  # type: ignore[attr-defined]
    assert "Buurthuis Ribaucourt vzw" in body and "Marie Dubois" in body
    assert "Marolles" not in body and "Thomas Janssens" not in body
    _snap(member, "21-nl-member-board")


MAROLLES = "Maison de Quartier des Marolles ASBL"
CYCLO = "Atelier Vélo Cyclo Schaerbeek ASBL"
MONDAY_TO_THURSDAY = ("lundi", "mardi", "mercredi", "jeudi")


def _new_worker(browser: object, server: str, first: str, last: str) -> object:
    """The administrator signed in, on the page of a new worker with a 19-hour contract
    from Monday 1 June 2026 (after the month billed above) and no schedule yet."""
    page = _login(browser, server, "admin@ge-bruxelles-solidaire.be")
    page.wait_for_url(f"{server}/gestion/")  # type: ignore[attr-defined]
    page.goto(f"{server}/gestion/travailleurs")  # type: ignore[attr-defined]
    page.get_by_label("Prénom *").fill(first)  # type: ignore[attr-defined]
    page.get_by_label("Nom de famille *").fill(last)  # type: ignore[attr-defined]
    page.get_by_role("button", name="Ajouter", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name=f"{first} {last}").wait_for()  # type: ignore[attr-defined]
    page.get_by_label("Début *").fill("2026-06-01")  # type: ignore[attr-defined]
    page.get_by_label("Brut mensuel (€) *").fill("1600.00")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Ajouter", exact=True).click()  # type: ignore[attr-defined]
    page.get_by_text("Enregistré.").wait_for()  # type: ignore[attr-defined]
    return page


def _save(page: object) -> None:
    """Save the schedule form, from a page that shows no "Enregistré." yet."""
    page.get_by_role("button", name="Enregistrer", exact=True).click()  # type: ignore[attr-defined]
    page.locator(".flash.success, .flash.error").first.wait_for()  # type: ignore[attr-defined]


def _two_weeks(page: object) -> None:
    """A cycle of two weeks, week 1 from the contract's first Monday."""
    page.get_by_label("Rotation").select_option("2")  # type: ignore[attr-defined]
    page.get_by_role("button", name="Afficher ces semaines").click()  # type: ignore[attr-defined]
    page.get_by_role("group", name="Semaine 2", exact=True).wait_for()  # type: ignore[attr-defined]
    assert page.get_by_label("Semaine 1 du cycle : la semaine du").input_value() == "2026-06-01"  # type: ignore[attr-defined]


def test_an_administrator_types_a_night_shift_with_the_keyboard(
    browser: object, server: str
) -> None:
    """(a) Monday 22:00 to Tuesday 06:00, typed with the keys alone and saved with Enter:
    saved, WT-NIGHT warns, no WT-REST-11H; the week's total says 8 h as it is typed."""
    page = _new_worker(browser, server, "Lucas", "Nuit")
    start = page.get_by_label(f"{MAROLLES}, lundi, début 1", exact=True)  # type: ignore[attr-defined]
    start.focus()
    page.keyboard.type("2200")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.type("0600")  # type: ignore[attr-defined]
    assert start.input_value() == "22:00"  # written out as it is left
    total = page.locator("form.schedule [data-total='1']")  # type: ignore[attr-defined]
    assert total.inner_text() == "8,00\u00a0h"
    _snap(page, "17-night-typed")
    with page.expect_navigation():  # type: ignore[attr-defined]
        page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.get_by_text("Enregistré.").first.wait_for()  # type: ignore[attr-defined]
    body = page.locator("body").inner_text()  # type: ignore[attr-defined]
    assert "WT-NIGHT" in body and "WT-REST-11H" not in body, body[:1500]
    assert start.input_value() == "22:00"
    assert page.get_by_label(f"{MAROLLES}, lundi, fin 1", exact=True).input_value() == "06:00"  # type: ignore[attr-defined]
    _snap(page, "18-night-saved")
    page.goto(f"{server}/langue/nl?next={page.url.split(server)[1]}")  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Arbeidsovereenkomsten", exact=True).wait_for()  # type: ignore[attr-defined]
    _snap(page, "19-nl-night-saved")


def test_an_administrator_enters_a_two_week_cycle(browser: object, server: str) -> None:
    """(b) Week 1 at one member, week 2 at another, 19 h each: saved, the totals per week
    and the cycle's average follow the typing."""
    page = _new_worker(browser, server, "Inès", "Cycle")
    _two_weeks(page)
    for day in MONDAY_TO_THURSDAY:
        _block(page, f"Semaine 1, {MAROLLES}, {day}", "09:00", "13:45")
        _block(page, f"Semaine 2, {CYCLO}, {day}", "09:00", "13:45")
    totals = page.locator("form.schedule [data-total]")  # type: ignore[attr-defined]
    shown = dict(
        zip(
            totals.evaluate_all("els => els.map(e => e.dataset.total)"),
            totals.all_inner_texts(),
            strict=True,
        )
    )
    assert shown["1"] == shown["2"] == "19,00\u00a0h"
    assert page.locator("form.schedule [data-average]").inner_text() == "19,00\u00a0h"  # type: ignore[attr-defined]
    _snap(page, "20-cycle-typed")
    _save(page)
    page.get_by_text("Enregistré.").first.wait_for()  # type: ignore[attr-defined]
    assert page.get_by_label("Rotation").input_value() == "2"  # type: ignore[attr-defined]
    cell = page.get_by_label(f"Semaine 2, {CYCLO}, jeudi, fin 1", exact=True)  # type: ignore[attr-defined]
    assert cell.input_value() == "13:45"
    _snap(page, "21-cycle-saved")
    page.goto(f"{server}/langue/nl?next={page.url.split(server)[1]}")  # type: ignore[attr-defined]
    page.get_by_role("group", name="Week 2", exact=True).wait_for()  # type: ignore[attr-defined]
    _snap(page, "22-nl-cycle-saved")


def test_an_administrator_copies_week_1_to_week_2(browser: object, server: str) -> None:
    """(c) Week 1 typed once, copied to week 2 with "copy this week to weeks ...", saved."""
    page = _new_worker(browser, server, "Omar", "Copie")
    _two_weeks(page)
    for day in MONDAY_TO_THURSDAY:
        _block(page, f"Semaine 1, {MAROLLES}, {day}", "09:00", "13:45")
    copy = page.get_by_role("group", name="Copier la semaine 1 vers les semaines :")  # type: ignore[attr-defined]
    copy.get_by_label("Semaine 2").check()
    copy.get_by_role("button", name="Copier la semaine 1").click()
    week_2 = page.get_by_label(f"Semaine 2, {MAROLLES}, jeudi, début 1", exact=True)  # type: ignore[attr-defined]
    assert week_2.input_value() == "09:00"
    assert page.locator("form.schedule [data-total='2']").inner_text() == "19,00\u00a0h"  # type: ignore[attr-defined]
    _snap(page, "23-week-copied")
    _save(page)
    page.get_by_text("Enregistré.").first.wait_for()  # type: ignore[attr-defined]
    assert week_2.input_value() == "09:00"
    _snap(page, "24-copied-saved")


def test_the_schedule_editor_works_without_javascript(browser: object, server: str) -> None:
    """JavaScript off: + posts the form back with one more block, nothing saved; saving
    the two blocks of a day works."""
    context = browser.new_context(locale="fr-BE", java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(f"{server}/connexion")
    page.get_by_label("Adresse e-mail").fill("admin@ge-bruxelles-solidaire.be")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Connexion").click()
    page.goto(f"{server}/gestion/travailleurs")
    page.get_by_role("link", name="Nuit").first.click()
    page.get_by_role("heading", name="Lucas Nuit").wait_for()
    _block(page, f"{MAROLLES}, mercredi", "08:00", "12:00")
    page.get_by_role("button", name=f"Ajouter une plage — {MAROLLES}, mercredi").click()
    page.get_by_text("pas encore enregistrée").wait_for()
    _block(page, f"{MAROLLES}, mercredi", "13:00", "16:00", n=2)
    _snap(page, "25-no-js-block-added")
    _save(page)
    page.get_by_text("Enregistré.").first.wait_for()
    assert page.get_by_label(f"{MAROLLES}, mercredi, fin 2", exact=True).input_value() == "16:00"
    context.close()
