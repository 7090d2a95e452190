"""The frame around every page: navbar (from dash.page_registry, in the chosen language), the
language switch, the Neo4j health banner and the page container. Its callbacks are registered on
the app instance (`register`), so several apps can live in one process (tests)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash
from dash import Input, Output, State, dcc, html

from auth import purpose
from auth.guard import AccessDenied, current_user, require
from auth.roles import can
from auth.web import csrf_token
from pages import freshness
from pages.components.codes import code_label
from pages.components.i18n import COOKIE, current_lang, t
from queries import figures as data

HEALTH_INTERVAL_MS = 5000


def navbar(lang: str) -> html.Nav:
    user = current_user()
    links = []
    for page in sorted(dash.page_registry.values(), key=lambda p: p.get("order") or 0):
        if not page.get("nav", True):
            continue
        perm = page.get("permission")
        if perm and (user is None or not can(user.role, perm)):
            continue  # hiding is cosmetic: every layout and callback checks on the server too
        links.append(dcc.Link(t(page["name"], lang), href=page["relative_path"], className="nav-link",
                              id=f"nav-{page['module'].split('.')[-1]}"))
    # the name is personal data (class pii: the language test leaves it as written)
    who = html.Span([html.Span(user.display_name or user.username, className="pii"),
                     f" ({code_label('user_role', user.role, lang)})"] if user else "", className="nav-user")
    return html.Nav([html.Span(t("app.title", lang), className="brand"), html.Div(links, className="nav-links"),
                     who, html.Button(t("app.lang_switch", lang), id="app-lang-switch", className="lang-switch",
                                      n_clicks=0), *signout_form(lang, user is not None)], className="navbar")


def signout_form(lang: str, signed_in: bool) -> list[html.Form]:
    """Sign-out: a plain form POSTing the session's CSRF token to /logout (pages/login.py), so no
    link or request from another site can sign a user out."""
    if not signed_in:
        return []
    return [html.Form([
        dcc.Input(type="hidden", name="csrf", value=csrf_token(), id="nav-signout-csrf"),
        html.Button(t("app.sign_out", lang), type="submit", id="nav-signout",
                    className="lang-switch"),
    ], method="post", action="/logout", className="nav-signout", id="nav-signout-form")]


def make_layout(*extra: Any) -> Callable[[], html.Div]:
    """The app layout function; `extra` components (e.g. auth's session watch) are added once."""

    def layout() -> html.Div:
        return _frame(list(extra))

    return layout


def _frame(extra: list[Any]) -> html.Div:
    lang = current_lang()
    return html.Div([
        *extra,
        dcc.Store(id="app-lang", data=lang),
        dcc.Interval(id="app-health-tick", interval=HEALTH_INTERVAL_MS, n_intervals=0),
        html.Div(id="app-db-banner", className="db-banner", style={"display": "none"}),
        navbar(lang),
        html.Main(dash.page_container, className="page"),
    ], lang=lang)


def health_banner(_: int, lang: str | None) -> tuple[str, dict[str, str]]:
    """Show the banner while Neo4j does not answer; hide it once it does (signed-in users only)."""
    try:
        require("page:overview")  # every signed-in role holds it
    except AccessDenied:
        return "", {"display": "none"}
    if data.ping():
        return "", {"display": "none"}
    return t("app.db_down", lang or "ko"), {"display": "block"}


def register(app: dash.Dash) -> None:
    purpose.use_catalogue(t, code_label, current_lang)  # the purpose dialog's words (auth/purpose.py)
    warm_up()
    app.callback(Output("app-db-banner", "children"), Output("app-db-banner", "style"),
                 Input("app-health-tick", "n_intervals"), State("app-lang", "data"))(health_banner)
    # The switch writes the cookie the server reads, then reloads so every label is re-rendered.
    app.clientside_callback(
        f"""function(n, lang) {{
            if (!n) {{ return window.dash_clientside.no_update; }}
            var next = lang === 'en' ? 'ko' : 'en';
            document.cookie = '{COOKIE}=' + next + '; path=/; max-age=31536000; SameSite=Lax';
            window.location.reload();
            return next;
        }}""",
        Output("app-lang", "data"), Input("app-lang-switch", "n_clicks"), State("app-lang", "data"),
        prevent_initial_call=True)



def warm_up() -> None:
    """Start computing the pages' whole-graph reads in the background (each page's `warm()`), and
    the thread that does it again after Neo4j restarts or the graph changes (pages/freshness.py)."""
    import sys

    tasks = [data.warm_masking]   # every page that shows a person masks with the shelter values
    for page in dash.page_registry.values():
        module = sys.modules.get(page["module"])
        if callable(getattr(module, "warm", None)):
            tasks.append(module.warm)
    data.warm_up(tasks)
    freshness.watch(tasks)
