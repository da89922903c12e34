"""The payroll reconciliation (issue 18, item 4): a worker's month as the cost model
prices it against the social secretariat's imported figures, component by component.

The secretariat's row has five amounts (gross, employer contributions, holiday
provision, year-end provision, other); the model has seven (``costs.CostBreakdown``).
The first four match one to one. The imported "other" is set against the model's
accident insurance + prevention service + meal vouchers together: the secretariat
does not break it down, so the three cannot be told apart. The total is both sides'
sum, so the total gap is exactly the sum of the component gaps.

A gap is ``imported - modelled`` in euros (exact, both sides in cents) and in percent
of the model (to the hundredth, half away from zero); a gap "exceeds" a GE's threshold
when its percent is above it in size, or the model is nothing while the import is not.

Where the model should be corrected: per year and component, the months whose gap on
that component exceeds the threshold (for a percentage of the gross, only when the rate
the imported figures make is that far from the year's parameter as well: a gross 12 %
over the model carries its contributions 12 % over it, and that is the gross's gap),
with the cost parameters of the year the
component is made of (the gross is the contracts', not a cost parameter) and, for the
components that are a percentage of the gross, the rate the imported figures make.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .costs import CostBreakdown, CostRates
from .money import to_money

HUNDRED = Decimal(100)
HUNDREDTH = Decimal("0.01")
ZERO = Decimal("0.00")

COMPONENTS = (
    "gross",
    "employer_contributions",
    "holiday_provision",
    "year_end_provision",
    "other",
)
WITH_TOTAL = (*COMPONENTS, "total")

# The cost parameters (``CostRates`` fields) each component is made of.
PARAMETERS: Mapping[str, tuple[str, ...]] = {
    "gross": (),  # the contracts' monthly gross and the hours planned: no cost parameter
    "employer_contributions": ("employer_contribution_percent",),
    "holiday_provision": ("holiday_pay_percent",),
    "year_end_provision": ("year_end_bonus_percent",),
    "other": (
        "accident_insurance_percent",
        "prevention_service_per_year",
        "meal_voucher_employer_part",
    ),
}
# The components that are a percentage of the gross: their imported rate says something.
RATE_OF_GROSS = ("employer_contributions", "holiday_provision", "year_end_provision")


def gap_percent(modelled: Decimal, imported: Decimal) -> Decimal | None:
    """How far the imported figure is from the model, in percent of the model (to the
    hundredth, half away from zero); None when the model is nothing."""
    if modelled == 0:
        return None
    return ((imported - modelled) * HUNDRED / modelled).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def exceeds(modelled: Decimal, imported: Decimal, threshold: Decimal) -> bool:
    """Whether the gap is above the threshold (percent of the model) in size; a model of
    nothing against an import of something always is."""
    percent = gap_percent(modelled, imported)
    if percent is None:
        return imported != 0
    return abs(percent) > threshold


@dataclass(frozen=True)
class Figures:
    """One side of the comparison, by component, in euros (cents)."""

    gross: Decimal = ZERO
    employer_contributions: Decimal = ZERO
    holiday_provision: Decimal = ZERO
    year_end_provision: Decimal = ZERO
    other: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return (
            self.gross
            + self.employer_contributions
            + self.holiday_provision
            + self.year_end_provision
            + self.other
        )

    def of(self, component: str) -> Decimal:
        if component not in WITH_TOTAL:
            raise ValueError(f"unknown component {component!r}")
        value: Decimal = getattr(self, component)
        return value

    def __add__(self, other: "Figures") -> "Figures":
        return Figures(*(self.of(f.name) + other.of(f.name) for f in fields(self)))


def modelled(breakdown: CostBreakdown) -> Figures:
    """The model's cost by the secretariat's components: accident insurance, prevention
    service and meal vouchers together as "other"."""
    return Figures(
        gross=breakdown.gross,
        employer_contributions=breakdown.employer_contributions,
        holiday_provision=breakdown.holiday_provision,
        year_end_provision=breakdown.year_end_provision,
        other=breakdown.accident_insurance + breakdown.prevention_service + breakdown.meal_vouchers,
    )


def imported(
    gross: Decimal,
    employer_contributions: Decimal,
    holiday_provision: Decimal,
    year_end_provision: Decimal,
    other: Decimal,
) -> Figures:
    """The secretariat's row as it is."""
    return Figures(
        to_money(gross),
        to_money(employer_contributions),
        to_money(holiday_provision),
        to_money(year_end_provision),
        to_money(other),
    )


