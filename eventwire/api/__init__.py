"""The eventwire HTTP API and dashboard (``eventwire serve``).

``create_app`` and ``ApiSettings`` load lazily, so importing the CLI does not import FastAPI.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ApiSettings", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from eventwire.api.app import create_app

        return create_app
    if name == "ApiSettings":
        from eventwire.api.settings import ApiSettings

        return ApiSettings
    raise AttributeError(name)
