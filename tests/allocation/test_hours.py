from datetime import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocation.hours import (
    HoursError,
    from_minutes,
    minutes_to_display_hours,
    slot_minutes,
    to_minutes,
)


def test_quarter_hours_are_whole_minutes() -> None:
    assert to_minutes("18.75") == 1125
    assert from_minutes(1125) == Decimal("18.75")


def test_hours_finer_than_a_minute_are_refused() -> None:
    with pytest.raises(HoursError, match="whole number of minutes"):
        to_minutes("0.01")


def test_a_float_is_refused() -> None:
    with pytest.raises(HoursError):
        to_minutes(7.5)  # type: ignore[arg-type]


def test_minutes_that_are_no_exact_decimal_of_hours_are_refused_on_read() -> None:
    with pytest.raises(HoursError):
        from_minutes(20)


def test_slot_length_is_exact_in_minutes_and_shown_to_the_hundredth() -> None:
    assert slot_minutes(time(8, 30), time(16, 36)) == 486
    assert minutes_to_display_hours(20) == Decimal("0.33")


@given(st.integers(min_value=0, max_value=10**6).map(lambda n: n * 3))
def test_every_exact_amount_of_hours_round_trips(minutes: int) -> None:
    assert to_minutes(from_minutes(minutes)) == minutes


@pytest.mark.parametrize(
    "value",
    ["7.500000000000000000000000000001", "0.016666666666666666666666666667", "0.333"],
)
def test_hours_are_never_rounded_into_acceptance(value: str) -> None:
    with pytest.raises(HoursError, match="whole number of minutes"):
        to_minutes(value)


@pytest.mark.parametrize("value", ["1e30", "1000000", "-1e7"])
def test_hours_beyond_any_schedule_are_refused(value: str) -> None:
    with pytest.raises(HoursError, match="out of range"):
        to_minutes(value)


def test_a_slot_whose_end_is_not_after_its_start_ends_the_next_day() -> None:
    assert slot_minutes(time(22), time(6)) == 8 * 60
    assert slot_minutes(time(22), time(0)) == 2 * 60
    assert slot_minutes(time(0, 1), time(0)) == 24 * 60 - 1
    # Equal ends would be a whole day; the schedule refuses them (allocation.schedule).
    assert slot_minutes(time(9), time(9)) == 24 * 60
