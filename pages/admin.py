"""Administration (admin only): the users (list, add, disable/enable, reset password, change role),
the audit trail (search by user, date range, event type and target; chain verification), and the
sealed shelter locations (which nodes hold them; unsealing one is audited: auth.shelters.unseal), and
the risk model's held-out validation (pages/components/riskreport.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Input, Output, State, callback, dash_table, dcc, html, no_update, register_page

from auth import audit
from auth.guard import AccessDenied, require
from auth.roles import ROLES
from auth.users import UserError, UserStore, random_password
from pages.common import refusal
from pages.components.admintext import user_error_text, user_rows
from pages.components.auditview import COLUMNS as AUDIT_COLUMNS
from pages.components.auditview import audit_row
from pages.components.codes import code_label, code_options
from pages.components.i18n import column, current_lang, t
from pages.components.riskreport import risk_model_section
from queries.shelters import SEALED_KINDS, SealError, list_sealed, open_sealed

register_page(__name__, path="/admin", name="nav.admin", order=95, permission="page:admin")

_TABLE_STYLE = {"fontSize": 13, "textAlign": "left", "maxWidth": 320, "overflow": "hidden", "textOverflow": "ellipsis"}
USER_COLUMNS = ("username", "role", "agency_id", "display_name", "disabled", "created", "password_changed")
def _users_table(lang: str) -> dash_table.DataTable:
    rows = user_rows([u.public() for u in UserStore().list()], lang)
    return dash_table.DataTable(id="admin-users-table",
                                columns=[{"name": column(c, lang), "id": c} for c in USER_COLUMNS],
                                data=rows, page_size=15, sort_action="native", style_cell=_TABLE_STYLE)


def layout(**_: Any) -> Any:
    lang = current_lang()
    try:
        require("page:admin")
    except AccessDenied as exc:
        return refusal(exc, lang)
    today = date.today().isoformat()
    return html.Div([
        html.H2(t("adm.title", lang)),
        html.H3(t("adm.users", lang)),
        html.Div(id="admin-users", children=_users_table(lang)),
        html.Div([
            dcc.Input(id="admin-username", placeholder=t("adm.username", lang), type="text"),
            dcc.Dropdown(id="admin-role", options=code_options("user_role", list(ROLES), lang),
                         placeholder=t("adm.role", lang), style={"minWidth": "160px"}),
            dcc.Input(id="admin-agency", placeholder=t("adm.agency", lang), type="text"),
            html.Button(t("adm.add", lang), id="admin-add", n_clicks=0),
            html.Button(t("adm.disable", lang), id="admin-disable", n_clicks=0),
            html.Button(t("adm.enable", lang), id="admin-enable", n_clicks=0),
            html.Button(t("adm.reset", lang), id="admin-reset", n_clicks=0),
            html.Button(t("adm.set_role", lang), id="admin-set-role", n_clicks=0),
        ], className="toolbar"),
        html.P(t("adm.password_hint", lang), className="hint"),
        html.Div(id="admin-user-message", role="status"),
        html.H3(t("adm.audit", lang)),
        html.Div([
            dcc.Input(id="audit-user", placeholder=t("adm.audit_user", lang), type="text"),
            dcc.Dropdown(id="audit-event", options=code_options("audit_event", list(audit.EVENTS), lang),
                         placeholder=t("adm.audit_event", lang), style={"minWidth": "160px"}),
            dcc.Input(id="audit-target", placeholder=t("adm.audit_target", lang), type="text"),
            dcc.DatePickerRange(id="audit-dates", display_format="YYYY-MM-DD", end_date=today,
                                month_format=t("date.month_format", lang),
                                start_date_placeholder_text=t("f.from", lang), end_date_placeholder_text=t("f.to", lang)),
            html.Button(t("adm.search", lang), id="audit-search", n_clicks=0),
            html.Button(t("adm.verify", lang), id="audit-verify", n_clicks=0),
        ], className="toolbar"),
        html.Div(id="audit-verify-result", role="status"),
        html.Div(id="audit-results"),
        html.H3(t("adm.sealed", lang)),
        html.P(t("adm.sealed_hint", lang), className="hint"),
        html.Div([
            dcc.Dropdown(id="sealed-kind", options=code_options("sealed_kind", list(SEALED_KINDS), lang),
                         value="record", clearable=False, style={"minWidth": "140px"}),
            dcc.Input(id="sealed-key", placeholder=t("adm.sealed_key", lang), type="text"),
            html.Button(t("adm.unseal", lang), id="sealed-open", n_clicks=0),
            html.Button(t("adm.sealed_list", lang), id="sealed-list", n_clicks=0),
        ], className="toolbar"),
        html.Div(id="sealed-result", role="status"),
        html.H3(t("adm.risk_model", lang)),
        risk_model_section(lang),
    ])


def _password_message(text: str, password: str) -> html.Div:
    return html.Div([text, html.Code(password, id="admin-new-password")])


@callback(Output("admin-user-message", "children"), Output("admin-users", "children"),
          Input("admin-add", "n_clicks"), Input("admin-disable", "n_clicks"), Input("admin-enable", "n_clicks"),
          Input("admin-reset", "n_clicks"), Input("admin-set-role", "n_clicks"),
          State("admin-username", "value"), State("admin-role", "value"), State("admin-agency", "value"),
          prevent_initial_call=True)
def manage_user(_a: int, _d: int, _e: int, _r: int, _s: int, username: str | None, role: str | None,
                agency: str | None) -> tuple[Any, Any]:
    from dash import ctx

    lang = current_lang()
    try:
        admin = require("action:users_manage")
    except AccessDenied as exc:
        return refusal(exc, lang), no_update
    action = ctx.triggered_id
    name = (username or "").strip().lower()
    agency_id = (agency or "").strip() if role == "agency" else ""
    role_label = code_label("user_role", role, lang) if role else ""
    store = UserStore()
    message: Any
    try:
        if action == "admin-add":
            password = random_password()
            store.add(name, role or "", password, agency_id=agency_id)
            message = _password_message(t("adm.added", lang, name=name, role=role_label), password)
        elif action in ("admin-disable", "admin-enable"):
            if name == admin.username and action == "admin-disable":
                return html.Div(t("adm.err.self_disable", lang), className="notice notice-error"), no_update
            store.set_disabled(name, action == "admin-disable")
            message = t("adm.disabled" if action == "admin-disable" else "adm.enabled", lang, name=name)
        elif action == "admin-reset":
            password = random_password()
            store.set_password(name, password)
            message = _password_message(t("adm.reset_done", lang, name=name), password)
        else:
            store.set_role(name, role or "", agency_id)
            message = t("adm.role_set", lang, name=name, role=role_label)
    except UserError as exc:
        return html.Div(user_error_text(exc, name, lang), className="notice notice-error",
                        id="admin-user-error"), no_update
    audit.record("user_admin", target_type="user", target=name, detail={"action": str(action), "role": role,
                                                                                  "agency_id": agency_id or None})
    return message, _users_table(lang)


@callback(Output("audit-results", "children"),
          Input("audit-search", "n_clicks"), State("audit-user", "value"), State("audit-event", "value"),
          State("audit-target", "value"), State("audit-dates", "start_date"), State("audit-dates", "end_date"),
          prevent_initial_call=True)
def search_audit(_n: int, user: str | None, event: str | None, target: str | None,
                 start: str | None, end: str | None) -> Any:
    lang = current_lang()
    try:
        require("action:audit_search")
    except AccessDenied as exc:
        return refusal(exc, lang)
    found = audit.search(user=(user or "").strip() or None, event=event, target=(target or "").strip() or None,
                         since=(start or "")[:10] or None, until=(end or "")[:10] or None, limit=1000)
    audit.record("query", target_type="query", target="audit_search",
                 detail={"param_keys": sorted(k for k, v in {"user": user, "event": event, "target": target,
                                                             "since": start, "until": end}.items() if v),
                         "rows": len(found)})
    rows = [audit_row(e, lang) for e in found]
    return html.Div([html.P(t("adm.audit_count", lang, n=f"{len(rows):,}")),
                     dash_table.DataTable(id="audit-table",
                                          columns=[{"name": column(c, lang), "id": c} for c in AUDIT_COLUMNS],
                                          data=rows, page_size=25, sort_action="native", filter_action="native",
                                          filter_options={"placeholder_text": t("table.filter", lang)},
                                          style_cell={**_TABLE_STYLE, "maxWidth": 420},
                                          tooltip_data=[{"detail": r["detail"]} for r in rows],
                                          tooltip_duration=None)])


@callback(Output("audit-verify-result", "children"), Input("audit-verify", "n_clicks"), prevent_initial_call=True)
def verify_audit(_n: int) -> Any:
    lang = current_lang()
    try:
        require("action:audit_search")
    except AccessDenied as exc:
        return refusal(exc, lang)
    v = audit.verify()
    if v.ok:
        return html.Div(t("adm.verify_ok", lang, n=f"{v.entries:,}", head=v.head[:16]),
                        className="notice notice-ok", id="audit-verify-ok")
    return html.Div(t("adm.verify_bad", lang, line=v.first_bad_line or "-", reason=v.reason),
                    className="notice notice-error", id="audit-verify-bad")


@callback(Output("sealed-result", "children"), Input("sealed-open", "n_clicks"), Input("sealed-list", "n_clicks"),
          State("sealed-kind", "value"), State("sealed-key", "value"), prevent_initial_call=True)
def sealed_values(_o: int, _l: int, kind: str | None, key: str | None) -> Any:
    from dash import ctx

    lang = current_lang()
    try:
        user = require("data:shelter_address")
    except AccessDenied as exc:
        return refusal(exc, lang)
    if ctx.triggered_id == "sealed-list":
        items = list_sealed(user)
        audit.record("query", target_type="query", target="sealed_items", detail={"rows": len(items)})
        rows = [{"kind": code_label("sealed_kind", i["kind"], lang), "key": str(i["key"] or ""),
                 "label": code_label("category", i["label"], lang) if i["kind"] == "call" else str(i["label"] or "")}
                for i in items]
        return dash_table.DataTable(id="sealed-table",
                                    columns=[{"name": column(c, lang), "id": c} for c in ("kind", "key", "label")],
                                    data=rows, page_size=15, sort_action="native", style_cell=_TABLE_STYLE)
    try:
        clear = open_sealed(user, kind or "", (key or "").strip())   # audited inside
    except KeyError:
        return html.Div(t("adm.sealed_no_node", lang, id=(key or "").strip()), className="notice notice-error")
    except SealError:
        return html.Div(t("adm.sealed_bad_key", lang), className="notice notice-error")
    if not clear:
        return html.Div(t("adm.nothing_sealed", lang), className="notice")
    return html.Div([html.P(f"{column(prop, lang)}: {value}", id=f"sealed-{prop}", className="pii")
                     for prop, value in sorted(clear.items())], className="notice notice-ok", id="sealed-clear")
