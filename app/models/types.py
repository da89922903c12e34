"""Exact column types: Decimal in Python, integers in the database (SQLite has no decimal)."""

from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, Integer
from sqlalchemy.types import TypeDecorator

from allocation.hours import from_minutes, to_minutes
from allocation.money import from_cents, to_cents


class Money(TypeDecorator[Decimal]):
    """Euros as ``Decimal`` with two places, stored as integer cents."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        return None if value is None else to_cents(value)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else from_cents(int(value))


class Hours(TypeDecorator[Decimal]):
    """Hours as ``Decimal``, stored as integer minutes."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        return None if value is None else to_minutes(value)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else from_minutes(int(value))


class Percent(TypeDecorator[Decimal]):
    """A percentage such as 32.40 or 8.3333, stored as an integer of ten-thousandths."""

    impl = Integer
    cache_ok = True
    PLACES = 4

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        if not isinstance(value, Decimal | int | str) or isinstance(value, bool):
            raise ValueError(f"refusing {type(value).__name__} {value!r} as a percentage")
        scaled = Decimal(value).scaleb(self.PLACES)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value!r} has more than {self.PLACES} decimals")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        if value is None:
            return None
        exact = Decimal(int(value)).scaleb(-self.PLACES)
        # Shown with two places when that is exact (32.40), else with the four stored.
        two_places = exact.quantize(Decimal("0.01"))
        return two_places if two_places == exact else exact


class Hundredths(TypeDecorator[Decimal]):
    """A quantity shown to the hundredth (billed hours), stored as integer hundredths."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Any) -> int | None:
        if value is None:
            return None
        scaled = Decimal(value) * 100
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value!r} has more than two decimals")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Any) -> Decimal | None:
        return None if value is None else (Decimal(int(value)) / 100).quantize(Decimal("0.01"))
