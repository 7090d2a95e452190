"""The app's session secret (signs session cookies, CSRF tokens, the explorer's state and the
keyed hash of typed user names). Kept apart from `auth.web` so that the data gate
(`queries.gate`) can use it without importing the web layer."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from graph.settings import Settings


def secret_key(settings: Settings) -> str:
    """JSS_SECRET_KEY, else the key in `$JSS_DATA_DIR/secret-key`, generated once (0600)."""
    if settings.secret_key:
        return settings.secret_key
    path: Path = settings.data_dir / "secret-key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()
