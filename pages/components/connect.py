"""The explorer's structure tools: how two people on the canvas are connected, and the
communities and central people of the household network shown."""

from __future__ import annotations

from typing import Any

from dash import html


def panel(lang: str) -> Any:
    return html.Div(id="household-connect")
