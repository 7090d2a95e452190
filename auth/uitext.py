"""The words auth shows (the purpose dialog, a refused page) come from the app's one UI catalogue
(pages/components/i18n.py). auth sits below pages (queries import it), so the app hands the
catalogue in when it is built (pages/shell.py: register) rather than auth importing pages; before
that (scripts, tests of auth alone) keys and codes show as they are."""

from __future__ import annotations

from collections.abc import Callable

_catalogue: dict[str, Callable[..., str]] = {}


def use_catalogue(text: Callable[..., str], code: Callable[[str, str, str], str],
                  language: Callable[[], str]) -> None:
    """`text(key, lang, **fmt)`, `code(kind, value, lang)` and `language()` of the app's catalogue."""
    _catalogue.update(text=text, code=code, language=language)


def lang() -> str:
    return _catalogue["language"]() if "language" in _catalogue else "ko"


def text(key: str, language: str, **fmt: object) -> str:
    return _catalogue["text"](key, language, **fmt) if "text" in _catalogue else key


def code(kind: str, value: str, language: str) -> str:
    return _catalogue["code"](kind, value, language) if "code" in _catalogue else value