def total(figures: Iterable[Figures]) -> Figures:
    summed = Figures()
    for one in figures:
        summed = summed + one
    return summed


@dataclass(frozen=True)
class Gap:
    component: str
    modelled: Decimal
    imported: Decimal

    @property
    def difference(self) -> Decimal:
        """Imported less modelled, in euros."""
        return self.imported - self.modelled

    @property
    def percent(self) -> Decimal | None:
        return gap_percent(self.modelled, self.imported)

    def exceeds(self, threshold: Decimal) -> bool:
        return exceeds(self.modelled, self.imported, threshold)


@dataclass(frozen=True)
class Comparison:
    """A worker's month (or a sum of them): the model against the import."""

    modelled: Figures
    imported: Figures

    def gap(self, component: str) -> Gap:
        return Gap(component, self.modelled.of(component), self.imported.of(component))

    @property
    def gaps(self) -> tuple[Gap, ...]:
        """Each component, then the total: its difference is the sum of theirs."""
        return tuple(self.gap(component) for component in WITH_TOTAL)

    def flagged(self, threshold: Decimal) -> bool:
        """The total's gap above the threshold: what the month's close flags."""
        return self.gap("total").exceeds(threshold)

    def __add__(self, other: "Comparison") -> "Comparison":
        return Comparison(self.modelled + other.modelled, self.imported + other.imported)


def summed(comparisons: Iterable[Comparison]) -> Comparison:
    result = Comparison(Figures(), Figures())
    for one in comparisons:
        result = result + one
    return result


@dataclass(frozen=True)
class Correction:
    """A component whose gap exceeds the threshold in some months of a year: where the
    model should be looked at."""

    year: int
    component: str
    months: tuple[date, ...]
    gap: Gap  # over those months together
    parameters: tuple[tuple[str, Decimal], ...]  # the year's cost parameters involved
    imported_rate: Decimal | None  # percent of the imported gross, over those months


def _imported_rate(comparison: Comparison, component: str) -> Decimal | None:
    """The component in percent of the imported gross (to the hundredth); None without
    an imported gross."""
    if comparison.imported.gross == 0:
        return None
    return (comparison.imported.of(component) * HUNDRED / comparison.imported.gross).quantize(
        HUNDREDTH, rounding=ROUND_HALF_UP
    )


def _off(comparison: Comparison, component: str, rates: CostRates, threshold: Decimal) -> bool:
    """Whether the month points at the component: its gap exceeds the threshold and, for
    a percentage of the gross, the imported rate is also that far from the year's
    parameter (contributions 12 % over the model because the gross is 12 % over it are
    the gross's business, not the contribution rate's)."""
    if not comparison.gap(component).exceeds(threshold):
        return False
    rate = _imported_rate(comparison, component) if component in RATE_OF_GROSS else None
    if rate is None:
        return True
    return exceeds(getattr(rates, PARAMETERS[component][0]), rate, threshold)


def corrections(
    months: Mapping[date, Comparison], rates: Mapping[int, CostRates], threshold: Decimal
) -> list[Correction]:
    """Per year (in order) and component (in ``COMPONENTS`` order), the months whose gap
    on the component exceeds the threshold (for a percentage of the gross, when the
    imported rate is that far from the year's parameter too); none for a component
    within it every month."""
    found: list[Correction] = []
    for year in sorted({month.year for month in months}):
        of_year = {m: c for m, c in sorted(months.items()) if m.year == year}
        for component in COMPONENTS:
            over = tuple(
                m for m, c in of_year.items() if _off(c, component, rates[year], threshold)
            )
            if not over:
                continue
            together = summed(of_year[m] for m in over)
            rate = _imported_rate(together, component) if component in RATE_OF_GROSS else None
            found.append(
                Correction(
                    year,
                    component,
                    over,
                    together.gap(component),
                    tuple((name, getattr(rates[year], name)) for name in PARAMETERS[component]),
                    rate,
                )
            )
    return found


def months_between(first: date, last: date) -> Sequence[date]:
    """The first days of the months from ``first``'s to ``last``'s, both included."""
    found: list[date] = []
    month = first.replace(day=1)
    while month <= last:
        found.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found
