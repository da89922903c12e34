"""Getting paid in a real browser (Debian's Chromium driven by Playwright), served and
photographed as ``test_browser`` does: the administrator issues May 2026, imports a
CODA statement written from the published layout (``tests.bankfiles``), assigns its
unmatched credit to the Marolles' invoice, and the Marolles' user sees its balance fall;
the pages in Dutch."""

import re
from datetime import date
from decimal import Decimal

from tests.bankfiles import Movement, coda_file
from tests.web import test_browser as shared
from tests.web.test_browser import ARTIFACTS, _login, _snap

server = shared.server
browser = shared.browser
pytestmark = shared.pytestmark

ADMIN = "admin@ge-bruxelles-solidaire.be"
MAROLLES = "direction@mq-marolles.be"
MAROLLES_NAME = "Maison de Quartier des Marolles ASBL"


def _euros(text: str) -> Decimal:
    """« 1 234,56 € » (or with a narrow no-break space) as a Decimal."""
    digits = re.sub(r"[^0-9,-]", "", text).replace(",", ".")
    return Decimal(digits)


def _balance(page: object) -> Decimal:
    return _euros(page.locator("#balance strong").inner_text())  # type: ignore[attr-defined]


def test_an_unmatched_payment_assigned_lowers_the_members_balance(
    browser: object, server: str
) -> None:
    admin = _login(browser, server, ADMIN)
    admin.wait_for_url(f"{server}/gestion/")  # type: ignore[attr-defined]
    admin.goto(f"{server}/gestion/facturation")  # type: ignore[attr-defined]
    admin.get_by_label("Mois (AAAA-MM)").fill("2026-05")  # type: ignore[attr-defined]
    admin.get_by_role("button", name="Préparer le brouillon").click()  # type: ignore[attr-defined]
    admin.get_by_role("button", name="Émettre les factures").click()  # type: ignore[attr-defined]
    admin.get_by_role("cell", name="F2026-00001").wait_for()  # type: ignore[attr-defined]

    member = _login(browser, server, MAROLLES)
    member.wait_for_url(f"{server}/membre/factures")  # type: ignore[attr-defined]
    member.get_by_role("link", name="Compte", exact=True).click()  # type: ignore[attr-defined]
    member.locator("#balance").wait_for()  # type: ignore[attr-defined]
    before = _balance(member)
    assert before > 0
    _snap(member, "21-member-account-before")

    statement = ARTIFACTS / "releve-juin.cod"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    statement.write_bytes(
        coda_file(
            "BE21001234567803",
            [
                Movement(
                    Decimal("500.00"),
                    "Acompte facture mai",
                    False,
                    "BE68539007547034",
                    "MQ MAROLLES ASBL",
                    date(2026, 6, 20),
                )
            ],
            day=date(2026, 6, 20),
        )
    )
    admin.get_by_role("link", name="Banque").click()  # type: ignore[attr-defined]
    admin.get_by_label("Relevé bancaire (CODA ou camt.053)").set_input_files(str(statement))  # type: ignore[attr-defined]
    admin.get_by_role("button", name="Envoyer").click()  # type: ignore[attr-defined]
    admin.get_by_text("1 à attribuer").wait_for()  # type: ignore[attr-defined]
    queue = admin.locator("table.queue")  # type: ignore[attr-defined]
    assert "Acompte facture mai" in queue.inner_text() and "500,00" in queue.inner_text()
    _snap(admin, "22-bank-queue")

    row = queue.locator("tbody tr").first
    invoices = row.get_by_label("Facture")
    marolles = [
        option for option in invoices.locator("option").all_inner_texts() if MAROLLES_NAME in option
    ]
    assert len(marolles) == 1, marolles
    invoices.select_option(label=marolles[0])
    row.get_by_role("button", name="Attribuer").click()
    admin.get_by_text("Enregistré.").first.wait_for()  # type: ignore[attr-defined]
    assert "Rien à attribuer" in admin.locator("table.queue").inner_text()  # type: ignore[attr-defined]
    done = admin.locator("table.recent").inner_text()  # type: ignore[attr-defined]
    assert "Attribué" in done and MAROLLES_NAME in done
    _snap(admin, "23-bank-assigned")

    member.reload()  # type: ignore[attr-defined]
    member.locator("#balance").wait_for()  # type: ignore[attr-defined]
    assert _balance(member) == before - Decimal("500.00")
    assert "Payée en partie" in member.locator("table.account-invoices").inner_text()  # type: ignore[attr-defined]
    _snap(member, "24-member-account-after")
    with member.expect_download() as download:  # type: ignore[attr-defined]
        member.get_by_role("link", name="PDF").first.click()  # type: ignore[attr-defined]
    pdf = ARTIFACTS / "releve-de-compte.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    member.goto(f"{server}/langue/nl?next=/membre/compte")  # type: ignore[attr-defined]
    member.get_by_role("heading", name=f"Rekening — {MAROLLES_NAME}").wait_for()  # type: ignore[attr-defined]
    dutch = member.locator("main").inner_text()  # type: ignore[attr-defined]
    assert "Gedeeltelijk betaald" in dutch and "Openstaand" in dutch
    _snap(member, "25-nl-member-account")

    admin.goto(f"{server}/langue/nl?next=/gestion/banque")  # type: ignore[attr-defined]
    admin.get_by_role("heading", name="Toe te wijzen betalingen (0)").wait_for()  # type: ignore[attr-defined]
    _snap(admin, "26-nl-bank")
    admin.goto(f"{server}/gestion/comptes")  # type: ignore[attr-defined]
    accounts = admin.locator("table.accounts").inner_text()  # type: ignore[attr-defined]
    assert MAROLLES_NAME in accounts
    _snap(admin, "27-nl-accounts")
