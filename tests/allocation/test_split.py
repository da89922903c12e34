from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocation.money import MoneyError, split

AMOUNTS = st.integers(min_value=0, max_value=10**11).map(lambda c: Decimal(c) / 100)
WEIGHTS = st.lists(st.integers(min_value=0, max_value=10**6), min_size=1, max_size=12).filter(
    lambda ws: sum(ws) > 0
)


def test_leftover_cent_goes_to_largest_remainder() -> None:
    assert split(Decimal("100.00"), [1, 1, 1]) == [
        Decimal("33.34"), Decimal("33.33"), Decimal("33.33")
    ]  # fmt: skip
    assert split(Decimal("10.00"), [Fraction(1, 3), Fraction(2, 3)]) == [
        Decimal("3.33"), Decimal("6.67")
    ]  # fmt: skip


def test_ties_go_to_the_larger_weight_then_the_earlier_position() -> None:
    # 2 cents over weights 1 and 3: ideal 0.5 and 1.5 cents, equal remainders.
    assert split(Decimal("0.02"), [1, 3]) == [Decimal("0.00"), Decimal("0.02")]
    # 5 cents over 1, 3, 1, 3: ideal 0.625, 1.875, 0.625, 1.875 cents; three cents left.
    assert split(Decimal("0.05"), [1, 3, 1, 3]) == [
        Decimal("0.01"), Decimal("0.02"), Decimal("0.00"), Decimal("0.02")
    ]  # fmt: skip
    assert split(Decimal("0.01"), [1, 1]) == [Decimal("0.01"), Decimal("0.00")]


def test_floats_and_empty_weights_are_refused() -> None:
    with pytest.raises(MoneyError):
        split(Decimal("1.00"), [0.5, 0.5])  # type: ignore[list-item]
    with pytest.raises(MoneyError):
        split(Decimal("1.00"), [0, 0])
    with pytest.raises(MoneyError):
        split(Decimal("1.00"), [1, -1])


@given(AMOUNTS, WEIGHTS)
def test_shares_add_up_exactly_and_none_is_negative(total: Decimal, weights: list[int]) -> None:
    shares = split(total, weights)
    assert sum(shares) == total
    assert all(share >= 0 for share in shares)
    assert all(share == 0 for share, w in zip(shares, weights, strict=True) if w == 0)


@given(AMOUNTS, WEIGHTS)
def test_each_share_is_within_a_cent_of_its_exact_value(total: Decimal, weights: list[int]) -> None:
    shares = split(total, weights)
    whole = sum(weights)
    for share, weight in zip(shares, weights, strict=True):
        exact = Fraction(total) * weight / whole
        assert abs(Fraction(share) - exact) < Fraction(1, 100)


@given(AMOUNTS, WEIGHTS, st.randoms())
def test_the_order_of_the_inputs_does_not_change_anyones_share_but_for_ties(
    total: Decimal, weights: list[int], rnd: object
) -> None:
    distinct = [w * 1000 + i for i, w in enumerate(weights)]  # no ties
    order = list(range(len(distinct)))
    rnd.shuffle(order)  # type: ignore[attr-defined]
    direct = split(total, distinct)
    shuffled = split(total, [distinct[i] for i in order])
    assert [shuffled[order.index(i)] for i in range(len(distinct))] == direct
