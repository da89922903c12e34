"""Money is ``Decimal`` and is made here, and only here.

Floats are refused, never converted: ``Decimal(0.1)`` is not ten cents. Every amount
Mutua stores is a whole number of cents; ``to_money`` refuses anything finer so that a
value that goes into the database comes back out unchanged.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

CENT = Decimal("0.01")
# Far above any amount a GE handles, and far below what 64-bit cents can hold.
LARGEST = Decimal(10) ** 13


class MoneyError(ValueError):
    """A value that cannot be an amount of money."""


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, bool | float):
        raise MoneyError(f"refusing {type(value).__name__} {value!r}: use Decimal, int or str")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int | str):
        try:
            number = Decimal(value)
        except InvalidOperation as error:
            raise MoneyError(f"not a number: {value!r}") from error
    else:
        raise MoneyError(f"refusing {type(value).__name__} {value!r}")
    if not number.is_finite():
        raise MoneyError(f"not a finite number: {value!r}")
    return number


def too_large(number: Decimal, limit: Decimal) -> bool:
    """Whether a finite ``number`` is at least ``limit`` (a power of ten) in size, read
    from its exponent alone: arithmetic on "1E+999999999" would overflow the context."""
    return not number.is_zero() and number.adjusted() >= limit.adjusted()


def _within_range(number: Decimal, value: object) -> Decimal:
    if too_large(number, LARGEST):
        raise MoneyError(f"{value!r} is out of range")
    return number


def round_cents(value: Decimal) -> Decimal:
    """The one rounding of Mutua: to the cent, half away from zero (ROUND_HALF_UP)."""
    number = _within_range(_to_decimal(value), value)
    return number.quantize(CENT, rounding=ROUND_HALF_UP) + 0  # + 0 turns -0.00 into 0.00


def to_money(value: Decimal | int | str) -> Decimal:
    """An exact amount in euros with two decimals; refuses floats and fractions of a cent."""
    number = _within_range(_to_decimal(value), value)
    # Comparing Decimals is exact: any digit beyond the cent makes them differ.
    if number != number.quantize(CENT, rounding=ROUND_HALF_UP):
        raise MoneyError(f"{value!r} has a fraction of a cent")
    return number.quantize(CENT) + 0


def to_cents(value: Decimal | int | str) -> int:
    """Whole cents of an exact amount (storage form)."""
    return int(to_money(value) * 100)


def from_cents(cents: int) -> Decimal:
    """The amount a stored number of cents stands for."""
    return (Decimal(cents) / 100).quantize(CENT)


@dataclass(frozen=True)
class SplitStep:
    """How one share came out of ``split``, for a person to redo it by hand: its exact
    part of the total in cents (``ideal``), that rounded down (``floor``), what was left
    (``remainder``, under one cent), whether a cent left over came to it (``extra_cent``,
    by largest remainder), and the share."""

    weight: Fraction
    ideal: Fraction  # cents
    floor: int  # cents
    extra_cent: bool
    share: Decimal

    @property
    def remainder(self) -> Fraction:
        return self.ideal - self.floor


def split(total: Decimal, weights: Sequence[Fraction | Decimal | int]) -> list[Decimal]:
    """Share ``total`` in proportion to ``weights``, to the cent, adding up exactly.

    Largest remainder: each share is first rounded down to the cent, then the cents left
    over go one by one to the largest remainders; ties go to the larger weight, then to
    the earlier position (callers list members in the order they were created). Weights
    are exact (``Fraction`` or ``Decimal``), never floats. All-zero weights share nothing
    out and are refused, as are negative ones.
    """
    return [step.share for step in split_steps(total, weights)]


def split_steps(total: Decimal, weights: Sequence[Fraction | Decimal | int]) -> list[SplitStep]:
    """``split``, step by step (the one implementation: ``split`` reads its shares)."""
    amount = to_money(total)
    exact = [_to_fraction(weight) for weight in weights]
    if any(weight < 0 for weight in exact):
        raise MoneyError("negative weight")
    whole = sum(exact, Fraction(0))
    if not exact or whole == 0:
        raise MoneyError("nothing to share in proportion to")
    cents = int(amount * 100)
    ideal = [Fraction(cents) * weight / whole for weight in exact]
    floors = [math.floor(value) for value in ideal]
    leftover = cents - sum(floors)
    order = sorted(
        range(len(exact)),
        key=lambda i: (-(ideal[i] - floors[i]), -exact[i], i),
    )
    topped = set(order[:leftover])
    return [
        SplitStep(
            exact[i],
            ideal[i],
            floors[i],
            i in topped,
            from_cents(floors[i] + (1 if i in topped else 0)),
        )
        for i in range(len(exact))
    ]


def _to_fraction(weight: Fraction | Decimal | int) -> Fraction:
    if isinstance(weight, bool | float):
        raise MoneyError(f"refusing {type(weight).__name__} weight {weight!r}")
    return Fraction(weight)
