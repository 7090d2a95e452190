"""Every user-facing label of the app, in Korean (default) and English.

The chosen language lives in a cookie (`jss_lang`) so that layouts and callbacks rendered on the
server can read it, and in the `app-lang` dcc.Store in the browser; switching reloads the page so
every label changes at once. A unit test checks that each key has both languages.
"""

from __future__ import annotations

LANGS = ("ko", "en")
DEFAULT_LANG = "ko"
COOKIE = "jss_lang"

# The catalogue is one dict merged from one module per area (pages/components/strings/), so that
# work on different pages does not collide; a key defined twice is an error at import.
def _merge() -> dict[str, dict[str, str]]:
    import importlib
    import pkgutil

    from pages.components import strings

    merged: dict[str, dict[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(strings.__path__), key=lambda i: i.name):
        part = importlib.import_module(f"{strings.__name__}.{info.name}").STRINGS
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"i18n keys defined twice (strings/{info.name}.py): {sorted(twice)}")
        merged.update(part)
    return merged


STRINGS: dict[str, dict[str, str]] = _merge()


def t(key: str, lang: str = DEFAULT_LANG, **fmt: object) -> str:
    """The label for `key` in `lang` (falls back to Korean, then to the key itself)."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry.get(DEFAULT_LANG) or key
    return text.format(**fmt) if fmt else text


def column(name: str, lang: str = DEFAULT_LANG) -> str:
    """A table column's header: the translated label when there is one, else the column name."""
    return t(f"col.{name}", lang) if f"col.{name}" in STRINGS else name


def normalise_lang(value: object) -> str:
    return value if value in LANGS else DEFAULT_LANG


def current_lang() -> str:
    """The language of the current request (cookie), Korean outside a request."""
    try:
        from flask import has_request_context, request
    except ImportError:  # pragma: no cover - flask ships with dash
        return DEFAULT_LANG
    if not has_request_context():
        return DEFAULT_LANG
    return normalise_lang(request.cookies.get(COOKIE))
