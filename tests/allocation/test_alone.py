"""What hiring alone would have cost: the worked examples of ``allocation.alone``, by hand."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from allocation.alone import AloneParameters, assumptions, compare, hourly_rate
from allocation.costs import CostRates

RATES = CostRates(
    employer_contribution_percent=Decimal("30.00"),
    holiday_pay_percent=Decimal("18.20"),
    year_end_bonus_percent=Decimal("8.33"),
    accident_insurance_percent=Decimal("1.00"),
    prevention_service_per_year=Decimal("95.00"),
    meal_voucher_employer_part=Decimal("8.91"),
)
PARAMETERS = AloneParameters(
    minimum_percent=Decimal("33.3333"),
    recruitment_per_year=Decimal("1500.00"),
    payroll_admin_per_year=Decimal("600.00"),
    full_time_weekly_hours=Decimal("38"),
)


def test_a_six_hour_need_costs_a_twelve_hours_forty_contract_alone() -> None:
    comparison = compare(Decimal(6), Decimal("18.50"), 12, Decimal("9000.00"), RATES, PARAMETERS)
    # 38 h × 33.3333 % = 759.99924 minutes → 760 minutes = 12 h 40 = 38/3 h.
    assert comparison.minimum_weekly_hours == Fraction(38, 3)
    assert comparison.contract_weekly_hours == Fraction(38, 3)
    # 18.50 × 38/3 × 52/12 = 1,015.444… → 1,015.44
    assert comparison.monthly_gross == Decimal("1015.44")
    cost = comparison.cost
    assert cost.gross == Decimal("12185.28")  # × 12
    assert cost.employer_contributions == Decimal("3655.58")  # 3,655.584
    assert cost.holiday_provision == Decimal("2217.72")  # 2,217.72096
    assert cost.year_end_provision == Decimal("1015.03")  # 1,015.033824
    assert cost.accident_insurance == Decimal("121.85")  # 121.8528
    assert cost.prevention_service == Decimal("95.00")
    # ceil((38/3) / 7.6) = 2 days a week, 2 × 52 = 104 days, × 8.91
    assert (comparison.days_per_week, comparison.meal_voucher_days) == (2, 104)
    assert cost.meal_vouchers == Decimal("926.64")
    assert cost.total == Decimal("20217.10")
    assert comparison.recruitment == Decimal("1500.00")
    assert comparison.payroll_admin == Decimal("600.00")
    assert comparison.alone == Decimal("22317.10")
    assert comparison.difference == Decimal("13317.10")
    assert comparison.percent == Decimal("59.67")  # 13,317.10 / 22,317.10 = 59.6723…


def test_a_need_above_the_minimum_is_the_contract_itself() -> None:
    comparison = compare(Decimal(20), Decimal("18.50"), 1, Decimal("2000.00"), RATES, PARAMETERS)
    assert comparison.contract_weekly_hours == 20
    # 18.50 × 20 × 52/12 = 1,603.333… → 1,603.33, one month
    assert comparison.monthly_gross == Decimal("1603.33")
    cost = comparison.cost
    assert cost.gross == Decimal("1603.33")
    assert cost.employer_contributions == Decimal("481.00")  # 480.999
    assert cost.holiday_provision == Decimal("291.81")  # 291.80606
    assert cost.year_end_provision == Decimal("133.56")  # 133.557389
    assert cost.accident_insurance == Decimal("16.03")  # 16.0333
    assert cost.prevention_service == Decimal("7.92")  # 95 / 12 = 7.9166…
    # ceil(20 / 7.6) = 3 days a week; 3 × 52/12 = 13 days; × 8.91
    assert (comparison.days_per_week, comparison.meal_voucher_days) == (3, 13)
    assert cost.meal_vouchers == Decimal("115.83")
    assert cost.total == Decimal("2649.48")
    # a twelfth of a year's recruitment and payroll administration
    assert (comparison.recruitment, comparison.payroll_admin) == (
        Decimal("125.00"),
        Decimal("50.00"),
    )
    assert comparison.alone == Decimal("2824.48")
    assert comparison.difference == Decimal("824.48")
    assert comparison.percent == Decimal("29.19")  # 824.48 / 2,824.48 = 29.190…


def test_every_assumption_is_returned_as_data() -> None:
    printed = assumptions(RATES, PARAMETERS)
    assert printed["minimum_weekly_hours"] == "12.67"
    assert printed["minimum_percent"] == "33.3333"
    assert printed["recruitment_per_year"] == "1500.00"
    assert printed["payroll_admin_per_year"] == "600.00"
    assert printed["employer_contribution_percent"] == "30.00"
    assert printed["weeks_per_month"] == "52/12"


def test_a_contracts_hourly_rate_is_exact() -> None:
    # 3,046.33 a month for 38 h a week: 3,046.33 / (38 × 52/12)
    assert hourly_rate(Decimal("3046.33"), Decimal("38")) == Fraction(304633, 100) / Fraction(
        38 * 52, 12
    )


def test_no_months_cost_nothing_and_have_no_percent() -> None:
    comparison = compare(Decimal(6), Decimal("18.50"), 0, Decimal("0.00"), RATES, PARAMETERS)
    assert comparison.alone == 0
    assert comparison.percent is None


@given(
    need=st.fractions(min_value=0, max_value=40, max_denominator=60),
    rate=st.decimals(min_value=10, max_value=60, places=2),
    months=st.integers(min_value=1, max_value=12),
    paid=st.decimals(min_value=0, max_value=50_000, places=2),
)
def test_the_difference_is_alone_less_paid_and_the_percent_agrees(
    need: Fraction, rate: Decimal, months: int, paid: Decimal
) -> None:
    comparison = compare(need, rate, months, paid, RATES, PARAMETERS)
    assert comparison.contract_weekly_hours >= comparison.minimum_weekly_hours
    assert comparison.contract_weekly_hours >= need
    assert comparison.alone == (
        comparison.cost.total + comparison.recruitment + comparison.payroll_admin
    )
    assert comparison.difference == comparison.alone - comparison.paid
    assert comparison.percent is not None
    exact = comparison.difference * 100 / comparison.alone
    assert abs(comparison.percent - exact) <= Decimal("0.005")
    if comparison.percent != 0:
        assert (comparison.percent > 0) == (comparison.difference > 0)
