"""Shared pieces of the API schemas."""

import re
from datetime import UTC, time
from typing import Any

import marshmallow as ma
from werkzeug.routing import IntegerConverter

from allocation.calendar import FIRST_DAY, LAST_DAY

from ..i18n import t

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Schema(ma.Schema):
    """Unknown fields are refused, never silently dropped; so is text with control
    characters, which no document (XML, XLSX) could carry."""

    class Meta:
        unknown = ma.RAISE

    @ma.pre_load
    def refuse_control_characters(self, data: Any, **_kwargs: Any) -> Any:
        if hasattr(data, "items"):
            bad = {
                key: [t("control_characters")]
                for key, value in data.items()
                if isinstance(value, str) and CONTROL_CHARACTERS.search(value)
            }
            if bad:
                raise ma.ValidationError(bad)
        return data


class TimeOfDay(ma.fields.Time):
    """A time of day to the minute: "08:30" in and out."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else value.strftime("%H:%M")

    def _deserialize(self, value: Any, attr: Any, data: Any, **kwargs: Any) -> time:
        parsed = super()._deserialize(value, attr, data, **kwargs)
        if parsed.second or parsed.microsecond or parsed.tzinfo:
            raise ma.ValidationError(t("Not a valid time."))
        return parsed


class Instant(ma.fields.DateTime):
    """A stored instant, always in UTC with its offset (SQLite gives it back naive)."""

    def _serialize(self, value: Any, attr: Any, obj: Any, **kwargs: Any) -> str | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)  # type: ignore[no-any-return]


def required_text(max_length: int) -> ma.fields.String:
    return ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=max_length))


def optional_text(max_length: int, validate: Any = None) -> ma.fields.String:
    validators = [ma.validate.Length(max=max_length)] + ([validate] if validate else [])
    return ma.fields.String(load_default=None, allow_none=True, validate=validators)


POSTAL_CODE = re.compile(r"^[0-9A-Za-z -]{3,10}$")
PEPPOL_ID = re.compile(r"^[0-9]{4}:[0-9A-Za-z.\-]{1,50}$")


# Row ids are INTEGER columns (32 bits on PostgreSQL): anything larger names no record.
LARGEST_ID = 2**31 - 1


class RowId(IntegerConverter):
    """The app's ``<int:…>`` URL converter: a number beyond ``LARGEST_ID`` matches no route
    (404), on every page and API route, instead of reaching the database."""

    def __init__(self, url_map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(url_map, *args, **kwargs)


def reference(strict: bool = True, **kwargs: Any) -> ma.fields.Integer:
    """The id of another record (of the caller's groupement: checked by the resource).

    Strict in a JSON body (a number, not "12"); a query string only holds text.
    """
    return ma.fields.Integer(strict=strict, validate=ma.validate.Range(1, LARGEST_ID), **kwargs)


def iso_date(**kwargs: Any) -> ma.fields.Date:
    """An ISO date (YYYY-MM-DD) within the years a GE's records can concern."""
    return ma.fields.Date(validate=ma.validate.Range(FIRST_DAY, LAST_DAY), **kwargs)


class Filters(Schema):
    """Query parameters of a list: unknown ones are refused (a typo must not widen a list).

    The pagination parameters belong to flask-smorest's own schema: set aside here.
    """

    @ma.pre_load
    def set_pagination_aside(self, data: Any, **_kwargs: Any) -> dict[str, Any]:
        return {key: data[key] for key in data if key not in PAGINATION_PARAMETERS}


PAGINATION_PARAMETERS = frozenset({"page", "page_size"})


class FindingSchema(Schema):
    """A finding of the legal rules: what, how serious, on which basis, when, about whom."""

    rule_id = ma.fields.String(metadata={"description": "GE-CAP-50, WT-REST-11H…"})
    severity = ma.fields.String(metadata={"description": "blocking | warning | info"})
    reference = ma.fields.String(metadata={"description": "Base légale, langue de l'appelant"})
    references = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    message = ma.fields.String(metadata={"description": "Dans la langue de l'appelant"})
    messages = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String())
    first_date = ma.fields.String()
    last_date = ma.fields.String()
    subjects = ma.fields.List(ma.fields.Dict())


class CheckedSchema(Schema):
    """A record whose writes the legal rules check: warnings come back with the answer."""

    findings = ma.fields.List(
        ma.fields.Nested(FindingSchema),
        dump_only=True,
        metadata={"description": "Avertissements relevés lors de cette écriture"},
    )
