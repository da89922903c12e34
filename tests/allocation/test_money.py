from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocation.money import MoneyError, from_cents, round_cents, to_cents, to_money


def test_a_float_is_refused_not_converted() -> None:
    with pytest.raises(MoneyError):
        to_money(0.1)  # type: ignore[arg-type]


def test_a_fraction_of_a_cent_is_refused() -> None:
    with pytest.raises(MoneyError, match="fraction of a cent"):
        to_money("10.005")


def test_trailing_zeros_beyond_the_cent_are_accepted() -> None:
    assert to_money("10.500") == Decimal("10.50")


def test_round_cents_rounds_half_away_from_zero() -> None:
    assert round_cents(Decimal("0.125")) == Decimal("0.13")
    assert round_cents(Decimal("-0.125")) == Decimal("-0.13")
    assert round_cents(Decimal("0.124")) == Decimal("0.12")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "abc", ""])
def test_non_numbers_are_refused(value: str) -> None:
    with pytest.raises(MoneyError):
        to_money(value)


@given(st.integers(min_value=-(10**15) + 1, max_value=10**15 - 1))
def test_cents_round_trip(cents: int) -> None:
    assert to_cents(from_cents(cents)) == cents


def test_negative_zero_is_plain_zero() -> None:
    assert str(to_money("-0")) == "0.00"


@pytest.mark.parametrize("value", ["1e30", "10000000000000", "-92233720368547758.08"])
def test_amounts_beyond_any_budget_are_refused(value: str) -> None:
    with pytest.raises(MoneyError, match="out of range"):
        to_money(value)
