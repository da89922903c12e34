"""What the documents say, in French, Dutch and English.

The texts are the ``exports`` gettext domain (``exports/translations/<language>/
LC_MESSAGES/exports.po``, compiled to ``.mo``; ``docs/translating.md``), read through
``allocation.translations`` like every package's. Figures, money, hours and dates are
written by the one formatter, ``allocation.formats``.
"""

from decimal import Decimal
from pathlib import Path

from allocation import formats
from allocation.translations import LANGUAGES, catalogue

PACKAGE = Path(__file__).resolve().parent


def t(message_id: str, language: str, **values: object) -> str:
    """A text of the documents in a language (French for any other), its ``{names}``
    filled in."""
    known = language if language in LANGUAGES else formats.DEFAULT_LANGUAGE
    text = catalogue(PACKAGE, known).gettext(message_id)
    return text.format(**values) if values else text


def line_description(
    kind: str, worker: str | None, worked: Decimal, absence: Decimal, language: str
) -> str:
    """An invoice line's description: the management fee, the overhead, or a worker's
    line (who was provided, hours worked and of paid absence)."""
    if kind == "fee":
        return t("line.fee", language)
    if kind == "overhead":
        return t("line.overhead", language)
    return t(
        "line.staff",
        language,
        worker=worker or "?",
        worked=formats.number(worked, language),
        absence=formats.number(absence, language),
    )


def complement_line(period: str, line: str, language: str) -> str:
    """A complement's line: what the month bills beyond the issued invoices."""
    return t("line.complement", language, period=period, line=line)


def correction_line(reference: str, line: str, language: str) -> str:
    """A credit note's line, naming the invoice it corrects."""
    return t("line.correction", language, reference=reference, line=line)
