"""The caller's own API tokens: list, create (shown once) and revoke."""

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from ..auth import current_principal, hash_token, issue_token
from ..db import db
from ..errors import NotFound
from ..models import ApiToken, User
from ..models.base import utcnow
from .schemas import Instant, Schema, required_text

blp = Blueprint(
    "tokens", __name__, url_prefix="/api/v1/tokens", description="Jetons d'accès à l'API"
)


class TokenSchema(Schema):
    id = ma.fields.Integer(dump_only=True)
    name = required_text(100)
    prefix = ma.fields.String(dump_only=True)
    created_at = Instant(dump_only=True)
    revoked_at = Instant(dump_only=True, allow_none=True)


class NewTokenSchema(TokenSchema):
    token = ma.fields.String(dump_only=True, metadata={"description": "Affiché une seule fois"})


def _own_tokens() -> Any:
    principal = current_principal()
    return select(ApiToken).where(
        ApiToken.groupement_id == principal.groupement_id,
        ApiToken.user_id == principal.user_id,
    )


@blp.route("/")
class Tokens(MethodView):
    @blp.response(200, TokenSchema(many=True))
    def get(self) -> list[ApiToken]:
        """The caller's tokens.

        Name, prefix and dates; never the secret. Every role manages its own.
        """
        return list(db.session().scalars(_own_tokens().order_by(ApiToken.id)))

    @blp.arguments(TokenSchema)
    @blp.response(201, NewTokenSchema)
    def post(self, data: dict[str, Any]) -> dict[str, Any]:
        """A new token for the caller.

        The token itself is in this answer only: it is stored hashed.
        """
        with db.transaction() as session:
            user = session.get_one(User, current_principal().user_id)
            token = issue_token(session, user, data["name"])
            session.flush()
            created = session.scalars(
                _own_tokens().where(ApiToken.token_hash == hash_token(token))
            ).one()
        fields = ("id", "name", "prefix", "created_at", "revoked_at")
        return {**{name: getattr(created, name) for name in fields}, "token": token}


@blp.route("/<int:ident>")
class Token(MethodView):
    @blp.response(204)
    def delete(self, ident: int) -> None:
        """Revoke one of the caller's tokens.

        It stops working at once; another user's token is a 404.
        """
        with db.transaction() as session:
            token = session.scalars(_own_tokens().where(ApiToken.id == ident)).one_or_none()
            if token is None:
                raise NotFound()
            if token.revoked_at is None:
                token.revoked_at = utcnow()
