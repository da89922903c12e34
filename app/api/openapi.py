"""What the OpenAPI document says beyond each route: the one error shape and the error
answers every operation can give.

Every JSON error is ``{code, status, message, errors}`` (``app.errors``). The document
declares it once and lists, on every operation, the answers a client must expect: 401
without a valid token, 403 for a role that may not, 404 for what the caller cannot see,
422 for input refused field by field; on writes also 400 (a body that is not JSON), 409
(refused by a blocking legal rule, by INV-LOCK, or a duplicate) and 413 (a body too
large). There is no catch-all ``default`` answer: an undeclared status is a bug.
"""

from typing import Any

import marshmallow as ma
from apispec import BasePlugin
from flask_smorest import Api

from .schemas import Schema


class ErrorDetails(Schema):
    """``errors``: field errors by field name (a list of messages, or nested by field for a
    list or an object), and, for a refusal, what refused it."""

    class Meta:
        unknown = ma.INCLUDE  # the field names are the request's own

    # A request may have a field of the same name ("findings" sent back, a derogation's
    # "rule_id"): its field error is then a list of messages.
    findings = ma.fields.Raw(
        metadata={
            "type": "array",
            "items": {"anyOf": [{"$ref": "#/components/schemas/Finding"}, {"type": "string"}]},
            "description": "409: the blocking findings of the legal rules",
        }
    )
    rule_id = ma.fields.Raw(
        metadata={
            "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            "description": "409: the rule that refused, e.g. INV-LOCK (an issued month)",
        }
    )
    months = ma.fields.List(
        ma.fields.String(metadata={"pattern": r"^\d{4}-\d{2}$"}),
        metadata={"description": "409 INV-LOCK: the issued months whose bill would change"},
    )


class ErrorSchema(Schema):
    code = ma.fields.Integer(metadata={"description": "The HTTP status"})
    status = ma.fields.String(metadata={"description": "Its name (Not Found, Conflict…)"})
    message = ma.fields.String(metadata={"description": "In the caller's language"})
    errors = ma.fields.Nested(ErrorDetails)


class MutuaApi(Api):  # type: ignore[misc]
    ERROR_SCHEMA = ErrorSchema
    DEFAULT_ERROR_RESPONSE_NAME = None


READS = frozenset({"get", "head", "options"})
# status: (response component, what it means)
EVERY_OPERATION = {
    "401": ("Unauthorized", "Sans jeton valide (Authorization: Bearer …)."),
    "403": ("Forbidden", "Le rôle de l'appelant ne le permet pas (seuls les admins écrivent)."),
    "404": ("NotFound", "Aucun enregistrement de ce numéro parmi ceux que l'appelant voit."),
    "422": ("InvalidInput", "Entrée refusée : les erreurs par champ dans `errors`."),
}
WRITES_ONLY = {
    "400": ("BadRequest", "Le corps n'est pas du JSON."),
    "409": (
        "Refused",
        "Refusé : une règle légale bloquante (`errors.findings`), un mois émis dont la "
        "facture changerait (`errors.rule_id` INV-LOCK et `errors.months`), ou un doublon.",
    ),
    "413": ("TooLarge", "Le corps dépasse la taille admise."),
}


class ErrorAnswers(BasePlugin):  # type: ignore[misc]
    """Adds the error answers to every operation as it enters the document."""

    def operation_helper(
        self, path: str | None = None, operations: dict[str, Any] | None = None, **_: Any
    ) -> None:
        for method, operation in (operations or {}).items():
            answers = operation.setdefault("responses", {})
            for status in [status for status in answers if str(status) in ERROR_STATUSES]:
                del answers[status]  # flask-smorest's own 422, replaced by ours
            extra = EVERY_OPERATION | ({} if method in READS else WRITES_ONLY)
            for status, (component, _description) in extra.items():
                answers[status] = component


ERROR_STATUSES = frozenset(EVERY_OPERATION) | frozenset(WRITES_ONLY)


def declare_error_answers(api: Api) -> None:
    """The response components the operations refer to, each with the error schema."""
    for component, description in (EVERY_OPERATION | WRITES_ONLY).values():
        api.spec.components.response(
            component,
            {"description": description, "content": {"application/json": {"schema": ErrorSchema}}},
        )
