"""A household's name for people: its members and its 동 ("김*자 · 박*수 외 2명 (이도이동)"), built
by the data gate from names it has already masked for the role. Pure functions."""

from __future__ import annotations

from typing import Any

from auth.masking import SUPPRESSED, WITHHELD, mask_address

SHOWN_MEMBERS = 2
WITHHELD_MARKS = frozenset({WITHHELD, SUPPRESSED})
_OTHERS = {"ko": "외 {n}명", "en": "+{n} more"}
_NO_NAME = {"ko": "이름 없는 구성원 {n}명", "en": "{n} unnamed members"}


def area(address: Any, district: Any = None, city: Any = None) -> str | None:
    """Where a household lives, at most its 읍·면·동 (else its 시), from values already masked for
    the role: None when the address is withheld (a sealed shelter's place, or one the role may not
    see), so a household label never shows a street, nor anything of a shelter's place."""
    if not isinstance(address, str) or not address.strip() or address in WITHHELD_MARKS:
        return None
    shown = mask_address(address)
    if shown in WITHHELD_MARKS and not district:
        return None
    for value in (district, shown):
        last = value.split()[-1] if isinstance(value, str) and value.split() else ""
        if last.endswith(("읍", "면", "동", "가")) and last not in WITHHELD_MARKS:
            return last
    return city if isinstance(city, str) and city.endswith(("시", "군", "구")) else None


def household_label(names: list[str], members: int, place: str | None, lang: str = "ko") -> str:
    """"김*자 · 박*수 외 2명 (이도이동)" from up to SHOWN_MEMBERS names (masked already), the
    member count and the 동."""
    lang = lang if lang in _OTHERS else "ko"
    shown = [n for n in names if n][:SHOWN_MEMBERS]
    text = " · ".join(shown) if shown else _NO_NAME[lang].format(n=members)
    if shown and members > len(shown):
        text += " " + _OTHERS[lang].format(n=members - len(shown))
    return f"{text} ({place})" if place else text
