"""How each writer puts a person and a date on paper: its habits for names (masked at the police and
the council, spaced or Latin elsewhere), birth dates, phones, sex and addresses, with the clerks'
errors of bench/secondgen/formats.py; and the contract's event-date and yes/no forms."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from bench.secondgen import formats
from bench.secondgen.bundle.people import EPOCH, Person
from bench.secondgen.places import address_text


def _w(spec: str) -> dict[str, float]:
    return {form: float(w) for form, w in (item.split(":") for item in spec.split())}


def pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


@dataclass(frozen=True)
class Habit:
    name: dict[str, float]  # plain spaced masked_star masked_circle masked_given latin_kor missing
    foreign: dict[str, float]  # latin_card latin_swapped hangul masked missing
    birth: dict[str, float]  # formats.BIRTH_FORMS
    phone: dict[str, float]  # formats.PHONE_FORMS
    address: dict[str, float]  # road lot missing
    sex: dict[str, float]  # korean latin missing
    heard: float = 0.02  # a sound-alike syllable
    keyed: float = 0.01  # a keyboard slip


_ADDR = _w("road:60 lot:30 missing:10")
HABITS = {
    "call_persons": Habit(_w("plain:84 spaced:3 masked_star:7 masked_circle:2 masked_given:1 latin_kor:1 missing:2"),
                          _w("latin_card:50 latin_swapped:15 hangul:30 missing:5"),
                          _w("yymmdd:40 iso:22 compact8:15 year_only:6 dot:7 missing:10"),
                          _w("dashed:55 compact:22 spaced:2 masked:3 missing:18"), _ADDR,
                          _w("korean:85 latin:10 missing:5"), heard=0.04),
    "police_measures": Habit(_w("plain:70 masked_star:20 masked_circle:8 spaced:2"),
                             _w("latin_card:70 hangul:30"), _w("iso:45 yymmdd:35 compact8:20"),
                             _w("missing:100"), _w("missing:100"), _w("missing:100")),
    "risk_police": Habit(_w("plain:85 masked_star:12 spaced:3"), _w("latin_card:60 hangul:40"),
                         _w("yymmdd:50 iso:40 year_only:10"), _w("missing:100"), _w("missing:100"), _w("missing:100")),
    "risk_centre": Habit(_w("plain:88 spaced:10 masked_circle:2"), _w("latin_card:40 latin_swapped:20 hangul:40"),
                         _w("year_only:25 dot:40 iso:25 korean:10"), _w("missing:100"), _w("missing:100"),
                         _w("missing:100"), heard=0.03),
    "council": Habit(_w("plain:55 masked_star:30 masked_circle:15"), _w("latin_card:60 masked:40"),
                     _w("year_only:30 iso:40 yy_dot:30"), _w("missing:100"), _w("missing:100"), _w("missing:100")),
    "services:counselling": Habit(_w("plain:85 spaced:10 masked_circle:5"),
                                  _w("latin_card:45 latin_swapped:20 hangul:35"),
                                  _w("year_only:30 dot:35 slash:20 missing:15"),
                                  _w("spaced:30 dashed:45 intl:5 missing:20"), _w("road:45 lot:20 missing:35"),
                                  _w("korean:70 missing:30"), heard=0.03),
    "services:medical": Habit(_w("plain:92 spaced:4 latin_kor:2 missing:2"), _w("latin_card:70 hangul:30"),
                              _w("serial:45 datetime:25 iso:25 missing:5"), _w("compact:75 dashed:15 missing:10"),
                              _w("road:60 lot:30 missing:10"), _w("korean:100"), keyed=0.03),
    "services:public": Habit(_w("plain:95 spaced:5"), _w("hangul:80 latin_card:20"),
                             _w("korean:50 compact8:35 iso:15"), _w("missing:100"), _w("lot:75 road:25"),
                             _w("korean:100")),
    "services:children": Habit(_w("plain:92 spaced:8"), _w("hangul:60 latin_card:40"),
                               _w("yy_dot:40 slash:40 iso:20"), _w("spaced:40 dashed:40 missing:20"),
                               _w("road:50 lot:40 missing:10"), _w("korean:100")),
    "services:justice": Habit(_w("masked_star:50 masked_circle:25 masked_given:10 plain:15"), _w("masked:100"),
                              _w("iso:60 dot_padded:40"), _w("masked:70 dashed:20 missing:10"),
                              _w("lot:60 road:25 missing:15"), _w("latin:70 korean:30")),
    "services:multicultural": Habit(_w("latin_kor:50 plain:45 spaced:5"), _w("latin_card:55 latin_swapped:30 hangul:15"),
                                    _w("dot:50 yy_dot:30 iso:20"), _w("intl:50 dashed:40 missing:10"),
                                    _w("road:80 lot:10 missing:10"), _w("latin:90 missing:10")),
}
SERVICE_HABIT = {"의료기관": "medical", "해바라기센터": "medical", "읍면동주민센터": "public", "교육기관": "children",
                 "아동보호전문기관": "children", "청소년쉼터": "children", "가해자교정기관": "justice",
                 "보호관찰소": "justice", "다문화가족지원센터": "multicultural"}
PROVINCE = _w("full:45 jejudo:15 jeju:10 none:30")
UNIT = _w("dong_ho:60 dash:28 omitted:12")
RATES = {"dueum": 0.2, "swap": 0.02, "day_typo": 0.01, "year_off": 0.12, "phone_typo": 0.01, "number_typo": 0.01,
         "sex_flip": 0.003, "latin_typo": 0.08, "middle_drop": 0.2, "stray": 0.05}


def habit_for_service(agency_type: str) -> Habit:
    return HABITS["services:" + SERVICE_HABIT.get(agency_type, "counselling")]


def name_text(p: Person, habit: Habit, rng: random.Random) -> str:
    if p.foreign is not None:
        form = pick(rng, habit.foreign)
        if form == "missing":
            return ""
        if form == "masked":
            return formats.masked_foreign(p.foreign, rng)
        if form == "hangul":
            return formats.foreign_hangul(p.foreign, rng)
        return formats.foreign_latin(p.foreign, form == "latin_swapped", rng, RATES["latin_typo"],
                                     RATES["middle_drop"])[0]
    form = pick(rng, habit.name)
    if form == "missing":
        return ""
    surname, given, _ = formats.name_with_errors(p.surname, p.given, rng, habit.heard, habit.keyed, RATES["dueum"])
    if form == "latin_kor":
        return formats.latin_korean(surname, given, rng)
    return formats.hangul_name(surname, given, form, rng)


def birth_text(p: Person, habit: Habit, rng: random.Random) -> str:
    return formats.birth_text(p.born, pick(rng, habit.birth), rng, RATES["swap"], RATES["day_typo"],
                              RATES["year_off"])[0]


def person_values(p: Person, t: float, habit: Habit, rng: random.Random, address: bool = True) -> dict[str, str]:
    """name, birth_date, sex, phone, address of `p` as this writer records them on day `t`."""
    values = {"name": name_text(p, habit, rng), "birth_date": birth_text(p, habit, rng)}
    values["sex"] = formats.sex_text(p.sex, pick(rng, habit.sex), rng, RATES["sex_flip"])[0]
    number, phone_form = p.phone(t), pick(rng, habit.phone)
    values["phone"] = "" if number is None or phone_form == "missing" else \
        formats.phone_text(number, phone_form, rng, RATES["phone_typo"])[0]
    form = pick(rng, habit.address) if address else "missing"
    values["address"] = "" if form == "missing" else place_text(p.home(t), form, rng)
    return values


def place_text(home, form: str, rng: random.Random) -> str:
    unit = pick(rng, UNIT) if home.unit else ""
    return address_text(home, form, pick(rng, PROVINCE), unit, rng, RATES["stray"], RATES["number_typo"])[0]


# --- event dates --------------------------------------------------------------------------------
DATE_FORMS = _w("iso:55 dot:10 slash:10 compact8:8 yy_dot:5 korean:5 dot_padded:4 serial:3")
DATETIME_FORMS = _w("iso:45 iso_sec:8 dot:12 slash:10 compact8:6 korean_pm:6 yy_dot:5 serial:3 iso_t:5")
EXCEL_EPOCH = datetime(1899, 12, 30)


def moment(t: float) -> datetime:
    """Day `t` (from 2019-01-01, the fraction the time of day) to the minute."""
    return datetime(EPOCH.year, EPOCH.month, EPOCH.day) + timedelta(minutes=round(t * 1440))


def date_text(t: float, rng: random.Random, forms: dict[str, float] = DATE_FORMS) -> str:
    d = moment(t).date()
    y, m, dd = d.year, d.month, d.day
    return {"iso": f"{y:04d}-{m:02d}-{dd:02d}", "dot": f"{y}.{m}.{dd}", "slash": f"{y}/{m:02d}/{dd:02d}",
            "compact8": f"{y}{m:02d}{dd:02d}", "yy_dot": f"{y % 100:02d}.{m:02d}.{dd:02d}",
            "korean": f"{y}년 {m}월 {dd}일", "dot_padded": f"{y}.{m:02d}.{dd:02d}",
            "serial": str((d - EXCEL_EPOCH.date()).days)}[pick(rng, forms)]


def datetime_text(t: float, rng: random.Random) -> str:
    at = moment(t)
    form = pick(rng, DATETIME_FORMS)
    if form == "serial":  # five decimals: the reader rounds them to the minute
        return f"{(at - EXCEL_EPOCH).total_seconds() / 86400:.5f}"
    y, m, d, hh, mi = at.year, at.month, at.day, at.hour, at.minute
    if form == "korean_pm":
        half = "오후" if hh >= 12 else "오전"
        return f"{y}년 {m}월 {d}일 {half} {hh % 12 or 12}:{mi:02d}"
    clock = f"{hh:02d}:{mi:02d}"
    return {"iso": f"{y:04d}-{m:02d}-{d:02d} {clock}", "iso_sec": f"{y:04d}-{m:02d}-{d:02d} {clock}:00",
            "dot": f"{y}.{m}.{d} {clock}", "slash": f"{y}/{m:02d}/{d:02d} {clock}",
            "compact8": f"{y}{m:02d}{d:02d} {clock}", "yy_dot": f"{y % 100:02d}.{m:02d}.{d:02d} {clock}",
            "iso_t": f"{y:04d}-{m:02d}-{d:02d}T{clock}"}[form]


YES_NO = (("Y", "N"), ("예", "아니오"), ("O", "X"), ("1", "0"), ("유", "무"))


def yes_no(value: bool | None, style: tuple[str, str]) -> str:
    return "" if value is None else style[0] if value else style[1]
