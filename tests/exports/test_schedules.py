"""A month's schedule on paper and a feed, from plain data: the PDF reopened with pypdf,
the feed parsed back with icalendar (no database)."""

import io
from datetime import UTC, date, datetime, time, timedelta

import pypdf
import pytest
from icalendar import Calendar

from allocation.calendar import BRUSSELS
from exports.ical import schedule_ics
from exports.schedules import Schedule, Visit

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def _wall(year: int, month: int, day: int, hour: int) -> datetime:
    """Brussels wall time, as shifts give it (naive)."""
    return datetime.combine(date(year, month, day), time(hour))


def _visit(starts: datetime, hours: float, who: str, where: str = "") -> Visit:
    return Visit(
        starts=starts,
        ends=starts + timedelta(hours=hours),
        who=who,
        where=where,
        uid=f"7-{starts:%Y%m%dT%H%M}-w@1.mutua",
    )


def _sophies_december(language: str) -> Schedule:
    """Two mornings at one member, one night (Monday 22:00 to Tuesday 06:00) at another,
    Christmas off."""
    return Schedule(
        kind="worker",
        owner="Sophie Lambert",
        groupement="GE Bruxelles Solidaire ASBL",
        first=date(2026, 12, 1),
        last=date(2026, 12, 31),
        language=language,
        visits=(
            _visit(_wall(2026, 12, 1, 9), 3.5, "Maison des Marolles", "Rue Haute 1, 1000"),
            _visit(_wall(2026, 12, 2, 9), 3.5, "Maison des Marolles", "Rue Haute 1, 1000"),
            _visit(_wall(2026, 12, 7, 22), 8, "Cyclo Schaerbeek", "Rue Verte 2, 1030"),
        ),
        days_off=frozenset({date(2026, 12, 25)}),
        made_on=date(2026, 12, 7),
    )


def _text(pdf: bytes) -> str:
    """The PDF's words, a line's break read as a space (a long title wraps)."""
    pages = pypdf.PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def test_a_workers_month_lists_each_day_its_member_hours_and_totals_in_french() -> None:
    from exports.schedules import schedule_pdf

    text = _text(schedule_pdf(_sophies_december("fr")))
    assert "Horaire de Sophie Lambert — décembre 2026" in text
    assert "mardi 1" in text and "jeudi 31" in text  # every day of the month
    assert "09:00 – 12:30" in text
    assert "22:00 – 06:00 (lendemain)" in text  # the night belongs to Monday 7
    assert "Jour férié" in text  # 25 December
    assert "Heures par membre" in text and "Cyclo Schaerbeek" in text
    assert "15 h" in text  # 3 h 30 + 3 h 30 + 8 h
    assert "Rue Verte 2, 1030" in text  # where


def test_a_members_month_in_dutch() -> None:
    from exports.schedules import schedule_pdf

    schedule = Schedule(
        kind="member",
        owner="Buurthuis Ribaucourt vzw",
        groupement="GE Bruxelles Solidaire ASBL",
        first=date(2026, 12, 1),
        last=date(2026, 12, 31),
        language="nl",
        visits=(
            _visit(_wall(2026, 12, 7, 22), 8, "Sophie Lambert"),
            _visit(_wall(2026, 12, 8, 9), 4.25, "Karim El Amrani"),
        ),
    )
    text = _text(schedule_pdf(schedule))
    assert "Planning van Buurthuis Ribaucourt vzw — december 2026" in text
    assert "maandag 7" in text and "(volgende dag)" in text
    assert "Uren per werknemer" in text and "4 u 15" in text
    assert "lendemain" not in text and "Heures" not in text


def _parsed(schedule: Schedule) -> Calendar:
    return Calendar.from_ical(schedule_ics(schedule, NOW))


def test_the_feed_has_brussels_time_and_its_vtimezone() -> None:
    feed = _parsed(_sophies_december("fr"))
    (zone,) = feed.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/Brussels"
    assert {part.name for part in zone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    raw = schedule_ics(_sophies_december("fr"), NOW).decode()
    assert "DTSTART;TZID=Europe/Brussels:20261201T090000" in raw
    for event in feed.walk("VEVENT"):
        assert event.decoded("DTSTART").tzinfo.key == "Europe/Brussels"


def test_a_night_shift_is_one_event_ending_the_next_morning() -> None:
    events = _parsed(_sophies_december("fr")).walk("VEVENT")
    (night,) = [e for e in events if e.decoded("DTSTART").hour == 22]
    assert night.decoded("DTSTART") == datetime(2026, 12, 7, 22, tzinfo=BRUSSELS)
    assert night.decoded("DTEND") == datetime(2026, 12, 8, 6, tzinfo=BRUSSELS)
    assert str(night["SUMMARY"]) == "Travail chez Cyclo Schaerbeek"
    assert str(night["LOCATION"]) == "Cyclo Schaerbeek, Rue Verte 2, 1030"


@pytest.mark.parametrize(
    ("language", "summary"),
    [("fr", "Travail chez"), ("nl", "Werk bij"), ("en", "Work at")],
)
def test_the_summary_is_in_the_feeds_language(language: str, summary: str) -> None:
    events = _parsed(_sophies_december(language)).walk("VEVENT")
    assert all(str(e["SUMMARY"]).startswith(summary) for e in events)


def test_each_event_keeps_its_uid_from_one_reading_to_the_next() -> None:
    first = [str(e["UID"]) for e in _parsed(_sophies_december("fr")).walk("VEVENT")]
    again = [str(e["UID"]) for e in _parsed(_sophies_december("nl")).walk("VEVENT")]
    assert first == again and len(set(first)) == 3
