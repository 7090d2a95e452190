"""Administration (admin only): the users (list, add, disable/enable, reset password, change role),
the audit trail (search by user, date range, event type and target; chain verification), and the
sealed shelter locations (which nodes hold them; unsealing one is audited: auth.shelters.unseal)."""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import Input, Output, State, callback, dash_table, dcc, html, no_update, register_page

from auth import audit
from auth.guard import AccessDenied, require
from auth.roles import ROLES
from auth.users import UserError, UserStore, random_password
from pages.common import refusal
from pages.components.i18n import current_lang
from queries.shelters import SEALED_KINDS, SealError, list_sealed, open_sealed

register_page(__name__, path="/admin", name="관리", order=95, permission="page:admin")

_TABLE_STYLE = {"fontSize": 13, "textAlign": "left", "maxWidth": 320, "overflow": "hidden", "textOverflow": "ellipsis"}


def _users_table() -> dash_table.DataTable:
    rows = [u.public() for u in UserStore().list()]
    cols = ["username", "role", "agency_id", "display_name", "disabled", "created", "password_changed"]
    return dash_table.DataTable(id="admin-users-table", columns=[{"name": c, "id": c} for c in cols],
                                data=[{c: str(r[c]) for c in cols} for r in rows], page_size=15,
                                sort_action="native", style_cell=_TABLE_STYLE)


def layout(**_: Any) -> Any:
    try:
        require("page:admin")
    except AccessDenied as exc:
        return refusal(exc, current_lang())
    today = date.today().isoformat()
    return html.Div([
        html.H2("관리"),
        html.H3("사용자"),
        html.Div(id="admin-users", children=_users_table()),
        html.Div([
            dcc.Input(id="admin-username", placeholder="사용자 이름", type="text"),
            dcc.Dropdown(id="admin-role", options=list(ROLES), placeholder="역할", style={"minWidth": "160px"}),
            dcc.Input(id="admin-agency", placeholder="기관코드 (agency 역할만)", type="text"),
            html.Button("추가", id="admin-add", n_clicks=0),
            html.Button("비활성화", id="admin-disable", n_clicks=0),
            html.Button("활성화", id="admin-enable", n_clicks=0),
            html.Button("비밀번호 재설정", id="admin-reset", n_clicks=0),
            html.Button("역할 변경", id="admin-set-role", n_clicks=0),
        ], className="toolbar"),
        html.P("새 사용자와 재설정한 비밀번호는 임의로 만들어져 아래에 한 번만 표시됩니다. 사용자에게 안전하게 "
               "전달한 뒤 `jss users passwd`로 바꾸게 하십시오.", className="hint"),
        html.Div(id="admin-user-message", role="status"),
        html.H3("감사 기록"),
        html.Div([
            dcc.Input(id="audit-user", placeholder="사용자", type="text"),
            dcc.Dropdown(id="audit-event", options=list(audit.EVENTS), placeholder="유형", style={"minWidth": "160px"}),
            dcc.Input(id="audit-target", placeholder="대상 (예: person:P-1)", type="text"),
            dcc.DatePickerRange(id="audit-dates", display_format="YYYY-MM-DD", end_date=today),
            html.Button("검색", id="audit-search", n_clicks=0),
            html.Button("체인 검증", id="audit-verify", n_clicks=0),
        ], className="toolbar"),
        html.Div(id="audit-verify-result", role="status"),
        html.Div(id="audit-results"),
        html.H3("보호시설 위치 (봉인)"),
        html.P("보호시설의 연락처와 입소 중 주소는 그래프에 암호화되어 저장됩니다. 여기서 한 건씩 열람할 수 있으며, "
               "열람은 감사 기록에 남습니다.", className="hint"),
        html.Div([
            dcc.Dropdown(id="sealed-kind", options=list(SEALED_KINDS), value="record", clearable=False,
                         style={"minWidth": "140px"}),
            dcc.Input(id="sealed-key", placeholder="기관코드 / record_id / 신고번호", type="text"),
            html.Button("봉인 해제", id="sealed-open", n_clicks=0),
            html.Button("봉인된 항목", id="sealed-list", n_clicks=0),
        ], className="toolbar"),
        html.Div(id="sealed-result", role="status"),
    ])


@callback(Output("admin-user-message", "children"), Output("admin-users", "children"),
          Input("admin-add", "n_clicks"), Input("admin-disable", "n_clicks"), Input("admin-enable", "n_clicks"),
          Input("admin-reset", "n_clicks"), Input("admin-set-role", "n_clicks"),
          State("admin-username", "value"), State("admin-role", "value"), State("admin-agency", "value"),
          prevent_initial_call=True)
