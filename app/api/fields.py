"""marshmallow fields for Mutua's exact values and Belgian identifiers.

Money and hours travel as strings ("2500.00", "19.50"); a JSON number with a fraction
arrives as a float and is refused, because a float near money is a bug.
"""

from datetime import date
from decimal import Decimal
from typing import Any

import marshmallow as ma
from stdnum import bic, iban
from stdnum.be import ssn, vat
from stdnum.eu import at_02
from stdnum.exceptions import ValidationError as StdnumError

from allocation.hours import HoursError, to_hours
from allocation.money import MoneyError, to_money, too_large

from ..errors import InvalidInput
from ..i18n import N_, t
from ..services import billing


def _exact_text(value: Any, message_key: str) -> str | int:
    # bool is an int in Python but never a quantity.
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ma.ValidationError(t(message_key))
    return value


class _ExactDecimal(ma.fields.Field):
    """A Decimal that travels as text with two places and is checked by an ``allocation`` maker."""

    not_text_key = ""
    imprecise_key = ""
    # The maker's error message names the imprecision it refuses ("cent", "minutes").
    imprecision_marker = ""

    @staticmethod
    def make(value: str | int) -> Decimal:
        raise NotImplementedError

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else f"{value:.2f}"

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Decimal:
        text = _exact_text(value, self.not_text_key)
        try:
            return self.make(text.strip() if isinstance(text, str) else text)
        except (MoneyError, HoursError) as error:
            reason = str(error)
            if self.imprecision_marker in reason:
                key = self.imprecise_key
            elif "out of range" in reason:
                key = "out_of_range"
            else:
                key = self.not_text_key
            raise ma.ValidationError(t(key)) from error


class Money(_ExactDecimal):
    """Euros: "1234.56" in and out (an integer is accepted in, a float never)."""

    not_text_key = N_("not_a_string_amount")
    imprecise_key = N_("fraction_of_cent")
    imprecision_marker = "fraction of a cent"
    make = staticmethod(to_money)


class Hours(_ExactDecimal):
    """Hours: "37.50" in and out; a whole number of minutes."""

    not_text_key = N_("not_a_string_hours")
    imprecise_key = N_("hours_not_minutes")
    imprecision_marker = "whole number of minutes"
    make = staticmethod(to_hours)


class MonthField(ma.fields.Field):
    """A billing period: "2026-05" in and out, the month's first day inside."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else f"{value:%Y-%m}"

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> date:
        if not isinstance(value, str):
            raise ma.ValidationError(t("invalid_period"))
        try:
            return billing.parse_period(value)
        except InvalidInput as error:
            raise ma.ValidationError(t("invalid_period")) from error


LARGEST_PERCENT = Decimal(1000)


class Percent(ma.fields.Field):
    """A percentage such as "32.40"; at most four decimals."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value)

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> Decimal:
        text = _exact_text(value, "not_a_percent")
        try:
            number = Decimal(text.strip() if isinstance(text, str) else text)
        except ArithmeticError as error:
            raise ma.ValidationError(t("not_a_percent")) from error
        if not number.is_finite():
            raise ma.ValidationError(t("not_a_percent"))
        if number < 0:
            raise ma.ValidationError(t("must_not_be_negative"))
        # Read from the exponent first: quantizing 1E+30 would exceed the context.
        if too_large(number, LARGEST_PERCENT * 10) or number > LARGEST_PERCENT:
            raise ma.ValidationError(t("out_of_range"))
        if number != number.quantize(Decimal("0.0001")):
            raise ma.ValidationError(t("not_a_percent"))
        return number


class _Identifier(ma.fields.String):
    """A number checked and normalised by python-stdnum (no checksum written by hand)."""

    message_key = ""

    def normalise(self, value: str) -> str:
        raise NotImplementedError

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            return self.normalise(text)
        except StdnumError as error:
            raise ma.ValidationError(t(self.message_key)) from error


class EnterpriseNumber(_Identifier):
    """Belgian enterprise number (BCE/KBO), stored as its 10 digits."""

    message_key = N_("invalid_enterprise_number")

    def normalise(self, value: str) -> str:
        return str(vat.validate(value))


class VatNumber(_Identifier):
    """Belgian VAT number, stored as BE + 10 digits."""

    message_key = N_("invalid_vat_number")

    def normalise(self, value: str) -> str:
        return "BE" + str(vat.validate(value))


class NationalNumber(_Identifier):
    """Numéro de registre national or bis number (INSZ/NISS), stored as 11 digits."""

    message_key = N_("invalid_national_number")

    def normalise(self, value: str) -> str:
        return str(ssn.validate(value))


class Iban(_Identifier):
    message_key = N_("invalid_iban")

    def normalise(self, value: str) -> str:
        return str(iban.validate(value))


class Bic(_Identifier):
    message_key = N_("invalid_bic")

    def normalise(self, value: str) -> str:
        return str(bic.validate(value))


class CreditorId(_Identifier):
    """SEPA creditor identifier (AT-02: country, check digits, business code, national
    id), for direct-debit files."""

    message_key = N_("invalid_creditor_id")

    def normalise(self, value: str) -> str:
        return str(at_02.validate(value))


def mask_national_number(number: str | None) -> str | None:
    """Show only the last two digits of a national number (personal data)."""
    if not number:
        return number
    return "•" * (len(number) - 2) + number[-2:]
