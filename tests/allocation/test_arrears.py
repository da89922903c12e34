"""What a member owes by age, and the interest of a late payment, worked out by hand.

The rates are made up for the tests (the GE enters the published ones): 10.50 % for the
first half of 2026, 10.15 % for the second.

1,000.00 € due on 31 March 2026, paid on 15 July 2026, is late from 1 April through 15
July: 106 days, (date(2026, 7, 15) - date(2026, 3, 31)).days.

- 1 April to 30 June, at 10.50 %: 30 + 31 + 30 = 91 days,
  1,000.00 × 10.50 / 100 × 91 / 365 = 9,555 / 365 = 26.178082…
- 1 to 15 July, at 10.15 %: 15 days,
  1,000.00 × 10.15 / 100 × 15 / 365 = 1,522.5 / 365 = 4.171232…
- together (9,555 + 1,522.5) / 365 = 11,077.5 / 365 = 30.349315… → 30.35 €.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from allocation.arrears import (
    AGEING_BUCKETS,
    FIXED_COMPENSATION,
    Ageing,
    OpenItem,
    RatePeriod,
    RateSpan,
    ageing,
    days_late,
    late_interest,
    rate_spans,
)

H1 = RatePeriod(date(2026, 1, 1), date(2026, 6, 30), Decimal("10.50"))
H2 = RatePeriod(date(2026, 7, 1), date(2026, 12, 31), Decimal("10.15"))
RATES = (H2, H1)  # in any order
THOUSAND = Decimal("1000.00")
DUE = date(2026, 3, 31)


def test_the_worked_example_of_the_docstring() -> None:
    assert late_interest(THOUSAND, DUE, date(2026, 7, 15), RATES) == Decimal("30.35")
    assert rate_spans(DUE, date(2026, 7, 15), RATES) == (
        RateSpan(date(2026, 4, 1), date(2026, 6, 30), Decimal("10.50")),
        RateSpan(date(2026, 7, 1), date(2026, 7, 15), Decimal("10.15")),
    )
    assert days_late(DUE, date(2026, 7, 15)) == 106 == 91 + 15


def test_within_one_half_year_one_rate() -> None:
    # 1 to 30 April: 30 days; 1,000.00 × 10.50 / 100 × 30 / 365 = 3,150 / 365 = 8.630136…
    assert late_interest(THOUSAND, DUE, date(2026, 4, 30), RATES) == Decimal("8.63")
    # The first day of delay alone: 105 / 365 = 0.287671… → 0.29.
    assert late_interest(THOUSAND, DUE, date(2026, 4, 1), RATES) == Decimal("0.29")


def test_paid_on_or_before_the_due_date_is_no_interest() -> None:
    assert late_interest(THOUSAND, DUE, DUE, RATES) == Decimal("0.00")
    assert late_interest(THOUSAND, DUE, date(2026, 3, 1), RATES) == Decimal("0.00")
    assert rate_spans(DUE, DUE, RATES) == ()
    assert days_late(DUE, DUE) == 0


def test_nothing_owed_is_no_interest_and_a_negative_amount_is_refused() -> None:
    assert late_interest(Decimal("0.00"), DUE, date(2026, 7, 15), RATES) == Decimal("0.00")
    with pytest.raises(ValueError, match="negative"):
        late_interest(Decimal("-1.00"), DUE, date(2026, 7, 15), RATES)


def test_a_day_without_a_rate_is_an_error_naming_it() -> None:
    with pytest.raises(ValueError, match="2027-01-01"):
        late_interest(THOUSAND, DUE, date(2027, 1, 10), RATES)
    with pytest.raises(ValueError, match="2026-04-01"):
        late_interest(THOUSAND, DUE, date(2026, 7, 15), (H2,))
    gap = RatePeriod(date(2026, 7, 2), date(2026, 12, 31), Decimal("10.15"))
    with pytest.raises(ValueError, match="2026-07-01"):
        late_interest(THOUSAND, DUE, date(2026, 7, 15), (H1, gap))
    # A rate missing outside the delay does not matter.
    assert late_interest(THOUSAND, DUE, date(2026, 4, 30), (H1,)) == Decimal("8.63")


def test_two_rates_for_one_day_is_an_error() -> None:
    overlapping = RatePeriod(date(2026, 6, 30), date(2026, 12, 31), Decimal("10.15"))
    with pytest.raises(ValueError, match=r"two .* 2026-06-30"):
        late_interest(THOUSAND, DUE, date(2026, 7, 15), (H1, overlapping))


def test_a_rate_is_a_decimal_percentage() -> None:
    with pytest.raises(ValueError):
        RatePeriod(date(2026, 1, 1), date(2026, 6, 30), 10.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        RatePeriod(date(2026, 1, 1), date(2026, 6, 30), Decimal("-1"))
    with pytest.raises(ValueError):
        RatePeriod(date(2026, 6, 30), date(2026, 1, 1), Decimal("10"))


def test_rounded_once_at_the_end_half_up() -> None:
    """Two days at 0.40 % on 365.00 €: 365 × 0.40 / 100 × 1 / 365 = 0.004 each; rounded
    apart they would be nothing, together they are 0.008 → 0.01."""
    day_one = RatePeriod(date(2026, 4, 1), date(2026, 4, 1), Decimal("0.40"))
    day_two = RatePeriod(date(2026, 4, 2), date(2026, 4, 2), Decimal("0.40"))
    assert late_interest(Decimal("365.00"), DUE, date(2026, 4, 2), (day_one, day_two)) == (
        Decimal("0.01")
    )
    # A whole year at 10 % on 1,000.05: exactly 100.005, half a cent up → 100.01.
    year = RatePeriod(date(2026, 4, 1), date(2027, 3, 31), Decimal("10"))
    assert late_interest(Decimal("1000.05"), DUE, date(2027, 3, 31), (year,)) == (Decimal("100.01"))


def test_a_float_amount_is_refused() -> None:
    with pytest.raises(ValueError):
        late_interest(1000.0, DUE, date(2026, 7, 15), RATES)  # type: ignore[arg-type]


def test_the_fixed_compensation_is_forty_euros() -> None:
    assert Decimal("40.00") == FIXED_COMPENSATION


@given(
    amount=st.decimals(min_value=0, max_value=10**9, places=2),
    delay=st.integers(min_value=0, max_value=600),
    cut=st.integers(min_value=0, max_value=600),
)
def test_cutting_a_rate_period_in_two_changes_nothing(
    amount: Decimal, delay: int, cut: int
) -> None:
    """Exact until the end: the same rate given as one period or as two gives the same
    interest to the cent."""
    start, end = date(2026, 1, 1), date(2027, 12, 31)
    split = start + timedelta(days=cut)
    one = (RatePeriod(start, end, Decimal("10.15")),)
    two = (
        RatePeriod(start, split, Decimal("10.15")),
        RatePeriod(split + timedelta(days=1), end, Decimal("10.15")),
    )
    due = date(2026, 1, 1)
    paid = due + timedelta(days=delay)
    assert late_interest(amount, due, paid, one) == late_interest(amount, due, paid, two)


AS_OF = date(2026, 12, 7)


def _aged(days_since_due: int, amount: str = "100.00") -> Ageing:
    item = OpenItem(1, AS_OF - timedelta(days=days_since_due), Decimal(amount))
    return ageing([item], AS_OF)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-1, "not_due"),  # due tomorrow
        (0, "days_0_30"),  # due today: due, not yet late
        (30, "days_0_30"),
        (31, "days_31_60"),
        (60, "days_31_60"),
        (61, "days_61_90"),
        (90, "days_61_90"),
        (91, "over_90"),
        (4000, "over_90"),
    ],
)
def test_the_bucket_boundaries(days: int, bucket: str) -> None:
    aged = _aged(days)
    assert getattr(aged, bucket) == Decimal("100.00")
    assert aged.total == Decimal("100.00")


def test_the_buckets_are_those_of_the_constant() -> None:
    for index, (first, last) in enumerate(AGEING_BUCKETS, start=1):
        assert _aged(first).buckets[index] == Decimal("100.00")
        if last is not None:
            assert _aged(last).buckets[index] == Decimal("100.00")


def test_a_credit_held_for_the_member_nets_what_is_owed() -> None:
    aged = ageing(
        [
            OpenItem(1, AS_OF - timedelta(days=95), Decimal("900.00")),
            OpenItem(2, AS_OF - timedelta(days=31), Decimal("-50.00")),
            OpenItem(3, AS_OF + timedelta(days=24), Decimal("968.00")),
        ],
        AS_OF,
    )
    assert aged == Ageing(
        Decimal("968.00"), Decimal("0.00"), Decimal("-50.00"), Decimal("0.00"), Decimal("900.00")
    )
    assert aged.total == Decimal("1818.00")


def test_nothing_open_is_all_zero() -> None:
    assert ageing([], AS_OF).total == Decimal("0.00")


@given(
    st.lists(
        st.tuples(
            st.integers(min_value=-400, max_value=400),
            st.decimals(min_value=-(10**6), max_value=10**6, places=2),
        ),
        max_size=30,
    )
)
def test_the_buckets_add_up_to_what_is_open(items: list[tuple[int, Decimal]]) -> None:
    open_items = [
        OpenItem(n, AS_OF + timedelta(days=offset), amount)
        for n, (offset, amount) in enumerate(items)
    ]
    aged = ageing(open_items, AS_OF)
    assert aged.total == sum((item.open for item in open_items), Decimal("0.00"))
    assert all(amount == amount.quantize(Decimal("0.01")) for amount in aged.buckets)
