"""Agencies with their own habits write the records: one always masks names, one writes Latin
names, one exports birth dates as spreadsheet serials, one never takes a phone, and so on."""

from __future__ import annotations

import random
from dataclasses import dataclass

import pandas as pd

from bench.secondgen import formats
from bench.secondgen.places import address_text
from bench.secondgen.population import PERIOD_DAYS, REFERENCE_YEAR, Person, populate

# Records per person, 1–8: most people appear once or twice, a few (repeat victims, persistent
# offenders) at many agencies.
RECORDS_PER_PERSON = ((1, 0.36), (2, 0.22), (3, 0.14), (4, 0.10), (5, 0.07), (6, 0.05), (7, 0.035), (8, 0.025))
MEAN_RECORDS = sum(k * w for k, w in RECORDS_PER_PERSON) / sum(w for _, w in RECORDS_PER_PERSON)


def _w(spec: str) -> dict[str, float]:
    return {form: float(w) for form, w in (item.split(":") for item in spec.split())}


@dataclass(frozen=True)
class Agency:
    name: str
    weight: float
    korean_name: dict[str, float]  # plain spaced masked_star masked_circle masked_given latin_kor missing
    foreign_name: dict[str, float]  # latin_card latin_swapped hangul masked missing
    birth: dict[str, float]  # formats.BIRTH_FORMS
    phone: dict[str, float]  # formats.PHONE_FORMS
    address: dict[str, float]  # road lot missing
    province: dict[str, float]  # full jejudo jeju none
    unit: dict[str, float]  # dong_ho dash omitted
    sex: dict[str, float]  # korean latin missing
    heard_typo: float = 0.015  # a sound-alike syllable
    keyed_typo: float = 0.015  # a keyboard slip in one jamo


AGENCIES = (
    Agency("경찰서112", 0.24, _w("plain:80 spaced:5 masked_star:7 masked_circle:3 masked_given:2 latin_kor:1 missing:2"),
           _w("latin_card:55 latin_swapped:15 hangul:25 missing:5"),
           _w("yymmdd:35 iso:25 compact8:15 year_only:12 dot:8 missing:5"),
           _w("dashed:50 compact:25 spaced:5 masked:5 missing:15"), _w("road:55 lot:35 missing:10"),
           _w("full:50 jejudo:10 jeju:10 none:30"), _w("dong_ho:60 dash:25 omitted:15"),
           _w("korean:80 latin:10 missing:10"), heard_typo=0.05, keyed_typo=0.01),
    Agency("보호관찰소", 0.08, _w("masked_star:50 masked_circle:30 masked_given:20"), _w("masked:100"),
           _w("iso:60 dot_padded:40"), _w("masked:70 dashed:20 missing:10"), _w("lot:70 road:20 missing:10"),
           _w("full:30 jeju:30 none:40"), _w("dong_ho:40 dash:50 omitted:10"), _w("latin:70 korean:30")),
    Agency("다문화가족지원센터", 0.08, _w("latin_kor:60 plain:35 spaced:5"),
           _w("latin_card:55 latin_swapped:30 hangul:15"), _w("dot:50 yy_dot:30 iso:20"),
           _w("intl:50 dashed:40 missing:10"), _w("road:80 lot:10 missing:10"), _w("none:70 jejudo:30"),
           _w("dash:60 dong_ho:30 omitted:10"), _w("latin:90 missing:10")),
    Agency("제주의료원", 0.12, _w("plain:88 spaced:4 masked_star:4 latin_kor:2 missing:2"),
           _w("latin_card:70 hangul:30"), _w("serial:65 datetime:20 iso:10 missing:5"),
           _w("compact:80 dashed:10 missing:10"), _w("road:60 lot:30 missing:10"), _w("full:60 none:40"),
           _w("dash:80 omitted:20"), _w("korean:100"), keyed_typo=0.03),
    Agency("읍면동주민센터", 0.12, _w("plain:95 spaced:5"), _w("hangul:80 latin_card:20"),
           _w("korean:55 compact8:35 iso:10"), _w("missing:100"), _w("lot:75 road:25"), _w("full:100"),
           _w("dong_ho:85 omitted:15"), _w("korean:100")),
    Agency("가정폭력상담소", 0.14, _w("plain:78 spaced:12 masked_circle:5 missing:5"),
           _w("latin_card:40 latin_swapped:20 hangul:40"), _w("year_only:35 dot:35 slash:20 missing:10"),
           _w("spaced:35 dashed:45 intl:5 missing:15"), _w("road:40 lot:20 missing:40"),
           _w("full:25 jejudo:25 jeju:25 none:25"), _w("dong_ho:50 dash:30 omitted:20"), _w("korean:60 missing:40"),
           heard_typo=0.03),
    Agency("해바라기센터", 0.08, _w("plain:70 masked_circle:20 spaced:10"), _w("latin_card:50 hangul:50"),
           _w("yymmdd:50 iso:40 year_only:10"), _w("intl:40 dashed:50 missing:10"), _w("road:70 missing:30"),
           _w("full:100"), _w("dong_ho:70 omitted:30"), _w("korean:50 latin:50")),
    Agency("교육지원청", 0.14, _w("plain:90 spaced:10"), _w("hangul:60 latin_card:40"),
           _w("yy_dot:45 slash:45 iso:10"), _w("spaced:50 dashed:30 missing:20"), _w("road:50 lot:40 missing:10"),
           _w("jeju:40 none:40 full:20"), _w("dong_ho:50 dash:40 omitted:10"), _w("korean:100")),
)
# Person-level pulls: children are on school records, foreign residents at the multicultural centre.
_CHILD_PULL = {"교육지원청": 5.0, "보호관찰소": 0.1}
_FOREIGN_PULL = {"다문화가족지원센터": 5.0}
# Errors independent of the agency.
RATES = {"dueum": 0.25, "swap": 0.025, "day_typo": 0.01, "year_off": 0.15, "phone_typo": 0.01,
         "number_typo": 0.01, "sex_flip": 0.003, "latin_typo": 0.10, "middle_drop": 0.25, "stray": 0.06,
         "landline": 0.4}
