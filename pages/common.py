"""What every page shares: the permission check before any work, refusals and error messages in
the user's language (never a traceback), empty states, and the standard data table."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Sequence
from typing import Any

from dash import dash_table, html, no_update
from dash.exceptions import PreventUpdate

from auth import audit
from auth.guard import AccessDenied, User, require
from graph.errors import DatabaseUnavailable, JSSError
from pages.components.codes import code_cell, code_label
from pages.components.consoletext import one_language
from pages.components.i18n import column, current_lang, t
from pages.components.values import cell  # noqa: F401  (pages import it from here)

log = logging.getLogger("jss.app")


_NO_PERMISSION = re.compile(r"^권한이 없습니다: (\S+) \(role (\w+)\)$")   # auth.guard.require


def reason_text(exc: BaseException, lang: str) -> str:
    """A refusal's or error's message in `lang`: the project's messages are written
    'Korean (English)' (pages.components.consoletext.one_language)."""
    text = str(exc)
    m = _NO_PERMISSION.match(text)
    if m:
        return t("app.no_permission", lang, permission=m.group(1), role=code_label("user_role", m.group(2), lang))
    return one_language(text, lang)


def refusal(exc: AccessDenied, lang: str) -> html.Div:
    return html.Div([html.H3(t("app.refused", lang)), html.P(reason_text(exc, lang)),
                     html.P(t("app.signin_hint", lang))], className="notice notice-refused", role="alert")


def failure(exc: BaseException, lang: str) -> html.Div:
    if isinstance(exc, DatabaseUnavailable):
        return html.Div(t("app.db_down", lang), className="notice notice-error", role="alert")
    detail = reason_text(exc, lang) if isinstance(exc, JSSError) else type(exc).__name__
    return html.Div([html.Strong(t("app.error", lang)), html.Span(f": {detail}")],
                    className="notice notice-error", role="alert")


def empty_state(lang: str, key: str = "app.empty") -> html.Div:
    return html.Div(t(key, lang), className="empty-state")


def guarded_layout(permission: str, build: Callable[[str, User], Any]) -> Any:
    """Check `permission` first; then build the page. Refusals and errors become messages."""
    lang = current_lang()
    try:
        user = require(permission)
    except AccessDenied as exc:
        return refusal(exc, lang)
    try:
        return build(lang, user)
    except JSSError as exc:
        return failure(exc, lang)
    except Exception as exc:  # a page must never show a traceback
        log.exception("layout for %s failed: %s", permission, type(exc).__name__)
        return failure(exc, lang)


def guarded_callback(permission: str, *, outputs: int = 1, message_slot: int | None = 0) -> Callable:
    """Decorator for callbacks: `require(permission)` first; the wrapped function gets
    `(lang, user, *args)`. On refusal or error the message goes to output `message_slot` and the
    other outputs are left as they are (`message_slot=None`: nothing changes; the error is logged)."""

    def wrap(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def inner(*args: Any) -> Any:
            lang = current_lang()
            try:
                user = require(permission)
                return fn(lang, user, *args)
            except PreventUpdate:
                raise  # "nothing to do yet" (e.g. waiting for the purpose of access) is not an error
            except AccessDenied as exc:
                # A refused read is worth an admin's look: forged explorer states and out-of-scope
                # ids arrive here (queries.gate), never through the page's own controls.
                audit.record("access_denied", target_type="callback", target=fn.__name__,
                             detail={"reason": type(exc).__name__})
                message: Any = refusal(exc, lang)
            except JSSError as exc:
                message = failure(exc, lang)
            except Exception as exc:  # never a traceback in the page
                log.exception("callback %s failed: %s", fn.__name__, type(exc).__name__)
                message = failure(exc, lang)
            if message_slot is None:
                return no_update if outputs == 1 else tuple([no_update] * outputs)
            if outputs == 1:
                return message
            out: list[Any] = [no_update] * outputs
            out[message_slot] = message
            return tuple(out)

        return inner

    return wrap


def data_table(table_id: str, rows: Sequence[dict[str, Any]], *, columns: Sequence[str] | None = None,
               headers: dict[str, str] | None = None, tooltips: dict[str, str] | None = None,
               page_size: int = 15, lang: str | None = None, **kwargs: Any) -> dash_table.DataTable:
    """Sortable, filterable, paged table; headers, codes (pages.components.codes, by column) and
    the filter row's hint in the user's language. No browser-side export: every export must be
    audited and formula-neutralised on the server (see pages/patterns.py)."""
    cols = list(columns or (rows[0].keys() if rows else []))
    lang = lang or current_lang()
    headers = {c: column(c, lang) for c in cols} | (headers or {})
    kwargs.setdefault("filter_options", {"placeholder_text": t("table.filter", lang)})
    return dash_table.DataTable(
        id=table_id,
        columns=[{"name": (headers or {}).get(c, c), "id": c} for c in cols],
        data=[{c: code_cell(c, r.get(c), lang) for c in cols} for r in rows],
        sort_action="native", filter_action="native", page_action="native", page_size=page_size,
        export_format="none",
        tooltip_header={c: tip for c, tip in (tooltips or {}).items() if c in cols},
        style_table={"overflowX": "auto"},
        style_cell={"fontFamily": "var(--font)", "fontSize": 13, "padding": "4px 8px", "textAlign": "left",
                    "maxWidth": 320, "overflow": "hidden", "textOverflow": "ellipsis"},
        style_header={"fontWeight": "bold", "backgroundColor": "#f3f4f6"},
        **kwargs)
