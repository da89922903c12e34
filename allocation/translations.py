"""The one way Mutua reads its gettext catalogues, for every package that has texts.

Each package with texts a person reads (``app``, and the pure cores as they move to
catalogues) is a gettext domain: ``<package>/babel.cfg`` says where its message ids are
written, ``<package>/translations/<language>/LC_MESSAGES/<package>.po`` holds their texts
and ``.mo`` the compiled form this module reads (``make i18n``; ``docs/translating.md``).
"""

from functools import cache
from pathlib import Path

from babel.support import Translations

LANGUAGES = ("fr", "nl", "en")


def N_(message_id: str) -> str:
    """Marks a message id for extraction where it is written but not yet shown: it is
    translated where it is shown."""
    return message_id


@cache
def catalogue(package: Path, language: str) -> Translations:
    """The compiled catalogue of a package's domain in one language (read once)."""
    found = Translations.load(str(package / "translations"), [language], domain=package.name)
    if not isinstance(found, Translations):
        raise RuntimeError(f"no compiled {package.name} catalogue for {language!r}")
    return found


def is_message_id(package: Path, message_id: str) -> bool:
    """Whether the package's catalogues hold this id (French is the reference)."""
    return message_id in catalogue(package, "fr")._catalog
