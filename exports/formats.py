"""What the documents say and how they write figures, in French, Dutch and English.

The texts are the ``exports`` gettext domain (``exports/translations/<language>/
LC_MESSAGES/exports.po``, compiled to ``.mo``; ``docs/translating.md``), read through
``allocation.translations`` like every package's. Numbers, money, hours and dates are
written by Babel in the language's Belgian locale (``fr_BE``, ``nl_BE``; English as
``en``). Every document writer formats through this module, nowhere else.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from allocation.translations import LANGUAGES, catalogue

PACKAGE = Path(__file__).resolve().parent
LOCALES = dict(fr="fr_BE", nl="nl_BE", en="en")
DEFAULT_LANGUAGE = "fr"


def _language(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def locale(language: str) -> str:
    """The Babel locale of a language: fr_BE, nl_BE or en (French for any other)."""
    return LOCALES[_language(language)]


def t(message_id: str, language: str, **values: object) -> str:
    """A text of the documents in a language, its ``{names}`` filled in."""
    text = catalogue(PACKAGE, _language(language)).gettext(message_id)
    return text.format(**values) if values else text


def money(amount: Decimal, language: str) -> str:
    """1234.5 -> "1 234,50 €" (fr_BE, narrow no-break space), "€ 1.234,50" (nl_BE),
    "€1,234.50" (en): as Babel writes euros in the language's locale."""
    return format_currency(amount, "EUR", locale=locale(language))


def hours(value: Decimal, language: str) -> str:
    """Hours to the hundredth: "53,20" (fr, nl), "53.20" (en)."""
    return format_decimal(value, "#,##0.00", locale=locale(language))


def percent(rate: Decimal, language: str) -> str:
    """A VAT rate given in percent: 21 -> "21 %" (fr_BE), "21%" (nl_BE, en)."""
    return format_percent(rate / 100, locale=locale(language), decimal_quantization=False)


def day(value: date, language: str) -> str:
    """A day in full: "31 mai 2026", "31 mei 2026", "May 31, 2026"."""
    return format_date(value, "medium", locale=locale(language))


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
        worked=hours(worked, language),
        absence=hours(absence, language),
    )


def complement_line(period: str, line: str, language: str) -> str:
    """A complement's line: what the month bills beyond the issued invoices."""
    return t("line.complement", language, period=period, line=line)


def correction_line(reference: str, line: str, language: str) -> str:
    """A credit note's line, naming the invoice it corrects."""
    return t("line.correction", language, reference=reference, line=line)
