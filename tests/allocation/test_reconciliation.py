"""The reconciliation's arithmetic: the model's seven components on the secretariat's
five, the total gap the sum of the components', the threshold, and the corrections
per year naming the cost parameters involved."""

from datetime import date
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from allocation import reconciliation as rec
from allocation.costs import CostBreakdown, CostRates

cents = st.integers(min_value=0, max_value=10**9).map(lambda c: D(c) / 100)


def test_accident_insurance_prevention_and_meal_vouchers_are_set_against_other() -> None:
    model = rec.modelled(
        CostBreakdown(
            D("2000.00"), D("648.00"), D("364.00"), D("166.60"), D("20.00"), D("7.92"), D("178.20")
        )
    )
    assert model.other == D("206.12")
    assert model.total == D("3384.72")


@given(st.lists(cents, min_size=5, max_size=5), st.lists(cents, min_size=5, max_size=5))
def test_the_total_gap_is_the_sum_of_the_component_gaps(
    modelled: list[D], imported: list[D]
) -> None:
    comparison = rec.Comparison(rec.Figures(*modelled), rec.Figures(*imported))
    *parts, total = comparison.gaps
    assert total.component == "total"
    assert total.difference == sum((gap.difference for gap in parts), D("0.00"))


def test_the_threshold_is_strict_and_nothing_modelled_against_something_exceeds() -> None:
    assert rec.gap_percent(D("100.00"), D("112.00")) == D("12.00")
    assert rec.exceeds(D("100.00"), D("112.00"), D("10"))
    assert not rec.exceeds(D("100.00"), D("92.00"), D("10"))
    assert not rec.exceeds(D("100.00"), D("110.00"), D("10"))
    assert rec.exceeds(D("0.00"), D("1.00"), D("10"))
    assert not rec.exceeds(D("0.00"), D("0.00"), D("10"))


def test_corrections_name_the_months_and_the_parameters_of_their_year() -> None:
    model = rec.Figures(D("2000.00"), D("648.00"), D("364.00"), D("166.60"), D("206.12"))
    high = rec.Figures(D("2000.00"), D("760.00"), D("364.00"), D("166.60"), D("206.12"))
    months = {
        date(2026, 5, 1): rec.Comparison(model, high),
        date(2026, 6, 1): rec.Comparison(model, high),
        date(2026, 7, 1): rec.Comparison(model, model),
        date(2027, 1, 1): rec.Comparison(
            model, rec.Figures(D("2500.00"), D("648.00"), D("364.00"), D("166.60"), D("206.12"))
        ),
    }
    rates = {2026: CostRates(), 2027: CostRates(employer_contribution_percent=D("30.00"))}
    found = rec.corrections(months, rates, D("10"))
    assert [(c.year, c.component, c.months) for c in found] == [
        (2026, "employer_contributions", (date(2026, 5, 1), date(2026, 6, 1))),
        (2027, "gross", (date(2027, 1, 1),)),
    ]
    contributions, gross = found
    assert contributions.parameters == (("employer_contribution_percent", D("32.40")),)
    assert contributions.imported_rate == D("38.00")
    assert contributions.gap.difference == D("224.00")
    assert gross.parameters == () and gross.imported_rate is None


def test_months_between_crosses_the_year() -> None:
    assert rec.months_between(date(2026, 11, 15), date(2027, 2, 1)) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_a_gross_over_the_model_points_at_the_gross_not_at_the_rates() -> None:
    model = rec.Figures(D("2000.00"), D("648.00"), D("364.00"), D("166.60"), D("206.12"))
    scaled = rec.Figures(D("2240.00"), D("725.76"), D("407.68"), D("186.59"), D("206.12"))
    found = rec.corrections(
        {date(2026, 5, 1): rec.Comparison(model, scaled)}, {2026: CostRates()}, D("10")
    )
    assert [c.component for c in found] == ["gross"]
