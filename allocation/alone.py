"""What hiring alone would have cost a member (DOMAIN.md §8 "Hiring alone", issue 16).

A member that received, on average, ``need`` hours a week of a worker from the GE would,
hiring directly, have had to offer a contract of at least the part-time minimum: a
fraction of full time per week (one third by default, a GE parameter because a sector
rule may say otherwise), so ``max(need, minimum)`` hours a week, at the same gross hourly
rate and with the same cost model (``allocation.costs.modelled``), plus what a hire
costs in recruitment and payroll administration, per year, pro rata the period. The
saving of pooling is that cost less what the member actually paid the GE.

Assumptions, all returned with the figures (``Comparison.assumptions``):

- the minimum contract is ``full time × minimum percent / 100`` hours a week, to the
  minute (a contract's hours are whole minutes): 38 h at 33.3333 % is 759.99924 minutes,
  so 760 minutes, 12 h 40 (12.67 h), exactly a third of 38 h;
- a month is 52/12 weeks (the gross of ``h`` hours a week is ``rate × h × 52 / 12``),
  and the contract's monthly gross is rounded to the cent, as a contract states it;
- the period is a number of whole months; the model's cost of those months is
  ``modelled(monthly gross, months, rates, days)``: the gross times the months, the
  percentages of that gross, the prevention fee times ``months / 12`` and a meal
  voucher per day worked;
- days worked: the contract's weekly hours in days of at most a full-time day
  (full time / 5), so ``ceil(contract hours / (full time / 5))`` days a week, times
  the weeks of the period, rounded to the nearest whole day (half up);
- recruitment and payroll administration are yearly amounts per hire, taken for
  ``months / 12`` of a year;
- amounts compare without VAT (what the member paid is the GE's lines before VAT).

Each amount is rounded once, with ``money.round_cents``; the alone total is the sum of
its rounded parts.

Worked example, by hand (``tests/allocation/test_alone.py``): a member needs 6 h a week
for 12 months; full time is 38 h, the minimum 33.3333 %, so the minimum contract is
12 h 40 = 38/3 h (12.67 h) and the contract is 38/3 h, not 6. The gross hourly rate is
18.50 €; the rates are 30.00 % contributions, 18.20 % holiday pay, 8.33 % year-end
bonus, 1.00 % accident insurance, 95.00 € prevention a year, 8.91 € a meal voucher;
recruitment 1,500.00 € and payroll administration 600.00 € a year.

- monthly gross: 18.50 × 38/3 × 52/12 = 36,556/36 = 1,015.444… → 1,015.44
- gross of 12 months: 1,015.44 × 12 = 12,185.28
- contributions 30.00 %: 3,655.584 → 3,655.58
- holiday pay 18.20 %: 2,217.72096 → 2,217.72
- year-end bonus 8.33 %: 1,015.033824 → 1,015.03
- accident insurance 1.00 %: 121.8528 → 121.85
- prevention: 95.00 × 12/12 = 95.00
- days a week: ceil((38/3) / 7.6) = ceil(1.666…) = 2; days: 2 × 12 × 52/12 = 104;
  meal vouchers 8.91 × 104 = 926.64
- cost model: 12,185.28 + 3,655.58 + 2,217.72 + 1,015.03 + 121.85 + 95.00 + 926.64
  = 20,217.10
- recruitment 1,500.00 × 12/12 = 1,500.00; payroll administration 600.00
- alone: 20,217.10 + 1,500.00 + 600.00 = 22,317.10
- the member paid 9,000.00: the difference is 22,317.10 − 9,000.00 = 13,317.10, that
  is 13,317.10 / 22,317.10 × 100 = 59.6723… → 59.67 % of the alone cost.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from .costs import CostBreakdown, CostRates, modelled
from .money import round_cents, to_money

HUNDRED = Decimal(100)
MONTHS_PER_YEAR = 12
WEEKS_PER_MONTH = Fraction(52, 12)
DAYS_PER_FULL_TIME_WEEK = 5
MINUTES_PER_HOUR = 60
ONE_THIRD_PERCENT = Decimal("33.3333")


@dataclass(frozen=True)
class AloneParameters:
    """A GE's assumptions for the comparison (editable on its settings page)."""

    minimum_percent: Decimal = ONE_THIRD_PERCENT  # of full time, per week
    recruitment_per_year: Decimal = Decimal("1500.00")
    payroll_admin_per_year: Decimal = Decimal("600.00")
    full_time_weekly_hours: Decimal = Decimal("38")


