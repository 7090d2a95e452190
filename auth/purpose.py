"""Purpose of access: before the first person or household is opened in a session the user states
why (사례관리, 위험평가, 실무협의회 준비, 수사지원, 기타 + text). The purpose is kept in the session
(`jss_purpose`), written to the audit trail, and attached to every later audit entry.

Pages use:
- `purpose_gate("person")` in a layout: a dialog shown while no purpose is set;
- `purpose_done("person")` as an extra `Input` of the callback that loads the record, so the
  record loads once the dialog is answered;
- `require_purpose()` at the top of that callback (raises `PurposeRequired`, a `PreventUpdate`,
  when no purpose is set yet — the callback simply waits for the dialog).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from auth import uitext

SESSION_KEY = "jss_purpose"
PURPOSES = ("사례관리", "위험평가", "실무협의회 준비", "수사지원", "기타")
MAX_TEXT = 200

# The dialog's words come from the app's one catalogue (keys purpose.* and code.purpose.*).
use_catalogue = uitext.use_catalogue
_lang = uitext.lang
_text = uitext.text


class PurposeError(ValueError):
    """The purpose given is not one of PURPOSES, or 기타 without a description. `key`: the
    message's key in the UI catalogue (pages/components/strings/login.py)."""

    def __init__(self, message: str, key: str = ""):
        super().__init__(message)
        self.key = key


def _session() -> Any:
    from flask import has_request_context, session

    return session if has_request_context() else None


def current_purpose() -> str | None:
    """'사례관리' or '기타: <text>' for the signed-in session, or None."""
    s = _session()
    data = s.get(SESSION_KEY) if s is not None else None
    if not data:
        return None
    return f"{data['reason']}: {data['text']}" if data.get("text") else data["reason"]


def validate_purpose(reason: str | None, text: str | None = None) -> tuple[str, str]:
    text = " ".join((text or "").split())[:MAX_TEXT]
    if reason not in PURPOSES:
        raise PurposeError("열람 목적을 선택하십시오 (choose a purpose)", "purpose.choose")
    if reason == "기타" and len(text) < 2:
        raise PurposeError("'기타'를 선택한 경우 목적을 적어 주십시오 (describe the purpose)", "purpose.describe")
    return reason, text


def set_purpose(reason: str | None, text: str | None = None) -> str:
    """Store the purpose in the session and audit it; returns the purpose text."""
    from auth import audit

    reason, text = validate_purpose(reason, text)
    s = _session()
    if s is None:
        raise RuntimeError("set_purpose needs a request context")
    s[SESSION_KEY] = {"reason": reason, "text": text, "at": datetime.now(UTC).isoformat(timespec="seconds")}
    purpose = current_purpose() or reason
    audit.record("purpose", purpose=purpose)
    return purpose


def require_purpose() -> str:
    """The session's purpose; without one, stop the callback (the gate dialog asks for it)."""
    purpose = current_purpose()
    if purpose is None:
        raise PurposeRequired()
    return purpose


try:  # Dash parts: a callback that waits for the purpose simply does not update yet.
    from dash import MATCH, Input, Output, State, callback, dcc, html, no_update
    from dash.exceptions import PreventUpdate

    class PurposeRequired(PreventUpdate):
        """No purpose of access in the signed-in session yet."""

    _OVERLAY = {"position": "fixed", "inset": "0", "background": "rgba(0,0,0,0.45)", "zIndex": 1000,
                "display": "flex", "alignItems": "center", "justifyContent": "center"}
    _BOX = {"background": "white", "padding": "24px", "borderRadius": "8px", "width": "420px",
            "boxShadow": "0 4px 24px rgba(0,0,0,0.3)"}

    def _id(kind: str, gate: str) -> dict[str, str]:
        return {"type": f"jss-purpose-{kind}", "gate": gate}

    def purpose_done(gate: str) -> Input:
        """Input that fires when the gate `gate` was answered (data: the purpose text)."""
        return Input(_id("done", gate), "data")

    def purpose_gate(gate: str) -> html.Div:
        """The purpose dialog (hidden when the signed-in session already has a purpose) and its done-store,
        in the user's language (the stored purpose stays the Korean code: the audit trail's)."""
        lang = _lang()
        options = [{"label": uitext.code("purpose", p, lang), "value": p}
                   for p in PURPOSES]
        given = current_purpose()
        return html.Div([
            dcc.Store(id=_id("done", gate), data=given),
            html.Div(id=_id("overlay", gate), style={**_OVERLAY, "display": "none" if given else "flex"},
                     children=html.Div(style=_BOX, role="dialog", children=[
                         html.H3(_text("purpose.title", lang)),
                         html.P(_text("purpose.intro", lang)),
                         dcc.RadioItems(id=_id("reason", gate), options=options, labelStyle={"display": "block"}),
                         dcc.Input(id=_id("text", gate), type="text", maxLength=MAX_TEXT,
                                   placeholder=_text("purpose.text", lang), style={"width": "100%"}),
                         html.Div(id=_id("error", gate), style={"color": "#b00020", "marginTop": "6px"}),
                         html.Button(_text("purpose.submit", lang), id=_id("submit", gate), n_clicks=0,
                                     style={"marginTop": "12px"}),
                     ])),
        ])

    @callback(Output(_id("overlay", MATCH), "style"), Output(_id("done", MATCH), "data"),
              Output(_id("error", MATCH), "children"),
              Input(_id("submit", MATCH), "n_clicks"),
              State(_id("reason", MATCH), "value"), State(_id("text", MATCH), "value"),
              State(_id("overlay", MATCH), "style"), prevent_initial_call=True)
    def _submit(n: int, reason: str | None, text: str | None, style: dict[str, Any]):
        from auth.guard import require

        require("page:overview")  # any signed-in role; anonymous requests never get here
        if not n:
            raise PreventUpdate
        try:
            purpose = set_purpose(reason, text)
        except PurposeError as exc:
            return no_update, no_update, _text(exc.key, _lang()) if exc.key else str(exc)
        return {**(style or _OVERLAY), "display": "none"}, purpose, ""

except ImportError:  # pragma: no cover - dash is a dependency; keeps the pure parts importable
    class PurposeRequired(Exception):  # type: ignore[no-redef]
        """No purpose of access in the signed-in session yet."""