TAG_COLUMNS = ("person_id", "household_id", "role", "agency", "day", "true_name", "true_birth", "true_sex",
               "true_phone", "true_address", "name_form", "birth_form", "phone_form", "address_form",
               "province", "unit_form", "sex_form", "errors", "country", "namesake_of")


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _agency(rng: random.Random, p: Person) -> Agency:
    child = REFERENCE_YEAR - p.born.year < 18
    weights = [a.weight * (_CHILD_PULL.get(a.name, 1.0) if child else 1.0)
               * (_FOREIGN_PULL.get(a.name, 1.0) if p.foreign else 1.0) for a in AGENCIES]
    return rng.choices(AGENCIES, weights)[0]


def _name(rng: random.Random, p: Person, a: Agency) -> tuple[str, str, list[str]]:
    if p.foreign is not None:
        form = _pick(rng, a.foreign_name)
        if form == "missing":
            return "", form, []
        if form == "masked":
            return formats.masked_foreign(p.foreign, rng), form, []
        if form == "hangul":
            return formats.foreign_hangul(p.foreign, rng), form, []
        text, errors = formats.foreign_latin(p.foreign, form == "latin_swapped", rng, RATES["latin_typo"],
                                             RATES["middle_drop"])
        return text, form, errors
    form = _pick(rng, a.korean_name)
    if form == "missing":
        return "", form, []
    surname, given, errors = formats.name_with_errors(p.surname, p.given, rng, a.heard_typo, a.keyed_typo,
                                                      RATES["dueum"])
    if form == "latin_kor":
        return formats.latin_korean(surname, given, rng), form, errors
    return formats.hangul_name(surname, given, form, rng), form, errors


def _record(rng: random.Random, p: Person) -> tuple[list[str], list]:
    a = _agency(rng, p)
    day = rng.randrange(PERIOD_DAYS)
    name, name_form, errors = _name(rng, p, a)
    birth_form = _pick(rng, a.birth)
    birth, e = formats.birth_text(p.born, birth_form, rng, RATES["swap"], RATES["day_typo"], RATES["year_off"])
    errors += e
    sex_form = _pick(rng, a.sex)
    sex, e = formats.sex_text(p.sex, sex_form, rng, RATES["sex_flip"])
    errors += e
    phone_form = _pick(rng, a.phone)
    phone_errors = []
    if p.guardian is not None and (not p.phones or rng.random() < 0.5):
        number = p.guardian.at(p.guardian.phones, day)
        phone_errors.append("phone_of_guardian")
    elif p.landline and rng.random() < RATES["landline"]:
        number = p.landline
        phone_errors.append("phone_landline")
    else:
        number = p.at(p.phones, day)
        if number != p.phones[0][1]:
            phone_errors.append("phone_changed")
    phone = ""
    if phone_form != "missing":
        phone, e = formats.phone_text(number, phone_form, rng, RATES["phone_typo"])
        errors += phone_errors + e
    home = p.at(p.homes, day)
    address_form = _pick(rng, a.address)
    province = unit_form = address = ""
    if address_form != "missing":
        province = _pick(rng, a.province)
        unit_form = _pick(rng, a.unit) if home.unit else ""
        address, e = address_text(home, address_form, province, unit_form, rng, RATES["stray"],
                                  RATES["number_typo"])
        errors += (["moved"] if home is not p.homes[0][1] else []) + e
        if unit_form == "omitted":
            errors.append("unit_omitted")
    row = [name, birth, sex, phone, address]
    tags = [p.pid, p.hid, p.role, a.name, day, p.true_name, p.born.isoformat(), p.sex, number,
            home.address_id, name_form, birth_form, phone_form, address_form,
            province, unit_form, sex_form, " ".join(errors), p.foreign.country if p.foreign else "",
            p.namesake_of]
    return row, tags


@dataclass
class Generated:
    records: pd.DataFrame  # name, birth_date, sex, phone, address: the values as written
    truth: pd.Series  # person id per record
    tags: pd.DataFrame  # TAG_COLUMNS per record: true values, the forms and errors used


def generate_annotated(n_people: int, seed: int) -> Generated:
    people = populate(n_people, seed)
    rng = random.Random(f"secondgen:{seed}:records")
    counts, weights = zip(*RECORDS_PER_PERSON, strict=True)
    rows, tags = [], []
    for p in people:
        for _ in range(rng.choices(counts, weights)[0]):
            row, tag = _record(rng, p)
            rows.append(row)
            tags.append(tag)
    order = list(range(len(rows)))
    rng.shuffle(order)  # agencies' exports interleave; nothing should depend on the order
    records = pd.DataFrame([rows[i] for i in order], columns=["name", "birth_date", "sex", "phone", "address"])
    tag_df = pd.DataFrame([tags[i] for i in order], columns=list(TAG_COLUMNS))
    return Generated(records, tag_df["person_id"].rename("person_id"), tag_df)


def generate(n_people: int, seed: int) -> tuple[pd.DataFrame, pd.Series]:
    """Person records of `n_people` true people (1–8 records each) and the true person id per record."""
    g = generate_annotated(n_people, seed)
    return g.records, g.truth
