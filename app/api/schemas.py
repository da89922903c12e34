"""Shared pieces of the API schemas."""

import re
from datetime import time
from typing import Any

import marshmallow as ma

from ..i18n import t


class Schema(ma.Schema):
    """Unknown fields are refused, never silently dropped."""

    class Meta:
        unknown = ma.RAISE


class TimeOfDay(ma.fields.Time):
    """A time of day to the minute: "08:30" in and out."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else value.strftime("%H:%M")

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> time:
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.second or parsed.microsecond or parsed.tzinfo:
            raise ma.ValidationError(t("Not a valid time."))
        return parsed


def required_text(max_length: int) -> ma.fields.String:
    return ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=max_length))


def optional_text(max_length: int, validate: Any = None) -> ma.fields.String:
    validators = [ma.validate.Length(max=max_length)] + ([validate] if validate else [])
    return ma.fields.String(load_default=None, allow_none=True, validate=validators)


POSTAL_CODE = re.compile(r"^[0-9A-Za-z -]{3,10}$")
PEPPOL_ID = re.compile(r"^[0-9]{4}:[0-9A-Za-z.\-]{1,50}$")