@dataclass(frozen=True)
class Comparison:
    months: int
    need_weekly_hours: Fraction
    minimum_weekly_hours: Fraction
    contract_weekly_hours: Fraction
    hourly_gross: Fraction
    monthly_gross: Decimal
    days_per_week: int
    meal_voucher_days: int
    cost: CostBreakdown
    recruitment: Decimal
    payroll_admin: Decimal
    paid: Decimal

    @property
    def alone(self) -> Decimal:
        return self.cost.total + self.recruitment + self.payroll_admin

    @property
    def difference(self) -> Decimal:
        """What pooling saved: the alone cost less what the member paid (negative when
        pooling cost more)."""
        return self.alone - self.paid

    @property
    def percent(self) -> Decimal | None:
        """The difference as a percentage of the alone cost, to the hundredth; None when
        hiring alone would have cost nothing (no months)."""
        if self.alone == 0:
            return None
        return round_cents(self.difference * HUNDRED / self.alone)


def _decimal(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator)


def shown(value: Fraction) -> Decimal:
    """Hours or a rate as printed: to the hundredth, half up."""
    return round_cents(_decimal(value))


def minimum_weekly_hours(parameters: AloneParameters) -> Fraction:
    """The part-time minimum: full time × percent / 100, to the whole minute (half up)."""
    minutes = (
        parameters.full_time_weekly_hours * parameters.minimum_percent / HUNDRED * MINUTES_PER_HOUR
    ).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return Fraction(int(minutes), MINUTES_PER_HOUR)


def hourly_rate(monthly_gross: Decimal, weekly_hours: Decimal) -> Fraction:
    """A contract's gross per hour, exact: its monthly gross over its weekly hours × 52/12."""
    return Fraction(to_money(monthly_gross)) / (Fraction(weekly_hours) * WEEKS_PER_MONTH)


def compare(
    need_weekly_hours: Fraction | Decimal,
    hourly_gross: Fraction | Decimal,
    months: int,
    paid: Decimal,
    rates: CostRates,
    parameters: AloneParameters,
) -> Comparison:
    """What hiring the worker alone for ``months`` months would have cost, beside ``paid``."""
    if months < 0:
        raise ValueError("a period cannot have fewer than no months")
    need = Fraction(need_weekly_hours)
    if need < 0:
        raise ValueError("a need cannot be negative")
    rate = Fraction(hourly_gross)
    minimum = minimum_weekly_hours(parameters)
    contract = max(need, minimum)
    monthly_gross = round_cents(_decimal(rate * contract * WEEKS_PER_MONTH))
    full_day = Fraction(parameters.full_time_weekly_hours) / DAYS_PER_FULL_TIME_WEEK
    days_per_week = math.ceil(contract / full_day)
    days = int(
        _decimal(days_per_week * months * WEEKS_PER_MONTH).quantize(
            Decimal(1), rounding=ROUND_HALF_UP
        )
    )
    cost = modelled(monthly_gross, Fraction(months), rates, days)
    share = Fraction(months, MONTHS_PER_YEAR)
    return Comparison(
        months=months,
        need_weekly_hours=need,
        minimum_weekly_hours=minimum,
        contract_weekly_hours=contract,
        hourly_gross=rate,
        monthly_gross=monthly_gross,
        days_per_week=days_per_week,
        meal_voucher_days=days,
        cost=cost,
        recruitment=round_cents(_decimal(Fraction(parameters.recruitment_per_year) * share)),
        payroll_admin=round_cents(_decimal(Fraction(parameters.payroll_admin_per_year) * share)),
        paid=to_money(paid),
    )


def assumptions(rates: CostRates, parameters: AloneParameters) -> dict[str, str]:
    """Every assumption shared by a GE's comparisons, as strings to print beside their
    figures (each comparison's own, its months and days, are among its fields)."""
    return {
        "full_time_weekly_hours": str(parameters.full_time_weekly_hours),
        "minimum_percent": str(parameters.minimum_percent),
        "minimum_weekly_hours": str(shown(minimum_weekly_hours(parameters))),
        "weeks_per_month": "52/12",
        "full_time_days_per_week": str(DAYS_PER_FULL_TIME_WEEK),
        "recruitment_per_year": str(parameters.recruitment_per_year),
        "payroll_admin_per_year": str(parameters.payroll_admin_per_year),
        "employer_contribution_percent": str(rates.employer_contribution_percent),
        "holiday_pay_percent": str(rates.holiday_pay_percent),
        "year_end_bonus_percent": str(rates.year_end_bonus_percent),
        "accident_insurance_percent": str(rates.accident_insurance_percent),
        "prevention_service_per_year": str(rates.prevention_service_per_year),
        "meal_voucher_employer_part": str(rates.meal_voucher_employer_part),
        "vat": "excluded",
    }
