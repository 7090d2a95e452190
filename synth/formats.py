"""Value formats found in real exports (data contract, "Value formats"): each writer picks one
per value, so a loader meets every variant. Every output here is a value a correct loader must
accept; deliberately bad values live in `synth.badrows`."""

from __future__ import annotations

import random
from datetime import date, datetime

EXCEL_EPOCH = date(1899, 12, 30)

DATE_FORMATS = ("iso", "dot", "slash", "compact", "yy", "korean")
YES_NO_STYLES = (("Y", "N"), ("예", "아니오"), ("O", "X"), ("1", "0"), ("유", "무"))


def fmt_date(d: date, style: str) -> str:
    if style == "iso":
        return d.isoformat()
    if style == "dot":
        return f"{d.year}.{d.month}.{d.day}"
    if style == "slash":
        return f"{d.year}/{d.month:02d}/{d.day:02d}"
    if style == "compact":
        return f"{d.year}{d.month:02d}{d.day:02d}"
    if style == "yy":
        return f"{d.year % 100:02d}.{d.month:02d}.{d.day:02d}"
    if style == "korean":
        return f"{d.year}년 {d.month}월 {d.day}일"
    raise ValueError(style)


def pick_date_style(rng: random.Random, mix: float) -> str:
    """ISO most of the time; with probability `mix` any of the other contract formats."""
    return rng.choice(DATE_FORMATS[1:]) if rng.random() < mix else "iso"


def date_text(rng: random.Random, d: date, mix: float) -> str:
    return fmt_date(d, pick_date_style(rng, mix))


def datetime_text(rng: random.Random, t: datetime, mix: float) -> str:
    """Date-times: a contract date format followed by HH:MM (sometimes :SS)."""
    style = rng.choice(("dot", "slash", "compact", "korean")) if rng.random() < mix else "iso"
    clock = f"{t.hour:02d}:{t.minute:02d}" + (f":{t.second:02d}" if rng.random() < 0.2 else "")
    return f"{fmt_date(t.date(), style)} {clock}"


def birth_text(rng: random.Random, d: date, mix: float, year_only: float) -> str:
    """Birth dates: the date formats plus `850302` (YYMMDD) and year-only `1985`."""
    r = rng.random()
    if r < year_only:
        return str(d.year)
    if r < year_only + mix / 2:
        return f"{d.year % 100:02d}{d.month:02d}{d.day:02d}"
    return date_text(rng, d, mix / 2)


def excel_serial(d: date) -> int:
    return (d - EXCEL_EPOCH).days


def yes_no(rng: random.Random, value: bool | None, style: tuple[str, str]) -> str:
    if value is None:
        return ""
    return style[0] if value else style[1]


def phone_text(rng: random.Random, phone: str, mix: float, masked: float) -> str:
    """`phone` is canonical 010-1234-5678. Variants: compact, spaced, +82, masked middle."""
    a, b, c = phone.split("-")
    r = rng.random()
    if r < masked:
        return f"{a}-****-{c}"
    if rng.random() >= mix:
        return phone
    style = rng.randrange(3)
    if style == 0:
        return a + b + c
    if style == 1:
        return f"{a} {b} {c}"
    return f"+82-{a[1:]}-{b}-{c}"


def sex_text(rng: random.Random, sex: str, latin_share: float) -> str:
    if rng.random() < latin_share:
        return sex
    return "남" if sex == "M" else "여"
