"""JSS Graph web app (Dash). Serve with `jss app` or `gunicorn app:server`.

`create_app()` is where sign-in, sessions and audit hook in (see docs/app.md); pages live in
`pages/`, one module each, and reach the database only through `pages/data.py`.
"""

from __future__ import annotations

from pathlib import Path

import dash

from auth.web import init_auth, session_watch
from pages import shell

HERE = Path(__file__).resolve().parent


def create_app() -> dash.Dash:
    app = dash.Dash(__name__, use_pages=True, pages_folder=str(HERE / "pages"), assets_folder=str(HERE / "assets"),
                    suppress_callback_exceptions=True, title="JSS Graph", update_title=None)
    app.layout = shell.make_layout(session_watch())
    shell.register(app)
    init_auth(app)  # sign-in, sessions, server-side page/callback permissions, audit (auth/web.py)
    return app


_default: dash.Dash | None = None


def __getattr__(name: str) -> object:
    # `app` / `server` are created on first use, so importing create_app (tests) builds no app.
    global _default
    if name in ("app", "server"):
        if _default is None:
            _default = create_app()
        return _default if name == "app" else _default.server
    raise AttributeError(name)
