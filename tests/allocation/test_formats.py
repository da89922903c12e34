"""The one formatter: every figure a person reads, as Babel writes it in fr_BE, nl_BE
and en_GB (French for a language Mutua does not speak)."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

from allocation import formats

LANGUAGES = ("fr", "nl", "en")


def written(function, value, **options):  # type: ignore[no-untyped-def]
    return [function(value, language, **options) for language in LANGUAGES]


def test_money_as_each_locale_writes_euros() -> None:
    assert written(formats.money, Decimal("1234.56")) == [
        "1\u202f234,56\xa0€",
        "€\xa01.234,56",
        "€1,234.56",
    ]
    assert formats.money(Decimal("-0.01"), "nl") == "€\xa0-0,01"


def test_numbers_keep_their_digits_or_drop_the_zeros_nobody_writes() -> None:
    assert written(formats.number, Decimal("1234.5")) == ["1\u202f234,50", "1.234,50", "1,234.50"]
    assert formats.number(7, "fr", digits=0) == "7"
    assert written(formats.short_number, Decimal("18.75")) == ["18,75", "18,75", "18.75"]
    assert formats.short_number(Decimal("19.00"), "fr") == "19"
    assert formats.short_number(Decimal("37.50"), "nl") == "37,5"


def test_hours_carry_the_locales_own_sign() -> None:
    assert written(formats.hours, Decimal("6.5")) == ["6,50\xa0h", "6,50\xa0u", "6.50\xa0h"]
    assert written(formats.minutes, 486) == ["8\xa0h\xa006", "8\xa0u\xa006", "8\xa0h\xa006"]
    assert formats.minutes(480, "nl") == "8\xa0u"
    assert formats.minutes(1, "fr") == "0\xa0h\xa001"


def test_rates_days_months_and_instants() -> None:
    assert written(formats.percent, Decimal("21.00")) == ["21\xa0%", "21%", "21%"]
    assert formats.percent(Decimal("5.5"), "fr") == "5,5\xa0%"
    june = date(2026, 6, 3)
    assert written(formats.day, june) == ["3 juin 2026", "3 juni 2026", "3 June 2026"]
    assert written(formats.day_numeric, june) == ["03/06/2026"] * 3
    assert written(formats.month, june) == ["juin 2026", "juni 2026", "June 2026"]
    assert formats.short_month(june, "nl") == "jun 26"
    # 12:05 UTC in June is 14:05 in Brussels (summer time); a naive instant is UTC.
    assert formats.moment(datetime(2026, 6, 3, 12, 5, tzinfo=UTC), "fr") == "03/06/2026 14:05"
    assert formats.moment(datetime(2026, 12, 3, 12, 5), "en") == "03/12/2026 13:05"  # noqa: DTZ001


def test_a_time_of_day_as_a_schedule_shows_it() -> None:
    assert written(formats.clock, time(8, 30)) == ["08:30"] * 3
    assert formats.clock(time(22), "nl") == "22:00"


def test_a_language_mutua_does_not_speak_is_written_as_french() -> None:
    assert formats.money(Decimal(1), "de") == "1,00\xa0€"
    assert formats.hours(Decimal(1), "de") == "1,00\xa0h"
    assert formats.day(date(2026, 5, 1), "de") == "1 mai 2026"
