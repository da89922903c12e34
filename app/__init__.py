"""Mutua: the administration service of a Belgian groupement d'employeurs."""

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from . import api, audit, cli, errors, web
from .config import load
from .db import db

__all__ = ["audit", "create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; starts no scheduler and creates no table (migrations do)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(load(config))
    if proxies := app.config["TRUSTED_PROXIES"]:
        # The client's address (counted by the sign-in limit) and scheme, as the proxies
        # in front saw them; with none trusted, a client's X-Forwarded-* are ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    db.init_app(app)
    api.register(app)
    errors.register(app)
    cli.register(app)
    web.register(app)
    return app
