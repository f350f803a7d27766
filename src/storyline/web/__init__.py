"""The web app and REST API (``storyline serve``): see ``storyline.web.app.create_app``."""

from storyline.web.app import WebConfig, create_app

__all__ = ["create_app", "WebConfig"]
