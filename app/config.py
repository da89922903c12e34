"""Configuration: defaults here, then ``MUTUA_*`` environment variables, then the caller's dict."""

import os
from typing import Any

DEFAULTS: dict[str, Any] = {
    # An empty DATABASE_URL means the embedded SQLite file under the instance folder.
    "DATABASE_URL": "",
    "SECRET_KEY": "dev-only-change-me",
    # Every API body is small; a megabyte is far above any legitimate one.
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # The one size limit of an imported workbook, for the web page and the API alike
    # (their requests may carry this plus a multipart envelope; see app/services/imports.py).
    "IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    "DEFAULT_LANGUAGE": "fr",
    # How many proxies in front of the app set X-Forwarded-For and -Proto (ProxyFix):
    # 0 trusts none (the client's own address is the one counted); 1 behind one proxy.
    "TRUSTED_PROXIES": 0,
    # Notification e-mails go out when SMTP_HOST is set (the scheduler process sends them).
    "SMTP_HOST": "",
    "SMTP_PORT": 25,
    "SMTP_FROM": "mutua@localhost",
    "SMTP_USERNAME": "",
    "SMTP_PASSWORD": "",
    "SMTP_STARTTLS": False,
    "API_TITLE": "Mutua",
    "API_VERSION": "v1",
    "OPENAPI_VERSION": "3.0.3",
    "OPENAPI_URL_PREFIX": "/api/v1",
    "OPENAPI_JSON_PATH": "openapi.json",
    "OPENAPI_SWAGGER_UI_PATH": "docs",
    # Served by the app itself (swagger-ui-bundle), so the docs page works offline.
    "OPENAPI_SWAGGER_UI_URL": "/api/v1/docs/assets/",
    "API_SPEC_OPTIONS": {
        "components": {"securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearerAuth": []}],
        "info": {
            "description": "API de Mutua: membres, travailleurs, contrats, horaires et "
            "prestations d'un groupement d'employeurs. Authentification par jeton "
            "(Authorization: Bearer …). Montants et heures en chaînes décimales."
        },
    },
}

_ENV_KEYS = (
    "DATABASE_URL",
    "SECRET_KEY",
    "MAX_CONTENT_LENGTH",
    "IMPORT_MAX_BYTES",
    "DEFAULT_LANGUAGE",
    "TRUSTED_PROXIES",
    "SESSION_COOKIE_SECURE",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_FROM",
    "SMTP_USERNAME",
    "SMTP_PASSWORD",
    "SMTP_STARTTLS",
)
_INTEGERS = frozenset({"MAX_CONTENT_LENGTH", "IMPORT_MAX_BYTES", "SMTP_PORT", "TRUSTED_PROXIES"})
_FLAGS = frozenset({"SESSION_COOKIE_SECURE", "SMTP_STARTTLS"})


def load(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    config = dict(DEFAULTS)
    for key in _ENV_KEYS:
        value = os.environ.get(f"MUTUA_{key}")
        if value is not None:
            if key in _INTEGERS:
                config[key] = int(value)
            elif key in _FLAGS:
                config[key] = value.lower() in {"1", "true", "yes"}
            else:
                config[key] = value
    if "DATABASE_URL" in os.environ and not os.environ.get("MUTUA_DATABASE_URL"):
        config["DATABASE_URL"] = os.environ["DATABASE_URL"]
    config.update(overrides or {})
    return config