def manage_user(_a: int, _d: int, _e: int, _r: int, _s: int, username: str | None, role: str | None,
                agency: str | None) -> tuple[Any, Any]:
    from dash import ctx

    try:
        admin = require("action:users_manage")
    except AccessDenied as exc:
        return refusal(exc, current_lang()), no_update
    action = ctx.triggered_id
    name = (username or "").strip().lower()
    agency_id = (agency or "").strip() if role == "agency" else ""
    store = UserStore()
    message: Any
    try:
        if action == "admin-add":
            password = random_password()
            store.add(name, role or "", password, agency_id=agency_id)
            message = html.Div([f"{name} ({role}) 추가됨. 임시 비밀번호: ", html.Code(password, id="admin-new-password")])
        elif action in ("admin-disable", "admin-enable"):
            if name == admin.username and action == "admin-disable":
                raise UserError("자기 자신은 비활성화할 수 없습니다 (you cannot disable yourself)")
            store.set_disabled(name, action == "admin-disable")
            message = f"{name}: {'비활성화' if action == 'admin-disable' else '활성화'}됨"
        elif action == "admin-reset":
            password = random_password()
            store.set_password(name, password)
            message = html.Div([f"{name} 비밀번호 재설정됨. 임시 비밀번호: ", html.Code(password, id="admin-new-password")])
        else:
            store.set_role(name, role or "", agency_id)
            message = f"{name}: 역할 {role}"
    except UserError as exc:
        return html.Div(str(exc), className="notice notice-error"), no_update
    audit.record("user_admin", target_type="user", target=name, detail={"action": str(action), "role": role,
                                                                                  "agency_id": agency_id or None})
    return message, _users_table()


@callback(Output("audit-results", "children"),
          Input("audit-search", "n_clicks"), State("audit-user", "value"), State("audit-event", "value"),
          State("audit-target", "value"), State("audit-dates", "start_date"), State("audit-dates", "end_date"),
          prevent_initial_call=True)
def search_audit(_n: int, user: str | None, event: str | None, target: str | None,
                 start: str | None, end: str | None) -> Any:
    try:
        require("action:audit_search")
    except AccessDenied as exc:
        return refusal(exc, current_lang())
    found = audit.search(user=(user or "").strip() or None, event=event, target=(target or "").strip() or None,
                         since=(start or "")[:10] or None, until=(end or "")[:10] or None, limit=1000)
    audit.record("query", target_type="query", target="audit_search",
                 detail={"param_keys": sorted(k for k, v in {"user": user, "event": event, "target": target,
                                                             "since": start, "until": end}.items() if v),
                         "rows": len(found)})
    cols = ["seq", "ts", "event", "user", "role", "target_type", "target", "purpose", "client", "detail"]
    rows = [{c: (str(e.get(c)) if e.get(c) is not None else "") for c in cols} for e in found]
    return html.Div([html.P(f"{len(rows):,}건 (최신 순, 최대 1,000건)"),
                     dash_table.DataTable(id="audit-table", columns=[{"name": c, "id": c} for c in cols], data=rows,
                                          page_size=25, sort_action="native", filter_action="native",
                                          style_cell=_TABLE_STYLE)])


@callback(Output("audit-verify-result", "children"), Input("audit-verify", "n_clicks"), prevent_initial_call=True)
def verify_audit(_n: int) -> Any:
    try:
        require("action:audit_search")
    except AccessDenied as exc:
        return refusal(exc, current_lang())
    v = audit.verify()
    if v.ok:
        return html.Div(f"감사 기록 무결성 확인: {v.entries:,}건, 마지막 해시 {v.head[:16]}…",
                        className="notice notice-ok", id="audit-verify-ok")
    return html.Div(f"감사 기록이 손상되었습니다: {v.first_bad_line or '-'}번째 줄 — {v.reason}",
                    className="notice notice-error", id="audit-verify-bad")


@callback(Output("sealed-result", "children"), Input("sealed-open", "n_clicks"), Input("sealed-list", "n_clicks"),
          State("sealed-kind", "value"), State("sealed-key", "value"), prevent_initial_call=True)
def sealed_values(_o: int, _l: int, kind: str | None, key: str | None) -> Any:
    from dash import ctx

    try:
        user = require("data:shelter_address")
    except AccessDenied as exc:
        return refusal(exc, current_lang())
    if ctx.triggered_id == "sealed-list":
        items = list_sealed(user)
        audit.record("query", target_type="query", target="sealed_items", detail={"rows": len(items)})
        return dash_table.DataTable(id="sealed-table", columns=[{"name": c, "id": c} for c in ("kind", "key", "label")],
                                    data=[{c: str(i[c] or "") for c in ("kind", "key", "label")} for i in items],
                                    page_size=15, sort_action="native", style_cell=_TABLE_STYLE)
    try:
        clear = open_sealed(user, kind or "", (key or "").strip())   # audited inside
    except (KeyError, SealError) as exc:
        return html.Div(str(exc.args[0]), className="notice notice-error")
    if not clear:
        return html.Div("봉인된 값이 없습니다 (nothing sealed on this node).", className="notice")
    return html.Div([html.P(f"{prop}: {value}", id=f"sealed-{prop}") for prop, value in sorted(clear.items())],
                    className="notice notice-ok", id="sealed-clear")
