"""WT-WEEK-AVG38: the average week over the GE's reference period, against its full-time
reference (38 h by default).

February 2027 is exactly four weeks (Monday 1 to Sunday 28) without a public holiday:
a 1-month reference period there makes the boundary exact. 38 h a week (Monday to
Friday 08:00-12:00 and 12:30-16:06, 7 h 36 a day) is 152 h: 38 h 00 on average. One
extra hour makes 153 h, 38 h 15: blocked.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import legal_rules
from allocation.calendar import reference_period, reference_weeks
from legal_rules import Derogation, Finding, Severity

from .builders import GE, assignment, contract, extra_hours, slot, snapshot

FEBRUARY = (date(2027, 2, 1), date(2027, 2, 28))


def only(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.rule_id == "WT-WEEK-AVG38"]


def thirty_eight(worker_id: int = 1, starts: date = date(2026, 1, 1)):  # type: ignore[no-untyped-def]
    worker = contract(worker_id=worker_id, hours="38", starts=starts)
    days = [
        s for day in range(5) for s in (slot(day, "08:00", "12:00"), slot(day, "12:30", "16:06"))
    ]
    return worker, assignment(worker, 1, *days)


def february(months: int, *entries: object, **more: object) -> legal_rules.Snapshot:
    worker, week = thirty_eight()
    return snapshot(
        worker,
        assignments=(week,),
        start=FEBRUARY[0],
        end=FEBRUARY[1],
        groupement=replace(GE, reference_period_months=months),
        day_entries=entries,
        **more,
    )


def test_an_average_of_exactly_38_hours_passes_38_15_is_blocked() -> None:
    assert not only(legal_rules.check(february(1)))
    (over,) = only(legal_rules.check(february(1, extra_hours(1, date(2027, 2, 10), "1"))))
    assert over.severity is Severity.BLOCKING
    assert (over.first_date, over.last_date) == FEBRUARY
    assert dict(over.values)["average"] == Decimal("38.25")
    assert "38,25" in over.messages.fr and "1 mois" in over.messages.fr
    assert "38,25" in over.messages.nl and "38.25" in over.messages.en


def test_a_derogation_covering_the_period_silences_it_one_that_does_not_cover_it_does_not() -> None:
    extra = extra_hours(1, date(2027, 2, 10), "1")
    covering = Derogation("WT-WEEK-AVG38", "CCT flexibilité 2027", date(2027, 1, 1), None)
    assert not only(legal_rules.check(february(1, extra, derogations=(covering,))))
    partial = Derogation("WT-WEEK-AVG38", "CCT", date(2027, 2, 15), date(2027, 12, 31))
    assert only(legal_rules.check(february(1, extra, derogations=(partial,))))


def test_the_whole_reference_period_is_read_whatever_the_days_checked() -> None:
    """Checking one day of February reads all of it (and its finding spans it)."""
    one_day = replace(
        february(1, extra_hours(1, date(2027, 2, 25), "1")),
        start=date(2027, 2, 3),
        end=date(2027, 2, 3),
    )
    (over,) = only(legal_rules.check(one_day))
    assert (over.first_date, over.last_date) == FEBRUARY


def test_a_quarter_and_a_year_average_more_weeks() -> None:
    """40 h every week from 4 January to June 2027 (Monday to Friday 08:00-16:00,
    holidays not worked), nothing from July: by quarter, the first two are above 38 h;
    over the year, the average is about 19 h and passes."""
    worker = contract(hours="40", starts=date(2027, 1, 4))
    forty = assignment(
        worker,
        1,
        *(slot(day, "08:00", "16:00") for day in range(5)),
        ends=date(2027, 6, 30),
    )
    year = snapshot(
        worker,
        assignments=(forty,),
        start=date(2027, 1, 4),
        end=date(2027, 12, 31),
        groupement=replace(GE, reference_period_months=3),
    )
    found = only(legal_rules.check(year))
    # The quarters' whole weeks: those whose Thursday is in the quarter.
    assert [(f.first_date, f.last_date) for f in found] == [
        (date(2027, 1, 4), date(2027, 3, 28)),
        (date(2027, 3, 29), date(2027, 6, 27)),
    ]
    assert not only(
        legal_rules.check(replace(year, groupement=replace(GE, reference_period_months=12)))
    )


def test_the_ge_full_time_reference_is_the_limit() -> None:
    lower = replace(GE, reference_period_months=1, full_time_weekly_hours=Decimal("37"))
    (over,) = only(legal_rules.check(replace(february(1), groupement=lower)))
    assert dict(over.values)["average"] == Decimal("38.00")
    assert "37" in over.messages.fr


def test_a_contract_starting_mid_period_is_averaged_over_its_own_weeks() -> None:
    """Hired Monday 15 February 2027 at 38 h: two weeks of 38 h, not 76 h over four."""
    worker, week = thirty_eight(starts=date(2027, 2, 15))
    late = snapshot(
        worker,
        assignments=(week,),
        start=FEBRUARY[0],
        end=FEBRUARY[1],
        groupement=replace(GE, reference_period_months=3),
    )
    assert not only(legal_rules.check(late))


def test_a_38_hour_week_averages_38_in_a_month_of_23_weekdays() -> None:
    """March 2027 has 23 weekdays in 31 days: counted in days, a 38-hour week would
    average 39.5 h there. Its weeks are those whose Thursday is in March: 1 to 28 March,
    four weeks of 38 h (29 to 31 March belong to April's weeks)."""
    worker, week = thirty_eight()
    march = snapshot(
        worker,
        assignments=(week,),
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
        groupement=replace(GE, reference_period_months=1),
    )
    assert not only(legal_rules.check(march))
    assert reference_weeks(date(2027, 3, 10), 1) == (date(2027, 3, 1), date(2027, 3, 28))


def test_reference_periods_are_calendar_aligned() -> None:
    assert reference_period(date(2027, 5, 17), 3) == (date(2027, 4, 1), date(2027, 6, 30))
    assert reference_period(date(2027, 5, 17), 12) == (date(2027, 1, 1), date(2027, 12, 31))
    assert reference_period(date(2027, 5, 17), 4) == (date(2027, 5, 1), date(2027, 8, 31))
    assert reference_period(date(2028, 2, 3), 1) == (date(2028, 2, 1), date(2028, 2, 29))
    # Whole weeks: Monday 30 March 2026's week has its Thursday in April, so in Q2.
    assert reference_weeks(date(2026, 3, 30), 3) == (date(2026, 3, 30), date(2026, 6, 28))
    assert reference_weeks(date(2026, 3, 29), 3) == (date(2025, 12, 29), date(2026, 3, 29))
