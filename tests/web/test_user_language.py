"""Each person's language: the pages speak the signed-in user's own (the switcher
overrides it for the session), the API the request's Accept-Language and else the
token's user's own; the profile page changes it."""

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from app.db import db
from app.demo import ADMIN_EMAIL, ENGLISH_ACCOUNTANT_EMAIL, MEMBERS
from app.models import User
from app.models.enums import Language
from tests.helpers import csrf_token, signed_in

DUTCH_MEMBER = next(login for name, *_rest, login in MEMBERS if name == "Buurthuis Ribaucourt vzw")


@pytest.fixture(autouse=True)
def _rolled_back(connection: Any) -> None:
    """Every test here runs in the suite's rolled-back transaction."""


def _language_of(app: Flask, email: str) -> Language:
    with app.app_context():
        return db.session().scalars(select(User.language).where(User.email == email)).one()


def test_a_dutch_member_user_reads_dutch_pages_without_the_switcher(app: Flask) -> None:
    assert _language_of(app, DUTCH_MEMBER) is Language.NL
    member = signed_in(app, DUTCH_MEMBER)
    page = member.get("/membre/factures").get_data(as_text=True)
    assert '<html lang="nl">' in page and "Facturen" in page
    # Even when the browser asks for French: the user's own language comes first.
    asked = member.get("/membre/factures", headers={"Accept-Language": "fr"})
    assert '<html lang="nl">' in asked.get_data(as_text=True)


def test_the_demos_english_accountant_reads_english_staff_pages(app: Flask) -> None:
    assert _language_of(app, ENGLISH_ACCOUNTANT_EMAIL) is Language.EN
    accountant = signed_in(app, ENGLISH_ACCOUNTANT_EMAIL)
    page = accountant.get("/gestion/exports").get_data(as_text=True)
    assert '<html lang="en">' in page and "Accounting exports" in page


def test_the_switcher_overrides_the_users_language_until_the_next_sign_in(app: Flask) -> None:
    member = signed_in(app, DUTCH_MEMBER)
    member.get("/langue/en")
    assert '<html lang="en">' in member.get("/membre/factures").get_data(as_text=True)
    # Signing out keeps the language just read on the sign-in page...
    member.post("/deconnexion", data={"csrf_token": csrf_token(member, "/membre/factures")})
    assert '<html lang="en">' in member.get("/connexion").get_data(as_text=True)
    # ...and signing in again gives the user's own language back.
    again = signed_in(app, DUTCH_MEMBER)
    assert '<html lang="nl">' in again.get("/membre/factures").get_data(as_text=True)


def test_without_a_user_the_browsers_language_then_french(app: Flask) -> None:
    client = app.test_client()
    nl = client.get("/connexion", headers={"Accept-Language": "nl-BE,nl;q=0.9"})
    assert '<html lang="nl">' in nl.get_data(as_text=True)
    assert '<html lang="fr">' in client.get("/connexion").get_data(as_text=True)


def test_the_api_answers_the_users_token_in_their_language_unless_asked_otherwise(
    as_user: Any,
) -> None:
    dutch = "member_a" + str([login for *_rest, login in MEMBERS].index(DUTCH_MEMBER))
    missing = "/api/v1/members/999999999"
    assert as_user(dutch).get(missing).get_json()["message"] == "Bron niet gevonden."
    english = as_user(dutch, "en").get(missing).get_json()["message"]
    assert english == "Resource not found."
    # A language the API does not speak falls back to the user's own.
    assert as_user(dutch, "de").get(missing).get_json()["message"] == "Bron niet gevonden."
    # A French user, no Accept-Language: French.
    assert as_user("admin_a").get(missing).get_json()["message"] == "Ressource introuvable."


def test_the_profile_changes_the_language_at_once(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    admin.get("/langue/nl")  # a switch made earlier in the session gives way
    page = admin.get("/profil").get_data(as_text=True)
    assert 'value="fr" lang="fr" selected' in page
    saved = admin.post(
        "/profil",
        data={"language": "en", "csrf_token": csrf_token(admin, "/profil")},
        follow_redirects=True,
    )
    assert saved.status_code == 200
    text = saved.get_data(as_text=True)
    assert '<html lang="en">' in text and "Your language is saved." in text
    assert _language_of(app, ADMIN_EMAIL) is Language.EN
    assert '<html lang="en">' in admin.get("/gestion/").get_data(as_text=True)


def test_the_profile_refuses_a_language_it_does_not_know(app: Flask) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    for bad in ("de", "", "FR"):
        refused = admin.post(
            "/profil", data={"language": bad, "csrf_token": csrf_token(admin, "/profil")}
        )
        assert refused.status_code == 422
        assert "Choisissez le français, le néerlandais ou" in refused.get_data(as_text=True)
    assert _language_of(app, ADMIN_EMAIL) is Language.FR


def test_the_profile_needs_a_sign_in_and_a_csrf_token(app: Flask) -> None:
    client = app.test_client()
    assert client.get("/profil").status_code == 302
    admin = signed_in(app, ADMIN_EMAIL)
    assert admin.post("/profil", data={"language": "nl"}).status_code == 400
    assert _language_of(app, ADMIN_EMAIL) is Language.FR


def test_the_header_links_the_profile_next_to_the_email(app: Flask) -> None:
    page = signed_in(app, ADMIN_EMAIL).get("/gestion/").get_data(as_text=True)
    assert f'<a href="/profil">{ADMIN_EMAIL}</a>' in page
