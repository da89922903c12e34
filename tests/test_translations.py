"""The translation catalogues, for every package that has some (a gettext domain each):
every message id the code and the templates use is in the fr, nl and en catalogues with a
text, no catalogue holds an id nothing uses, and the compiled catalogues read at run time
are those of the .po files (``make i18n``)."""

from pathlib import Path
from string import Formatter

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from allocation.translations import LANGUAGES
from app.i18n import t

ROOT = Path(__file__).resolve().parents[1]
# The packages with catalogues: the Makefile's I18N_DOMAINS.
DOMAINS = ["app", "legal_rules", "exports"]
KEYWORDS = {"t": None, "N_": None, "say": None}  # as `make i18n` extracts them
CASES = [(domain, language) for domain in DOMAINS for language in LANGUAGES]


def used_ids(domain: str) -> set[str]:
    with (ROOT / domain / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(ROOT / domain, method_map, options_map, keywords=KEYWORDS)
    return {message for _file, _line, message, _comments, _context in found if message}


def files(domain: str, language: str) -> Path:
    return ROOT / domain / "translations" / language / "LC_MESSAGES" / domain


def catalogue(domain: str, language: str) -> Catalog:
    with files(domain, language).with_suffix(".po").open("rb") as source:
        return read_po(source, locale=language)


def test_the_makefile_knows_every_domain() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert f"I18N_DOMAINS := {' '.join(DOMAINS)}\n" in makefile


def untranslated(catalog: Catalog, ids: set[str]) -> list[str]:
    """The ids a catalogue lacks, or holds with an empty text."""
    texts = {message.id: message.string for message in catalog if message.id}
    return sorted(key for key in ids if not texts.get(key))


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_every_message_the_code_uses_has_a_text_in_each_language(
    domain: str, language: str
) -> None:
    assert untranslated(catalogue(domain, language), used_ids(domain)) == []


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_no_catalogue_holds_an_id_that_nothing_uses(domain: str, language: str) -> None:
    held = {message.id for message in catalogue(domain, language) if message.id}
    assert sorted(held - used_ids(domain)) == []


def test_a_missing_translation_is_found() -> None:
    """The check above is not vacuous: one Dutch text emptied, and it is named."""
    dutch = catalogue("app", "nl")
    dutch["web.saved"].string = ""
    ids = used_ids("app")
    assert "web.saved" in ids
    assert untranslated(dutch, ids) == ["web.saved"]
    del dutch["web.login"]
    assert untranslated(dutch, ids) == ["web.login", "web.saved"]


@pytest.mark.parametrize(("domain", "language"), CASES)
def test_the_compiled_catalogue_is_the_current_one(domain: str, language: str) -> None:
    """What runs reads the .mo: it must hold exactly the .po's texts (run `make i18n`)."""
    with files(domain, language).with_suffix(".mo").open("rb") as compiled:
        mo = {message.id: message.string for message in read_mo(compiled) if message.id}
    po = {message.id: message.string for message in catalogue(domain, language) if message.id}
    assert mo == po


def test_a_message_reads_in_each_language_with_its_values() -> None:
    texts = {
        language: t("issue_date_too_far", language, day="2026-12-19", days=15)
        for language in LANGUAGES
    }
    assert texts["fr"].startswith("La date d'émission ne peut dépasser le 2026-12-19")
    assert texts["nl"].startswith("De uitreikingsdatum mag niet later zijn dan 2026-12-19")
    assert texts["en"].startswith("The issue date cannot be later than 2026-12-19")


def placeholders(text: str) -> set[str]:
    return {name for _literal, name, _spec, _conversion in Formatter().parse(text) if name}


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_language_names_the_same_values(domain: str) -> None:
    """A text is filled with its values when it is read: a `{name}` misspelt or dropped in
    one language would fail there, so each language names those of the French text."""
    french = {message.id: message.string for message in catalogue(domain, "fr") if message.id}
    for language in LANGUAGES:
        texts = {m.id: m.string for m in catalogue(domain, language) if m.id}
        assert [
            key for key, text in texts.items() if placeholders(text) != placeholders(french[key])
        ] == [], language
