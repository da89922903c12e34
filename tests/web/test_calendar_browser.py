"""A member user's calendar in a real browser (Debian's Chromium driven by Playwright),
served and photographed exactly as ``test_browser`` does (its ``server`` and ``browser``
fixtures, its screenshots folder): the month's planning, its PDF and .ics, a
subscription link made, read and revoked, and the page in Dutch."""

from icalendar import Calendar

from allocation import calendar
from allocation.formats import month
from app.demo import MEMBERS
from tests.web import test_browser as shared
from tests.web.test_browser import ARTIFACTS, _login, _snap

# test_browser's own: its server (flask run on a scratch database with the demo), its
# Chromium, and its skip when Debian's chromium is missing.
server = shared.server
browser = shared.browser
pytestmark = shared.pytestmark

MAROLLES = "direction@mq-marolles.be"


def test_a_member_user_sees_its_calendar_and_downloads_its_ics(
    browser: object, server: str
) -> None:
    page = _login(browser, server, MAROLLES)
    page.wait_for_url(f"{server}/membre/factures")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Calendrier", exact=True).click()  # type: ignore[attr-defined]
    this_month = month(calendar.today().replace(day=1), "fr")
    page.get_by_role("heading", name=f"Calendrier — {this_month}").wait_for()  # type: ignore[attr-defined]
    body = page.locator("main").inner_text()  # type: ignore[attr-defined]
    _snap(page, "17-member-calendar")
    # Who comes when: workers and hours, never another member's name.
    assert "Sophie Lambert" in body or "Karim El Amrani" in body, body[:600]
    assert not [other for other, *_ in MEMBERS[1:] if other in body]

    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("link", name="Télécharger le fichier .ics").click()  # type: ignore[attr-defined]
    path = ARTIFACTS / "member-calendar.ics"
    download.value.save_as(path)
    feed = Calendar.from_ical(path.read_bytes())
    assert [str(zone["TZID"]) for zone in feed.walk("VTIMEZONE")] == ["Europe/Brussels"]
    events = feed.walk("VEVENT")
    assert events and all(str(e["SUMMARY"]).endswith("(mise à disposition)") for e in events)

    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("link", name=f"PDF — {this_month}").click()  # type: ignore[attr-defined]
    pdf = ARTIFACTS / "member-calendar.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    page.get_by_role("button", name="Créer un lien d'abonnement").click()  # type: ignore[attr-defined]
    link = page.locator("#new-feed-url")  # type: ignore[attr-defined]
    link.wait_for()
    url = link.input_value()
    _snap(page, "18-member-calendar-link")
    answer = page.request.get(url)  # type: ignore[attr-defined]
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/calendar")
    assert b"BEGIN:VTIMEZONE" in answer.body()
    page.goto(f"{server}/membre/calendrier")  # type: ignore[attr-defined]
    assert page.locator("#new-feed-url").count() == 0  # shown once  # type: ignore[attr-defined]
    page.get_by_role("button", name="Révoquer").click()  # type: ignore[attr-defined]
    page.get_by_text("Lien révoqué").wait_for()  # type: ignore[attr-defined]
    assert page.request.get(url).status == 404  # type: ignore[attr-defined]

    page.goto(f"{server}/langue/nl?next=/membre/calendrier")  # type: ignore[attr-defined]
    dutch_month = month(calendar.today().replace(day=1), "nl")
    page.get_by_role("heading", name=f"Kalender — {dutch_month}").wait_for()  # type: ignore[attr-defined]
    dutch = page.locator("main").inner_text()  # type: ignore[attr-defined]
    _snap(page, "19-nl-member-calendar")
    assert "Het .ics-bestand downloaden" in dutch and "Calendrier" not in dutch


def test_an_administrator_reaches_every_calendar(browser: object, server: str) -> None:
    page = _login(browser, server, "admin@ge-bruxelles-solidaire.be")
    page.wait_for_url(f"{server}/gestion/")  # type: ignore[attr-defined]
    page.get_by_role("link", name="Calendriers").click()  # type: ignore[attr-defined]
    page.get_by_role("heading", name="Calendriers").wait_for()  # type: ignore[attr-defined]
    page.get_by_role("button", name="Créer un lien d'abonnement pour Sophie Lambert").click()  # type: ignore[attr-defined]
    page.locator("#new-feed-url").wait_for()  # type: ignore[attr-defined]
    _snap(page, "20-admin-calendars")
    with page.expect_download() as download:  # type: ignore[attr-defined]
        page.get_by_role("link", name="PDF de Sophie Lambert", exact=False).click()  # type: ignore[attr-defined]
    path = ARTIFACTS / "worker-calendar.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")
