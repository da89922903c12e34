"""What a worker costs the GE in a month (DOMAIN.md §4).

The social secretariat's figure, when it has been imported, wins. Otherwise the model:
the gross (times the Belgian fraction when the contract starts or ends in the month),
the employer's contributions and provisions as percentages of that gross, a twelfth of
the yearly prevention-service fee (same fraction) and the employer's part of a meal
voucher per day actually worked. Each component is rounded to the cent once, with the
one rounding of ``money.round_cents``; the total is their sum.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

from .money import round_cents, to_money
from .schedule import Placement

HUNDRED = Decimal(100)
MONTHS = 12


@dataclass(frozen=True)
class CostRates:
    """A GE's cost parameters for one year (percentages of the gross, yearly fee, voucher)."""

    employer_contribution_percent: Decimal = Decimal("32.40")
    holiday_pay_percent: Decimal = Decimal("18.20")
    year_end_bonus_percent: Decimal = Decimal("8.33")
    accident_insurance_percent: Decimal = Decimal("1.00")
    prevention_service_per_year: Decimal = Decimal("95.00")
    meal_voucher_employer_part: Decimal = Decimal("8.91")


@dataclass(frozen=True)
class CostBreakdown:
    gross: Decimal
    employer_contributions: Decimal
    holiday_provision: Decimal
    year_end_provision: Decimal
    accident_insurance: Decimal
    prevention_service: Decimal
    meal_vouchers: Decimal
    imported: bool = False

    @property
    def total(self) -> Decimal:
        return (
            self.gross
            + self.employer_contributions
            + self.holiday_provision
            + self.year_end_provision
            + self.accident_insurance
            + self.prevention_service
            + self.meal_vouchers
        )


def _exact(value: Decimal | Fraction) -> Decimal:
    """A Fraction turned into a Decimal at full precision before the one rounding."""
    if isinstance(value, Fraction):
        return Decimal(value.numerator) / Decimal(value.denominator)
    return value


def modelled(
    monthly_gross: Decimal, fraction: Fraction, rates: CostRates, days_worked: int
) -> CostBreakdown:
    """The model's cost of a contract-month; ``fraction`` is the Belgian fraction (1 for a
    whole month), ``days_worked`` the days with work actually done (meal vouchers)."""
    gross = round_cents(_exact(Fraction(to_money(monthly_gross)) * fraction))

    def percent(rate: Decimal) -> Decimal:
        return round_cents(gross * rate / HUNDRED)

    return CostBreakdown(
        gross=gross,
        employer_contributions=percent(rates.employer_contribution_percent),
        holiday_provision=percent(rates.holiday_pay_percent),
        year_end_provision=percent(rates.year_end_bonus_percent),
        accident_insurance=percent(rates.accident_insurance_percent),
        prevention_service=round_cents(
            _exact(Fraction(rates.prevention_service_per_year) * fraction / MONTHS)
        ),
        meal_vouchers=round_cents(rates.meal_voucher_employer_part * days_worked),
    )


def imported(
    gross: Decimal,
    employer_contributions: Decimal,
    holiday_provision: Decimal,
    year_end_provision: Decimal,
    other: Decimal,
) -> CostBreakdown:
    """The social secretariat's figures for the month: they win over the model."""
    return CostBreakdown(
        gross=to_money(gross),
        employer_contributions=to_money(employer_contributions),
        holiday_provision=to_money(holiday_provision),
        year_end_provision=to_money(year_end_provision),
        accident_insurance=Decimal("0.00"),
        prevention_service=Decimal("0.00"),
        meal_vouchers=to_money(other),
        imported=True,
    )


def belgian_fraction(
    placements: Sequence[Placement], month_first: date, month_last: date, first: date, last: date
) -> Fraction:
    """The share of a month's pay due for a contract running from ``first`` to ``last``
    within it: the hours its schedule plans on those days over the hours it would plan
    over the whole month (DOMAIN.md §4), the days before its start read on the schedule
    of its first day and those after its end on the schedule of its last. 1 when it
    covers the month or plans nothing."""

    if first <= month_first and last >= month_last:
        return Fraction(1)  # the whole month inside: what it plans over itself

    def minutes(day: date, schedule_of: date) -> int:
        return sum(p.minutes_on(day) for p in placements if p.active_on(schedule_of))

    # The schedule "of its first day" is the first one in force inside the contract: an
    # assignment may start a day or two after the contract (a Sunday start, say).
    scheduled = [
        day
        for day in (first + timedelta(days=n) for n in range((last - first).days + 1))
        if any(p.active_on(day) for p in placements)
    ]
    if not scheduled:
        return Fraction(1)
    opening, closing = scheduled[0], scheduled[-1]
    inside = outside = 0
    day = month_first
    while day <= month_last:
        if day < first:
            outside += minutes(day, opening)
        elif day > last:
            outside += minutes(day, closing)
        else:
            inside += minutes(day, day)
        day += timedelta(days=1)
    whole = inside + outside
    return Fraction(inside, whole) if whole else Fraction(1)
