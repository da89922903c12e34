"""Domain exceptions and the one JSON error shape: ``{code, status, message, errors}``.

Services raise the exceptions below; ``STATUS_OF`` is the single table that maps them to
HTTP. Every message is in the caller's language (French by default).
"""

from http import HTTPStatus
from typing import Any

from flask import Response, current_app, jsonify, render_template, request
from sqlalchemy.exc import DataError, OperationalError, StatementError
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import N_, t, translate_tree


class MutuaError(Exception):
    """Base of the errors a caller can act on; ``message_key`` is an i18n key."""

    message_key = N_("invalid_input")

    def __init__(
        self,
        errors: dict[str, Any] | None = None,
        message_key: str | None = None,
        values: dict[str, Any] | None = None,
    ):
        super().__init__(message_key or self.message_key)
        self.errors = errors or {}
        if message_key:
            self.message_key = message_key
        # What the message names (months, amounts…), filled in the reader's language.
        self.values = values or {}

    def message(self, language: str | None = None) -> str:
        """The message in ``language`` (the reader's by default)."""
        return t(self.message_key, language, **self.values)


class InvalidInput(MutuaError):
    """The input is well-formed but not acceptable (field-level messages in ``errors``)."""


class Conflict(MutuaError):
    message_key = N_("conflict_duplicate")


class NotFound(MutuaError):
    message_key = N_("not_found")


class Forbidden(MutuaError):
    message_key = N_("forbidden_read_only")


STATUS_OF: dict[type[MutuaError], HTTPStatus] = {
    InvalidInput: HTTPStatus.UNPROCESSABLE_ENTITY,
    Conflict: HTTPStatus.CONFLICT,
    NotFound: HTTPStatus.NOT_FOUND,
    Forbidden: HTTPStatus.FORBIDDEN,
}

# Messages for HTTP errors raised outside our code (routing, body size, auth).
_HTTP_MESSAGE_KEYS = {
    400: N_("bad_request"),
    401: "unauthorized",
    403: N_("forbidden_read_only"),
    404: N_("not_found"),
    405: N_("method_not_allowed"),
    413: N_("too_large"),
    422: N_("invalid_input"),
    500: N_("server_error"),
}


def error_payload(
    status: int, message: str, errors: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {
        "code": status,
        "status": HTTPStatus(status).phrase,
        "message": message,
        "errors": errors or {},
    }


def _json(status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    response = jsonify(payload)
    response.status_code = status
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def handle_mutua_error(error: MutuaError) -> Response | tuple[str, int]:
    status = next(STATUS_OF[cls] for cls in type(error).__mro__ if cls in STATUS_OF)
    if not request.path.startswith("/api/"):
        return render_template("error.html", message=error.message()), status
    return _json(status, error_payload(status, error.message(), translate_tree(error.errors)))


def _unwrap_locations(messages: dict[str, Any]) -> dict[str, Any]:
    """webargs nests field errors by location ({"json": {...}}); one location reads better."""
    if len(messages) == 1:
        (inner,) = messages.values()
        if isinstance(inner, dict):
            return inner
    return messages


def handle_http_exception(
    error: HTTPException,
) -> Response | HTTPException | tuple[str, int]:
    status = error.code or 500
    key = _HTTP_MESSAGE_KEYS.get(status)
    if not request.path.startswith("/api/") and request.path != "/healthz":
        if status < 400:
            return error  # a redirect (a missing trailing slash) stays one
        # A page's error is a page of the app, in the reader's language.
        return render_template("error.html", message=t(key) if key else error.name), status
    data = getattr(error, "data", None) or {}
    errors = _unwrap_locations(data.get("messages", {})) if "messages" in data else {}
    message = data.get("message") or (t(key) if key else error.description or "")
    headers = dict(data.get("headers") or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="mutua"')
    return _json(status, error_payload(status, message, translate_tree(errors)), headers)


def _out_of_range(error: Exception) -> bool:
    """A value the database cannot hold (PostgreSQL's DataError, SQLite's OverflowError),
    which the edge's validation should have refused: still the caller's input."""
    cause = error.orig if isinstance(error, StatementError) else error
    return isinstance(error, DataError) or isinstance(cause, OverflowError)


def handle_unexpected(error: Exception) -> Response | HTTPException | tuple[str, int]:
    if isinstance(error, HTTPException):
        return handle_http_exception(error)
    if _out_of_range(error):
        current_app.logger.warning(
            "value out of the database's range on %s %s: %s", request.method, request.path, error
        )
        return handle_mutua_error(InvalidInput(message_key="out_of_range"))
    if isinstance(error, OperationalError) and "locked" in str(error):
        # SQLite lets one writer at a time: the other is told to try again, nothing written.
        return handle_mutua_error(Conflict(message_key=N_("conflict_busy")))
    current_app.logger.exception("unhandled error on %s %s", request.method, request.path)
    return handle_http_exception(InternalServerError(original_exception=error))


def register(app: Any) -> None:
    app.register_error_handler(MutuaError, handle_mutua_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
