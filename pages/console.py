"""Cypher console (data_staff, admin): read-only queries with the catalogue's queries as examples,
results as a table and — when nodes, relationships or paths come back — as a graph; CSV export.

Safety lives in `queries/console.py` (lexical check, decision from EXPLAIN's plan, READ transaction,
time, memory, row and byte limits, shelter suppression); this page adds the permission checks and
the audit entries (with the query text).
"""

from __future__ import annotations

import json
import logging
from typing import Any

import dash_cytoscape as cyto
from dash import Input, Output, State, callback, dash_table, dcc, html, no_update, register_page

from auth import audit
from auth.exports import csv_text
from auth.guard import AccessDenied, current_user, require
from graph import errors
from pages.common import cell, refusal
from pages.components.consoletext import one_language, syntax_detail
from pages.components.i18n import current_lang, t
from queries.console import graph_elements, run_for_app

log = logging.getLogger("jss.app")

register_page(__name__, path="/console", name="nav.console", order=90, permission="page:console")

MAX_GRAPH_NODES = 300
_STYLESHEET = [
    {"selector": "node", "style": {"label": "data(label)", "font-size": 9, "text-wrap": "wrap",
                                   "background-color": "#4e79a7", "color": "#222", "width": 18, "height": 18}},
    {"selector": "edge", "style": {"label": "data(label)", "font-size": 7, "curve-style": "bezier",
                                   "target-arrow-shape": "triangle", "line-color": "#aaa",
                                   "target-arrow-color": "#aaa", "width": 1}},
]


def examples(lang: str = "ko") -> list[dict[str, Any]]:
    """The catalogue's queries as editor examples (label, text, parameter template)."""
    try:
        from queries.catalogue import catalogue, title

        out = []
        for name, q in sorted(catalogue().items()):
            params = {p.name: p.default for p in q.params}
            out.append({"label": f"{title(q, lang)} ({name})", "value": name, "text": q.text, "params": params})
        return out
    except Exception as exc:  # a malformed catalogue file must not take the console down
        log.warning("console examples unavailable: %s", type(exc).__name__)
        return []


def layout(**_: Any) -> Any:
    lang = current_lang()
    try:
        require("page:console")
    except AccessDenied as exc:
        return refusal(exc, lang)
    ex = examples(lang)
    return html.Div([
        html.H2(t("con.title", lang)),
        html.P(t("con.hint", lang), className="hint"),
        dcc.Store(id="console-examples", data={e["value"]: {"text": e["text"], "params": e["params"]} for e in ex}),
        html.Div([html.Label(t("con.example", lang), htmlFor="console-example"),
                  dcc.Dropdown(id="console-example", options=[{"label": e["label"], "value": e["value"]} for e in ex],
                               placeholder=t("con.example_pick", lang), style={"minWidth": "360px"})],
                 className="toolbar"),
        dcc.Textarea(id="console-query", value="MATCH (n) RETURN labels(n) AS label, count(*) AS n ORDER BY n DESC",
                     style={"width": "100%", "height": "160px", "fontFamily": "monospace"}, spellCheck=False),
        html.Label(t("con.params", lang), htmlFor="console-params"),
        dcc.Textarea(id="console-params", value="{}", style={"width": "100%", "height": "48px",
                                                              "fontFamily": "monospace"}, spellCheck=False),
        html.Div([html.Button(t("con.run", lang), id="console-run", n_clicks=0, className="btn-primary"),
                  html.Button(t("con.export", lang), id="console-export", n_clicks=0),
                  dcc.Download(id="console-download")], className="toolbar"),
        dcc.Loading(html.Div([html.Div(id="console-status", role="status"),
                              html.Div(id="console-table"), html.Div(id="console-graph")])),
    ])


@callback(Output("console-query", "value"), Output("console-params", "value"),
          Input("console-example", "value"), State("console-examples", "data"), prevent_initial_call=True)
def load_example(name: str | None, known: dict[str, Any] | None) -> tuple[Any, Any]:
    require("page:console")
    if not name or not known or name not in known:
        return no_update, no_update
    return known[name]["text"], json.dumps(known[name]["params"], ensure_ascii=False, default=str)


def _params(raw: str | None) -> dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except ValueError as exc:
        raise errors.QueryRefused(f"{t('con.params_json', 'ko')} ({t('con.params_json', 'en')})") from exc
    if not isinstance(value, dict):
        raise errors.QueryRefused(f"{t('con.params_json', 'ko')} ({t('con.params_json', 'en')})")
    return value


def _notice(kind: str, text: str) -> html.Div:
    # pre-wrap: Neo4j's syntax message points at the error with a caret on the line below
    return html.Div(text, className=f"notice notice-{kind}", role="alert", id=f"console-{kind}",
                    style={"whiteSpace": "pre-wrap"} if kind == "syntax" else None)


