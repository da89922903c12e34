"""What a member owes by age, and what paying late costs it (DOMAIN.md §8).

**Ageing.** An item is *due* ("échu") from its due date on, and *late* from the day
after: paying on the due date is paying on time. ``ageing`` sorts what is open by the
days since the due date, ``(as_of - due_date).days``:

- ``not_due``: the due date is still ahead (``as_of < due_date``);
- ``days_0_30``: 0 to 30 days since it (an item due today is due, 0 days, not yet late);
- ``days_31_60``, ``days_61_90``: 31 to 60, 61 to 90 days;
- ``over_90``: 91 days and more.

The five amounts partition what is open: they add up to the total, to the cent. An item
may be negative: a credit the GE holds for the member (an overpayment not yet assigned or
refunded) is aged by the date the caller gives it, and nets what is owed.

**Late-payment interest** (loi du 2 août 2002 concernant la lutte contre le retard de
paiement dans les transactions commerciales, art. 5): between businesses, interest runs
of right and without notice from the day after the due date until payment, at the legal
rate published each half-year by the SPF Finances (the ECB's rate plus 8 points), the
rate of a half-year applying to each of its days. Mutua publishes no rate: the GE enters
each half-year's (``RatePeriod``), and a day without one is an error, not a guess.
Interest is simple, ``amount × percent / 100 × days / 365`` summed over the rate periods
the delay crosses, exact until the one rounding at the end (``money.round_cents``).
Art. 6 adds a fixed compensation of 40 euros per invoice (``FIXED_COMPENSATION``).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, localcontext
from fractions import Fraction

from .money import round_cents, to_money

ZERO = Decimal("0.00")
# Days since the due date: (first, last) of each overdue bucket, None for no end.
AGEING_BUCKETS = ((0, 30), (31, 60), (61, 90), (91, None))
# Art. 6 of the law of 2 August 2002: due once per invoice paid late.
FIXED_COMPENSATION = Decimal("40.00")
DAYS_PER_YEAR = 365


@dataclass(frozen=True)
class OpenItem:
    document_id: int
    due_date: date
    open: Decimal  # what is still to be paid on it; negative for a credit the GE holds


@dataclass(frozen=True)
class Ageing:
    not_due: Decimal
    days_0_30: Decimal
    days_31_60: Decimal
    days_61_90: Decimal
    over_90: Decimal

    @property
    def buckets(self) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
        """The amounts in the order a statement shows them, not yet due first."""
        return (self.not_due, self.days_0_30, self.days_31_60, self.days_61_90, self.over_90)

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, ZERO)


def days_since_due(due_date: date, as_of: date) -> int:
    """Days since the due date: 0 on it, negative before it."""
    return (as_of - due_date).days


def days_late(due_date: date, as_of: date) -> int:
    """Days of delay by ``as_of`` (0 if paid by the due date): also the days of interest."""
    return max(0, days_since_due(due_date, as_of))


def bucket_of(due_date: date, as_of: date) -> int:
    """The index of an item's amount in ``Ageing.buckets``: 0 not yet due, then one per
    ``AGEING_BUCKETS``."""
    days = days_since_due(due_date, as_of)
    if days < 0:
        return 0
    for index, (_first, last) in enumerate(AGEING_BUCKETS, start=1):
        if last is None or days <= last:
            return index
    raise AssertionError("the last bucket has no end")  # pragma: no cover


def ageing(items: Iterable[OpenItem], as_of: date) -> Ageing:
    """What is open, by the days since each item's due date on ``as_of``."""
    sums = [ZERO] * 5
    for item in items:
        sums[bucket_of(item.due_date, as_of)] += to_money(item.open)
    return Ageing(*sums)


@dataclass(frozen=True)
class RatePeriod:
    """The legal rate of late-payment interest in force from ``start`` to ``end`` (both
    included; a half-year, as the SPF Finances publishes it), in percent a year."""

    start: date
    end: date
    percent: Decimal

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a rate period ending {self.end} before it starts {self.start}")
        given: object = self.percent  # as called, whatever the annotation says
        if not isinstance(given, Decimal) or not given.is_finite() or given < 0:
            raise ValueError(f"not a rate in percent (a Decimal): {given!r}")


@dataclass(frozen=True)
class RateSpan:
    """The days of a delay at one rate: from ``start`` to ``end``, both included."""

    start: date
    end: date
    percent: Decimal

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def rate_spans(
    due_date: date, paid_or_as_of: date, rates: Sequence[RatePeriod]
) -> tuple[RateSpan, ...]:
    """The days of delay, from the day after ``due_date`` through ``paid_or_as_of``, cut
    by the rate in force: none when not late. A day with no rate, or with two, is a
    ``ValueError`` naming it."""
    first, last = due_date + timedelta(days=1), paid_or_as_of
    if last < first:
        return ()
    spans = sorted(
        (
            RateSpan(max(first, rate.start), min(last, rate.end), rate.percent)
            for rate in rates
            if rate.start <= last and rate.end >= first
        ),
        key=lambda span: span.start,
    )
    expected = first
    for span in spans:
        if span.start > expected:
            raise ValueError(f"no late-payment interest rate for {expected.isoformat()}")
        if span.start < expected:
            raise ValueError(f"two late-payment interest rates for {span.start.isoformat()}")
        expected = span.end + timedelta(days=1)
    if expected <= last:
        raise ValueError(f"no late-payment interest rate for {expected.isoformat()}")
    return tuple(spans)


def exact_interest(amount: Decimal, spans: Iterable[RateSpan]) -> Fraction:
    """The interest on ``amount`` over ``spans``, unrounded."""
    return sum(
        (
            Fraction(amount) * Fraction(span.percent) / 100 * span.days / DAYS_PER_YEAR
            for span in spans
        ),
        Fraction(0),
    )


def late_interest(
    amount: Decimal, due_date: date, paid_or_as_of: date, rates: Sequence[RatePeriod]
) -> Decimal:
    """The interest on ``amount`` due on ``due_date`` and paid on (or still open at)
    ``paid_or_as_of``: 0.00 when not late, else rounded once to the cent."""
    principal = to_money(amount)
    if principal < 0:
        raise ValueError(f"interest on a negative amount: {amount!r}")
    interest = exact_interest(principal, rate_spans(due_date, paid_or_as_of, rates))
    # The one inexact step, the division, is carried to 60 digits: the exact value, when
    # not on a half cent, is at least one over its denominator (a few powers of ten
    # times 36,500) away from it, far beyond the error, so round_cents rounds the
    # quotient as it would the exact Fraction.
    with localcontext(prec=60):
        return round_cents(Decimal(interest.numerator) / Decimal(interest.denominator))
