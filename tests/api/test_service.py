"""The service's public surface: health, OpenAPI document, offline docs, authentication."""

import json
import re
from typing import Any

from flask.testing import FlaskClient

from tests.helpers import assert_error_shape

RESOURCES = ["members", "workers", "contracts", "assignments", "day-entries", "replacement-days"]


def test_health_reports_the_database_without_authentication(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"
    assert response.get_json()["database"] in {"sqlite", "postgresql"}


def test_openapi_document_lists_every_resource(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    for resource in RESOURCES:
        assert f"/api/v1/{resource}/" in spec["paths"]
        assert f"/api/v1/{resource}/{{ident}}" in spec["paths"]
    assert "/api/v1/groupement" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    money = spec["components"]["schemas"]["Contract"]["properties"]["monthly_gross"]
    assert money["type"] == "string" and money["format"] == "decimal"
    assert re.fullmatch(money["pattern"], "1520.50") and not re.fullmatch(
        money["pattern"], "1520.5"
    )
    assert money["nullable"] is True  # a member user sees the contract, not the pay


def test_docs_page_loads_its_assets_from_the_service_itself(client: FlaskClient) -> None:
    page = client.get("/api/v1/docs").get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets, "the docs page should load swagger-ui"
    for asset in assets:
        assert asset.startswith("/api/v1/docs/assets/"), asset
        with client.get(asset) as response:
            assert response.status_code == 200


def test_every_api_route_needs_a_token(client: FlaskClient) -> None:
    for resource in RESOURCES:
        assert_error_shape(client.get(f"/api/v1/{resource}/"), 401)
    assert_error_shape(client.get("/api/v1/groupement"), 401)


def test_a_wrong_or_revoked_token_is_refused(client: FlaskClient, as_user: Any) -> None:
    wrong = client.get("/api/v1/members/", headers={"Authorization": "Bearer mutua_nope"})
    body = assert_error_shape(wrong, 401)
    assert "Authentification requise" in body["message"]
    assert wrong.headers["WWW-Authenticate"].startswith("Bearer")

    me = as_user("accountant_a")
    created = me.post("/api/v1/tokens/", json={"name": "script"}).get_json()
    new = {"Authorization": f"Bearer {created['token']}"}
    assert client.get("/api/v1/members/", headers=new).status_code == 200
    assert me.delete(f"/api/v1/tokens/{created['id']}").status_code == 204
    assert client.get("/api/v1/members/", headers=new).status_code == 401


def test_errors_speak_the_callers_language(as_user: Any) -> None:
    for language, expected in [("fr", "Champ inconnu."), ("nl", "Onbekend veld."),
                               ("en", "Unknown field.")]:  # fmt: skip
        response = as_user("admin_a", language).patch("/api/v1/groupement", json={"x": 1})
        assert assert_error_shape(response, 422)["errors"]["x"] == [expected]


def test_pagination_reports_the_total(admin: Any) -> None:
    response = admin.get("/api/v1/assignments/?page=2&page_size=5")
    assert response.status_code == 200
    assert len(response.get_json()) == 5
    pagination = json.loads(response.headers["X-Pagination"])
    assert pagination["total"] == 24
    assert pagination["page"] == 2
