"""The page for an address no page answers (Dash uses the module named not_found_404), in the
user's language instead of Dash's English "404 - Page not found"."""

from __future__ import annotations

from typing import Any

from dash import dcc, html, register_page

from pages.components.i18n import current_lang, t

# Every signed-in role holds page:overview; anonymous requests are sent to /login before this.
register_page(__name__, path="/404", name="app.page_not_found", nav=False, permission="page:overview")


def layout(**_: Any) -> Any:
    lang = current_lang()
    return html.Div([
        html.H2(t("app.page_not_found", lang), id="not-found-title"),
        html.P(t("app.page_not_found_hint", lang)),
        dcc.Link(t("app.go_home", lang), href="/"),
    ], className="empty-state")
