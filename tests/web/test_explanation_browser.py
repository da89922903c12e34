"""What pooling gives a member, in a real browser (Debian's Chromium driven by
Playwright), served and photographed as ``test_browser`` does: the administrator issues
May 2026; the Marolles' user opens its invoice and the explanation of one line, in
French and Dutch, and sees no other member's name."""

from app.demo import MEMBERS
from tests.web import test_browser as shared
from tests.web.test_browser import _login, _snap

server = shared.server
browser = shared.browser
pytestmark = shared.pytestmark


def test_a_member_reads_how_its_line_was_computed(browser: object, server: str) -> None:
    admin = _login(browser, server, "admin@ge-bruxelles-solidaire.be")
    admin.wait_for_url(f"{server}/gestion/")  # type: ignore[attr-defined]
    admin.goto(f"{server}/gestion/facturation")  # type: ignore[attr-defined]
    admin.get_by_label("Mois (AAAA-MM)").fill("2026-05")  # type: ignore[attr-defined]
    admin.get_by_role("button", name="Préparer le brouillon").click()  # type: ignore[attr-defined]
    admin.get_by_role("button", name="Émettre les factures").click()  # type: ignore[attr-defined]
    admin.get_by_role("cell", name="F2026-00001").wait_for()  # type: ignore[attr-defined]

    member = _login(browser, server, "direction@mq-marolles.be")
    member.wait_for_url(f"{server}/membre/factures")  # type: ignore[attr-defined]
    # The dashboard's chart: what pooling saved the member this year, worker by worker.
    member.get_by_role("link", name="Compte", exact=True).click()  # type: ignore[attr-defined]
    chart = member.locator("#alone-chart")  # type: ignore[attr-defined]
    chart.wait_for()
    assert "d'économie" in chart.inner_text()
    assert chart.locator("svg rect").count() >= 4
    _snap(member, "30-member-pooling-chart")
    member.get_by_role("link", name="Factures", exact=True).click()  # type: ignore[attr-defined]
    member.get_by_role("link", name="F2026-00001").click()  # type: ignore[attr-defined]
    member.get_by_role("link", name="Expliquer").first.click()  # type: ignore[attr-defined]
    member.get_by_role("heading", name="Le partage entre membres").wait_for()  # type: ignore[attr-defined]
    text = member.locator("main").inner_text()  # type: ignore[attr-defined]
    _snap(member, "28-member-line-explained")
    assert "Coût employeur du mois" in text and "autres membres" in text
    assert "jour férié ou de remplacement" in text  # 1 May
    assert not [name for name, *_ in MEMBERS[1:] if name in text]
    shares = member.locator("table.explain-shares tbody tr").all_inner_texts()  # type: ignore[attr-defined]
    assert len(shares) == 2 and MEMBERS[0][0] in shares[0]

    member.goto(f"{server}/langue/nl?next={member.url.split(server)[1]}")  # type: ignore[attr-defined]
    member.get_by_role("heading", name="De verdeling tussen de leden").wait_for()  # type: ignore[attr-defined]
    dutch = member.locator("main").inner_text()  # type: ignore[attr-defined]
    _snap(member, "29-nl-member-line-explained")
    assert "andere leden" in dutch and "Werkgeverskost van de maand" in dutch
