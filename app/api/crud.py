"""The API's routes over the record service: list, read, create, change and delete.

``register`` gives a ``records.Resource`` its five routes with its marshmallow schema;
scoping, the guarded write and the 404 for what the caller may not see are the
service's (``app/services/records.py``), the same for the API and the web pages.
"""

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from ..auth import current_principal
from ..db import db
from ..errors import InvalidInput
from ..services import records
from .schemas import LARGEST_ID, Filters

__all__ = ["LARGEST_ID", "page_of", "register"]


LIST = (
    "Par pages (`page`, `page_size` jusqu'à 500 ; l'en-tête X-Pagination donne le total). "
    "Un utilisateur membre ne voit que ce qui concerne son membre ; les filtres inconnus "
    "sont refusés (422)."
)
READ = "Un numéro que l'appelant ne peut pas voir (autre groupement, autre membre) : 404."
WRITE = (
    "Administrateurs seulement (403 sinon). Une seule transaction : la loi du groupement "
    "est vérifiée sur les jours que l'écriture touche ; une règle bloquante refuse avec 409 "
    "et `errors.findings`, les avertissements reviennent dans `findings`. Une écriture qui "
    "changerait la facture d'un mois émis est refusée avec 409 INV-LOCK (`errors.months`) : "
    "corriger par une note de crédit. Un refus ne change rien."
)


def page_of(session: Session, stmt: Select[Any], pagination: Any) -> list[Any]:
    if pagination.first_item > LARGEST_ID // 2:
        raise InvalidInput({"page": ["out_of_range"]})
    pagination.item_count = session.scalar(
        select(func.count()).select_from(stmt.order_by(None).subquery())
    )
    rows = session.scalars(stmt.limit(pagination.page_size).offset(pagination.first_item))
    return list(rows.unique())


def register(
    blp: Blueprint,
    resource: records.Resource,
    schema: type[ma.Schema],
    title: str,
    filters: type[ma.Schema] = Filters,
) -> None:
    order_by = resource.order_by or (resource.model.id,)  # type: ignore[attr-defined]

    @blp.route("/")
    class Collection(MethodView):
        @blp.doc(summary=f"{title} : la liste", description=LIST)
        @blp.arguments(filters, location="query", unknown=ma.RAISE)
        @blp.response(200, schema(many=True))
        @blp.paginate(page_size=50, max_page_size=500)
        def get(self, query: dict[str, Any], pagination_parameters: Any) -> list[Any]:
            stmt = records.scoped(resource, current_principal())
            stmt = resource.apply_filters(stmt, query).order_by(*order_by)
            return page_of(db.session(), stmt, pagination_parameters)

        @blp.doc(summary=f"{title} : créer", description=WRITE)
        @blp.arguments(schema)
        @blp.response(201, schema)
        def post(self, data: dict[str, Any]) -> Any:
            return records.create(resource, current_principal(), data)

    Collection.__doc__ = f"{title}: list (paginated) and create."

    @blp.route("/<int:ident>")
    class Item(MethodView):
        @blp.doc(summary=f"{title} : lire", description=READ)
        @blp.response(200, schema)
        def get(self, ident: int) -> Any:
            return records.get_visible(db.session(), resource, current_principal(), ident)

        @blp.doc(summary=f"{title} : modifier (partiel)", description=WRITE)
        @blp.arguments(schema(partial=True))
        @blp.response(200, schema)
        def patch(self, data: dict[str, Any], ident: int) -> Any:
            return records.update(resource, current_principal(), ident, data)

        @blp.doc(summary=f"{title} : supprimer", description=WRITE)
        @blp.response(204)
        def delete(self, ident: int) -> None:
            records.remove(resource, current_principal(), ident)

    Item.__doc__ = f"{title}: read, change (PATCH, partial) and delete."
