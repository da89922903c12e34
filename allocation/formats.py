"""The one formatter: how Mutua writes a figure, an amount, hours, a day or a month for a
reader of French, Dutch or English.

Every text a person reads (pages, documents, legal-rule messages, e-mails) writes its
values through these functions, with Babel's data of the reader's locale: ``fr_BE``,
``nl_BE`` and ``en_GB`` (English as Europe writes it, the day before the month). A
language Mutua does not speak is written as French, the language the GE is run in.
Machine formats (the API's strings, UBL, file names) are not for readers and do not come
here.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import cache, lru_cache

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_currency, format_decimal, format_percent
from babel.units import format_unit

from .calendar import BRUSSELS
from .translations import LANGUAGES

LOCALES = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}
DEFAULT_LANGUAGE = "fr"
NO_BREAK = "\u00a0"


def locale(language: str) -> str:
    """The Babel locale of a language: fr_BE, nl_BE or en_GB (fr_BE for any other)."""
    return LOCALES[language if language in LANGUAGES else DEFAULT_LANGUAGE]


@lru_cache(maxsize=8192)
def number(value: Decimal | int, language: str, digits: int = 2) -> str:
    """A number with the locale's separators and exactly ``digits`` decimals:
    1234.5 -> "1 234,50" (fr, narrow no-break space), "1.234,50" (nl), "1,234.50" (en).
    Each of these writers is kept by value: a month's thousand invoice lines and findings
    write the same few hours, amounts and days."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, pattern, locale=locale(language))


@lru_cache(maxsize=8192)
def short_number(value: Decimal | int, language: str) -> str:
    """A number without the zeros a person would not write, to the hundredth at most:
    18.75 -> "18,75" (fr, nl), "18.75" (en); 19.00 -> "19"; 37.5 -> "37,5"."""
    return format_decimal(value, "#,##0.##", locale=locale(language))


@lru_cache(maxsize=8192)
def money(amount: Decimal, language: str) -> str:
    """Euros as the locale writes them: "1 234,50 €" (fr_BE), "€ 1.234,50" (nl_BE),
    "€1,234.50" (en_GB)."""
    return format_currency(amount, "EUR", locale=locale(language))


@cache
def hour_symbol(language: str) -> str:
    """The locale's short sign for hours, from Babel's unit data: "h" (fr, en), "u" (nl)."""
    return format_unit(0, "duration-hour", length="narrow", format="#", locale=locale(language))[
        1:
    ].strip()


def hours(value: Decimal | int, language: str) -> str:
    """Hours to the hundredth with their sign: "6,50 h" (fr), "6,50 u" (nl), "6.50 h" (en)."""
    return f"{number(value, language)}{NO_BREAK}{hour_symbol(language)}"


def minutes(value: int, language: str) -> str:
    """A duration in minutes as hours and minutes: 486 -> "8 h 06" (fr, en), "8 u 06" (nl);
    480 -> "8 h"."""
    whole, rest = divmod(value, 60)
    text = f"{whole}{NO_BREAK}{hour_symbol(language)}"
    return f"{text}{NO_BREAK}{rest:02d}" if rest else text


def percent(rate: Decimal, language: str) -> str:
    """A rate given in percent: 21 -> "21 %" (fr_BE), "21%" (nl_BE, en); 5.5 -> "5,5 %"."""
    return format_percent(rate / 100, locale=locale(language), decimal_quantization=False)


@lru_cache(maxsize=8192)
def day(value: date, language: str) -> str:
    """A day in words, as the locale writes it in full: "3 juin 2026", "3 juni 2026",
    "3 June 2026"."""
    return format_date(value, "long", locale=locale(language))


def day_numeric(value: date, language: str) -> str:
    """A day in figures, day first as Belgium writes it: "03/06/2026"."""
    return format_date(value, "dd/MM/yyyy", locale=locale(language))


def day_of_month(value: date, language: str) -> str:
    """A day of a month's schedule, its weekday first: "lundi 7", "maandag 7", "Monday 7"."""
    return format_date(value, "EEEE d", locale=locale(language))


def clock(value: time, language: str) -> str:
    """A time of day as a Belgian clock shows it, on 24 hours: "09:00", "22:30"."""
    return format_time(value, "HH:mm", locale=locale(language))


def month(value: date, language: str) -> str:
    """A month by its name: "mai 2026", "mei 2026", "May 2026"."""
    return format_date(value, "LLLL yyyy", locale=locale(language))


def short_month(value: date, language: str) -> str:
    """A month in few letters, for a chart's axis: "mai 26"."""
    return format_date(value, "LLL yy", locale=locale(language))


def moment(value: datetime, language: str) -> str:
    """An instant as Brussels wall time, day first: "03/06/2026 14:05". A naive instant
    is UTC (what the database stores)."""
    local = value.replace(tzinfo=value.tzinfo or UTC).astimezone(BRUSSELS)
    return format_datetime(local, "dd/MM/yyyy HH:mm", locale=locale(language))
