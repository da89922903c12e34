"""Every page of the demo, walked as the administrator and as a member user in French and
Dutch, shows no enum value: each goes through its label (``app.web.formats.label``).
Numbers and months are in the reader's locale, marshmallow's limits in the reader's words."""

import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app import jobs
from app.db import db
from app.demo import ADMIN_EMAIL, MEMBERS
from app.i18n import catalogue, label, translate_tree
from app.models import BillingRun, DayEntry, Groupement, Invoice, Member, Worker
from app.models import enums as model_enums
from app.web.formats import ENUM_LABELS, ENUMS, hours, month, number
from tests.conftest import World
from tests.helpers import csrf_token, signed_in

# Links the walk does not follow: downloads, the language switch, signing out.
NOT_PAGES = re.compile(r"\.(pdf|xml|xlsx|csv|ics)$|/exports/journal|/langue/|/deconnexion|/api/")
# Attributes a reader sees or hears (a screen reader reads aria-label).
SHOWN_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")


class _Page(HTMLParser):
    """A page's visible text (text nodes outside scripts and styles, and the attributes a
    reader perceives) and its links."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        values = dict(attrs)
        # A link to the previous or next of a series (the planning board's weeks) is the
        # same page again, endlessly: the walk asks for the weeks it wants (``also``).
        if tag == "a" and values.get("href") and values.get("rel") not in ("prev", "next"):
            self.links.append(str(values["href"]))
        self.text.extend(str(values[name]) for name in SHOWN_ATTRIBUTES if values.get(name))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.text.append(data)


def read(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def model_enum_values() -> set[str]:
    """Every value of every enum in app/models/enums.py (the billing core's lists it
    names included)."""
    return {
        member.value
        for thing in vars(model_enums).values()
        if isinstance(thing, type)
        and issubclass(thing, model_enums.StrEnum)
        and thing is not model_enums.StrEnum
        for member in thing
    }


def leaks(language: str, names: Iterable[str]) -> set[str]:
    """The values that must not show in ``language``: every enum value, but those the
    language's own texts, or the records' names, use as words ("en" in French, the
    "ASBL" in "Maison de Quartier des Marolles ASBL")."""
    words: set[str] = set()
    texts = [text for key, text in catalogue(language)._catalog.items() if key]  # no header
    for text in [*texts, *names]:
        words.update(re.findall(r"[\w-]+", re.sub(r"\{\w+\}", "", str(text))))
    others = ("Severity", "Job", "JobOutcome")  # the rules' and the scheduled jobs' lists
    values = model_enum_values() | {value for name in others for value in ENUMS[name]}
    return {value for value in values if value not in words}


def walk(client: FlaskClient, start: Iterable[str], also: Iterable[str] = ()) -> dict[str, str]:
    """The visible text of every page reached from ``start`` by its links (this site's,
    GET, pages only), and of the pages ``also``."""
    seen: dict[str, str] = {}
    queue = [*start, *also]
    while queue:
        path = queue.pop(0)
        if path in seen:
            continue
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        page = read(response.get_data(as_text=True))
        seen[path] = " ".join(page.text)
        for link in page.links:
            target = urlsplit(urljoin(path, link))
            if target.netloc or NOT_PAGES.search(target.path):
                continue
            url = target.path + (f"?{target.query}" if target.query else "")
            if url.startswith(("/gestion", "/membre", "/mot-de-passe")) and url not in seen:
                queue.append(url)
    return seen


def found(pages: dict[str, str], values: set[str]) -> list[tuple[str, str, str]]:
    """Each value shown as a whole word, with the page and its surroundings. An e-mail
    address is not text: the admin in admin@… is not the role."""
    pages = {path: re.sub(r"\S+@\S+", " ", text) for path, text in pages.items()}
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(values))) + r")(?![\w-])")
    return [
        (path, hit.group(1), text[max(0, hit.start() - 40) : hit.end() + 40])
        for path, text in pages.items()
        for hit in pattern.finditer(text)
    ]


@pytest.fixture
def billed(app: Flask, connection: Any, world: World) -> None:
    """The demo with what its pages show once it lives: a sweep and a month's draft
    (job runs, notifications, a draft run), that month issued, an invoice credited and
    the month billed again (a complement run)."""
    with app.app_context():
        jobs.run("compliance_sweep", world.ge_a, date(2026, 11, 16))
        jobs.run("month_end_draft", world.ge_a, date(2026, 11, 1))
        db.session.remove()
    admin = signed_in(app, ADMIN_EMAIL)
    with app.app_context():
        run = (
            db.session()
            .scalars(select(BillingRun).where(BillingRun.groupement_id == world.ge_a))
            .one()
        )
        ident = run.id
        db.session.remove()
    token = csrf_token(admin, f"/gestion/facturation/{ident}")
    assert admin.post(f"/gestion/facturation/{ident}", data={"csrf_token": token}).status_code < 400
    with app.app_context():
        invoice = (
            db.session()
            .scalars(
                select(Invoice).where(Invoice.groupement_id == world.ge_a).order_by(Invoice.id)
            )
            .first()
        )
        assert invoice is not None and invoice.reference
        invoice_id = invoice.id
        db.session.remove()
    credited = admin.post(
        f"/gestion/factures/{invoice_id}/credit",
        data={"csrf_token": token, "reason": "Erreur d'heures"},
    )
    assert credited.status_code < 400
    admin.post("/gestion/facturation", data={"csrf_token": token, "period": "2026-11"})


def _names(app: Flask) -> list[str]:
    """The words the records give the pages: names, notes."""
    with app.app_context():
        session = db.session()
        names = [
            *session.scalars(select(Member.name)),
            *session.scalars(select(Groupement.name)),
            *session.scalars(select(Worker.first_name)),
            *session.scalars(select(Worker.last_name)),
            *(note or "" for note in session.scalars(select(DayEntry.note))),
        ]
        db.session.remove()
    return names


def _demo_months(app: Flask) -> set[str]:
    with app.app_context():
        days = db.session().scalars(select(DayEntry.day)).all()
        db.session.remove()
    return {f"{day:%Y-%m}" for day in days}


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_no_page_shows_an_enum_value(
    app: Flask, connection: Any, billed: None, language: str
) -> None:
    forbidden = leaks(language, _names(app))
    assert {"open_ended", "fixed_term", "draft", "issued", "regular", "pro_rata"} <= forbidden
    pages: dict[str, str] = {}
    for email, start in ((ADMIN_EMAIL, "/gestion/"), (MEMBERS[0][-1], "/membre/factures")):
        client = signed_in(app, email)
        client.get(f"/langue/{language}")
        reached = walk(client, [start])
        # Each worker's month with the demo's entries in it, besides the current one.
        months = [
            f"{path}?mois={month}"
            for path in reached
            if path.endswith("/mois")
            for month in _demo_months(app)
        ]
        # The planning board of a week with the demo's day entries, in each of its views.
        boards = [
            f"{path}?semaine=2026-W47{view}"
            for path in reached
            if path.endswith("/planning")
            for view in ("", "&vue=membres")
        ]
        pages |= {
            f"{email} {path}": text for path, text in walk(client, [], months + boards).items()
        }
        pages |= {f"{email} {path}": text for path, text in reached.items()}
    paths = {path.split(" ", 1)[1].split("?")[0] for path in pages}
    for expected in (
        "/gestion/travailleurs",
        "/gestion/facturation",
        "/gestion/taches",
        "/gestion/parametres",
        "/gestion/exports",
        "/membre/heures",
        "/gestion/planning",
        "/membre/planning",
    ):
        assert expected in paths
    assert any(re.fullmatch(r"/gestion/travailleurs/\d+", path) for path in paths)
    assert any(re.fullmatch(r"/gestion/facturation/\d+", path) for path in paths)
    assert any(re.fullmatch(r"/gestion/travailleurs/\d+/mois", path) for path in paths)
    month = {"fr": "novembre 2026", "nl": "november 2026"}[language]
    assert any(month in text for text in pages.values())
    decimal_points = [path for path, text in pages.items() if re.search(r"\d\.\d\d\s?h\b", text)]
    assert not decimal_points  # hours as 66,88 h, never 66.88 h
    raw = [path for path, text in pages.items() if re.search(r'\{"|\b\d{4,}\.\d\d\b', text)]
    assert not raw  # no JSON (a job run's summary), no Decimal as Python prints it
    hits = found(pages, forbidden)
    print(f"{len(pages)} pages, {len(forbidden)} values looked for")
    assert not hits, "\n".join(f"{path}: {value!r} in …{around!r}…" for path, value, around in hits)


def test_the_labels_are_the_lists_values() -> None:
    assert list(ENUM_LABELS) == [
        f"enum.{name}.{v}" for name, values in ENUMS.items() for v in values
    ]
    listed = {value for values in ENUMS.values() for value in values}
    assert model_enum_values() <= listed


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Doit être compris entre 0 et 90."),
        ("nl", "Moet tussen 0 en 90 liggen."),
    ],
)
def test_marshmallows_limits_in_the_readers_words(
    app: Flask, connection: Any, language: str, expected: str
) -> None:
    admin = signed_in(app, ADMIN_EMAIL)
    admin.get(f"/langue/{language}")
    token = csrf_token(admin, "/gestion/parametres")
    refused = admin.post(
        "/gestion/parametres",
        data={"csrf_token": token, "form": "groupement", "issue_date_days_ahead": "500"},
    ).get_data(as_text=True)
    assert expected in refused, refused
    assert "Must be" not in refused


@pytest.mark.parametrize(
    ("message", "texts"),
    [
        (
            "Must be greater than or equal to 1 and less than or equal to 28.",
            (
                "Doit être compris entre 1 et 28.",
                "Moet tussen 1 en 28 liggen.",
                "Must be between 1 and 28.",
            ),
        ),
        (
            "Must be greater than 0.",
            ("Doit être supérieur à 0.", "Moet groter dan 0 zijn.", "Must be more than 0."),
        ),
        (
            "Must be less than or equal to 90.",
            (
                "Doit être inférieur ou égal à 90.",
                "Moet kleiner dan of gelijk aan 90 zijn.",
                "Must be at most 90.",
            ),
        ),
        (
            "Longer than maximum length 200.",
            ("Au plus 200 caractères.", "Hoogstens 200 tekens.", "At most 200 characters."),
        ),
        (
            "Length must be between 1 and 100.",
            (
                "Entre 1 et 100 caractères.",
                "Tussen 1 en 100 tekens.",
                "Between 1 and 100 characters.",
            ),
        ),
        (
            "Must be one of: csv, xlsx.",
            (
                "Doit être l'une des valeurs : csv, xlsx.",
                "Moet een van deze waarden zijn: csv, xlsx.",
                "Must be one of: csv, xlsx.",
            ),
        ),
        ("Something else.", ("Something else.",) * 3),
    ],
)
def test_marshmallows_sentences_with_limits_become_ids(
    message: str, texts: tuple[str, ...]
) -> None:
    for language, text in zip(("fr", "nl", "en"), texts, strict=True):
        assert translate_tree({"field": [message]}, language) == {"field": [text]}


def test_the_formats_of_each_locale(app: Flask) -> None:
    expected = {
        "fr": ("1\u202f234,50", "6,50\u00a0h", "mai 2026", "Contrat à durée indéterminée"),
        "nl": ("1.234,50", "6,50\u00a0u", "mei 2026", "Overeenkomst van onbepaalde duur"),
        "en": ("1,234.50", "6.50\u00a0h", "May 2026", "Open-ended contract"),
    }
    for language, (amount, time, name, kind) in expected.items():
        with app.test_request_context(headers={"Accept-Language": language}):
            assert number(Decimal("1234.5")) == amount
            assert hours(Decimal("6.5")) == time
            assert month(date(2026, 5, 1)) == name
            assert label(model_enums.ContractType.OPEN_ENDED) == kind
            assert label("succeeded", "JobOutcome") != "succeeded"
