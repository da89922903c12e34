"""The texts a person reads, in French (first), Dutch and English: gettext catalogues.

Each text is a message id (``"not_found"``, ``"web.saved"``, or marshmallow's own English
message) in ``app/translations/<language>/LC_MESSAGES/app.po``; ``make i18n``
extracts the ids from the code and the templates (``babel.cfg``), updates the catalogues
and compiles them. ``t()`` reads the compiled catalogue of the reader's language.
``docs/translating.md`` says how a translator works on them.
"""

import logging
import os
import re
from enum import Enum
from pathlib import Path
from typing import Any

from babel.support import Translations
from flask import current_app, g, has_request_context, request, session

from allocation import translations
from allocation.translations import LANGUAGES, N_

__all__ = [
    "CHOSEN",
    "LANGUAGES",
    "N_",
    "OPERATOR_LANGUAGE",
    "label",
    "language",
    "say",
    "t",
    "translate_tree",
]

PACKAGE = Path(__file__).parent
log = logging.getLogger(__name__)


# marshmallow writes these in English; they are translated as they come.
MARSHMALLOW_MESSAGES = (
    N_("Missing data for required field."),
    N_("Unknown field."),
    N_("Field may not be null."),
    N_("Not a valid string."),
    N_("Not a valid integer."),
    N_("Not a valid date."),
    N_("Not a valid time."),
    N_("Not a valid email address."),
    N_("Not a valid boolean."),
    N_("Invalid input type."),
    N_("Invalid value."),
    N_("String does not match expected pattern."),
    N_("Shorter than minimum length 1."),  # said as "may not be empty"
)

# marshmallow's Range, Length and OneOf messages carry their limits: each pattern of its
# default English sentence has a message id with the same {names}.
_OPERATORS = {
    "greater than or equal to": N_("must_be_at_least"),
    "greater than": N_("must_be_more_than"),
    "less than or equal to": N_("must_be_at_most"),
    "less than": N_("must_be_less_than"),
}
_RANGE = re.compile(
    r"Must be (?P<low>greater than(?: or equal to)?) (?P<min>.+?) and "
    r"(?P<high>less than(?: or equal to)?) (?P<max>.+)\."
    r"|Must be (?P<op>(?:greater|less) than(?: or equal to)?) (?P<limit>.+)\."
)
LIMIT_MESSAGES = (
    (re.compile(r"Length must be between (?P<min>.+) and (?P<max>.+)\."), N_("length_between")),
    (re.compile(r"Shorter than minimum length (?P<min>.+)\."), N_("length_at_least")),
    (re.compile(r"Longer than maximum length (?P<max>.+)\."), N_("length_at_most")),
    (re.compile(r"Length must be (?P<equal>.+)\."), N_("length_exactly")),
    (re.compile(r"Must be one of: (?P<choices>.+)\."), N_("must_be_one_of")),
)
BETWEEN = N_("must_be_between")


def catalogue(lang: str) -> Translations:
    return translations.catalogue(PACKAGE, lang)


# Where the web session keeps the language chosen with the switcher (``/langue/<code>``).
CHOSEN = "language"


def language() -> str:
    """The reader's language; French when nothing better matches.

    - A page: the language chosen with the switcher in this session, else the signed-in
      user's own, else the browser's (Accept-Language).
    - The API: Accept-Language, else the token's user's own.
    - Outside a request (the CLI, the jobs): ``DEFAULT_LANGUAGE``; e-mails name theirs.
    """
    default = current_app.config.get("DEFAULT_LANGUAGE", "fr") if current_app else "fr"
    if not has_request_context():
        return default
    principal = g.get("principal")
    own = getattr(principal, "language", None)
    asked = request.accept_languages.best_match(LANGUAGES)
    if request.path.startswith("/api/"):
        candidates = (asked, own)
    else:
        candidates = (session.get(CHOSEN), own, asked)
    return next((str(code) for code in candidates if code in LANGUAGES), default)


def t(key: str, lang: str | None = None, **values: Any) -> str:
    """The text of ``key`` in ``lang`` (the reader's by default), its ``{names}`` filled."""
    text = catalogue(lang or language()).gettext(key)
    if text == key and not translations.is_message_id(PACKAGE, key):
        log.warning("no translation for %r", key)
    return text.format(**values) if values else text


# The operator's language, for the commands (``flask --app app …``): the deployment's
# ``MUTUA_DEFAULT_LANGUAGE``, as the configuration reads it, else French. It is read once,
# when the commands are declared, since click takes its help texts then.
OPERATOR_LANGUAGE = next(
    (code for code in (os.environ.get("MUTUA_DEFAULT_LANGUAGE"),) if code in LANGUAGES), "fr"
)


def say(key: str, **values: Any) -> str:
    """A text for the operator at the command line, in the operator's language."""
    return t(key, OPERATOR_LANGUAGE, **values)


def label(value: Enum | str | None, kind: str | None = None, lang: str | None = None) -> str:
    """The label of an enum value in ``lang`` (the reader's by default): ``label(contract.
    contract_type)``, or for a plain string its list's name, ``label(run.outcome,
    'JobOutcome')``. Its id is ``enum.<List>.<value>`` (the ids are listed, for extraction,
    in ``web.formats.ENUM_LABELS``)."""
    if value is None or value == "":
        return ""
    if isinstance(value, Enum):
        kind = kind or type(value).__name__
        value = value.value
    if kind is None:
        raise TypeError(f"label({value!r}) needs the name of its list")
    key = f"enum.{kind}.{value}"
    return t(key, lang)


def translate_tree(messages: Any, lang: str | None = None) -> Any:
    """Translate every known message in a marshmallow error tree (dicts and lists)."""
    lang = lang or language()
    if isinstance(messages, dict):
        return {key: translate_tree(value, lang) for key, value in messages.items()}
    if isinstance(messages, list):
        return [translate_tree(value, lang) for value in messages]
    if isinstance(messages, str):
        return _translate_message(messages, lang)
    return messages


def _translate_message(message: str, lang: str) -> str:
    """A message id's text, or marshmallow's sentence with limits in the reader's words;
    an unknown text is given back as it is."""
    text = catalogue(lang).gettext(message)
    if text != message:
        return text
    found = _RANGE.fullmatch(message)
    if found and found["limit"] is not None:
        name = "max" if found["op"].startswith("less") else "min"
        return t(_OPERATORS[found["op"]], lang, **{name: found["limit"]})
    if found and found["low"].endswith("equal to") and found["high"].endswith("equal to"):
        return t(BETWEEN, lang, min=found["min"], max=found["max"])
    if found:
        low = t(_OPERATORS[found["low"]], lang, min=found["min"])
        return f"{low} {t(_OPERATORS[found['high']], lang, max=found['max'])}"
    for pattern, key in LIMIT_MESSAGES:
        if found := pattern.fullmatch(message):
            return t(key, lang, **found.groupdict())
    return message
