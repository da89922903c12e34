"""Mutua: the administration service of a Belgian groupement d'employeurs."""

from typing import Any

from flask import Flask

from . import api, audit, cli, errors, web
from .config import load
from .db import db

__all__ = ["audit", "create_app"]


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; starts no scheduler and creates no table (migrations do)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(load(config))
    app.json.sort_keys = False  # type: ignore[attr-defined]
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    db.init_app(app)
    api.register(app)
    errors.register(app)
    cli.register(app)
    web.register(app)
    return app