def _execute(query: str, raw_params: str | None, *, permission: str):
    """Run a console query for the signed-in user. Every attempt is audited with the query text
    itself and the parameter keys (never their values): refused ones with the reason, failed
    ones (time or memory limit, syntax) with the error's kind."""
    user = require(permission)
    text = query or ""
    try:
        params = _params(raw_params)
    except errors.QueryRefused as exc:
        audit.record("query_refused", target_type="query", target="console", query_text=text,
                     detail={"sha256": audit.text_sha256(text), "param_keys": [], "reason": str(exc)})
        raise
    try:
        result = run_for_app(text, params, role=user.role)
    except (errors.QueryRefused, errors.ReadOnlyViolation) as exc:
        audit.record("query_refused", target_type="query", target="console", query_text=text,
                     detail={"sha256": audit.text_sha256(text), "param_keys": sorted(params),
                             "reason": str(exc)})
        raise
    except errors.JSSError as exc:
        audit.record("query", target_type="query", target="console", query_text=text,
                     detail={"sha256": audit.text_sha256(text), "param_keys": sorted(params),
                             "error": type(exc).__name__})
        raise
    audit.record_query(None, params, rows=len(result.rows), truncated=result.truncated, query_text=text)
    return user, params, result


@callback(Output("console-status", "children"), Output("console-table", "children"),
          Output("console-graph", "children"),
          Input("console-run", "n_clicks"), State("console-query", "value"), State("console-params", "value"),
          prevent_initial_call=True)
def run(n: int, query: str | None, raw_params: str | None) -> tuple[Any, Any, Any]:
    lang = current_lang()
    try:
        _user, _params_used, result = _execute(query or "", raw_params, permission="action:console_run")
    except AccessDenied as exc:
        return refusal(exc, lang), None, None
    except errors.QueryRefused as exc:
        return _notice("refused", t("con.refused", lang, reason=one_language(str(exc), lang))), None, None
    except errors.QueryTimeout as exc:
        return _notice("timeout", one_language(str(exc), lang)), None, None
    except errors.QuerySyntaxError as exc:
        return _notice("syntax", t("con.syntax", lang, detail=syntax_detail(str(exc)))), None, None
    except errors.JSSError as exc:
        return _notice("error", one_language(str(exc), lang)), None, None
    summary = t("con.summary", lang, rows=f"{len(result.rows):,}", ms=f"{result.elapsed_ms:,.0f}")
    notices = [html.Span(summary, id="console-summary")]
    if result.truncated_by == "bytes":
        notices.append(_notice("truncated", t("con.cut_bytes", lang, cap=f"{result.byte_cap:,}",
                                              rows=f"{len(result.rows):,}")))
    elif result.truncated:
        notices.append(_notice("truncated", t("con.cut_rows", lang, cap=f"{result.row_cap:,}")))
    if result.suppressed:
        notices.append(_notice("suppressed", t("con.suppressed", lang, n=result.suppressed)))
    rows = [{c: _cell(r.get(c)) for c in result.columns} for r in result.rows]
    # Not pages.common.data_table: its browser-side CSV export would bypass masking-aware, audited export.
    table = dash_table.DataTable(id="console-result", columns=[{"name": c, "id": c} for c in result.columns],
                                 data=rows, page_size=20, sort_action="native", style_table={"overflowX": "auto"},
                                 style_cell={"fontSize": 13, "textAlign": "left", "maxWidth": 360,
                                             "overflow": "hidden", "textOverflow": "ellipsis"})
    elements = graph_elements(result.rows, limit=MAX_GRAPH_NODES)
    graph = (cyto.Cytoscape(id="console-cyto", elements=elements, layout={"name": "cose", "animate": False},
                            stylesheet=_STYLESHEET, style={"width": "100%", "height": "480px"})
             if elements else None)
    return html.Div(notices), table, graph


def _cell(value: Any) -> Any:
    if isinstance(value, dict) and ("_labels" in value or "_type" in value or "_path" in value):
        return json.dumps({k: v for k, v in value.items() if k != "_element_id"}, ensure_ascii=False, default=str)
    return cell(value)


@callback(Output("console-download", "data"), Output("console-status", "children", allow_duplicate=True),
          Input("console-export", "n_clicks"), State("console-query", "value"), State("console-params", "value"),
          prevent_initial_call=True)
def export(n: int, query: str | None, raw_params: str | None) -> tuple[Any, Any]:
    lang = current_lang()
    try:
        require("action:export")
        _user, params, result = _execute(query or "", raw_params, permission="action:console_run")
    except AccessDenied as exc:
        return no_update, refusal(exc, lang)
    except errors.QuerySyntaxError as exc:
        return no_update, _notice("syntax", t("con.syntax", lang, detail=syntax_detail(str(exc))))
    except errors.JSSError as exc:
        return no_update, _notice("refused" if isinstance(exc, errors.QueryRefused) else "error",
                                  one_language(str(exc), lang))
    # The cells as the table shows them; headers too are neutralised (a column can be named
    # anything with `AS`). UTF-8 with BOM, for Excel on Korean Windows (auth/exports.py).
    content = csv_text(result.columns, ({c: _cell(r.get(c)) for c in result.columns} for r in result.rows))
    audit.record_export("console", rows=len(result.rows), fmt="csv", params=params, query_text=query or "")
    who = current_user()
    return dict(content=content, filename=f"jss-console-{who.username if who else 'x'}.csv"), no_update
