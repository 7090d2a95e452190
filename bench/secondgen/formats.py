"""How a value is written in one record: every form of the data contract for names, birth dates,
phones and sex, and the errors clerks make. Each writer returns the text and the tags it used."""

from __future__ import annotations

import random
from datetime import date

from bench.secondgen.names import (
    SURNAME_DUEUM,
    SURNAME_LATIN,
    ForeignName,
    join_syllable,
    romanise,
    split_syllable,
)

# --- names -------------------------------------------------------------------------------------

# Sounds confused when a name is heard (over the phone, at a counter): one syllable comes out wrong.
_HEARD_INITIAL = {11: 18, 18: 11, 2: 5, 5: 2}  # ㅇ↔ㅎ (서연/서현), ㄴ↔ㄹ
_HEARD_MEDIAL = {1: 5, 5: 1, 3: 7, 7: 3, 8: 13, 13: 8, 10: 15, 15: 10, 11: 15, 19: 20, 20: 19, 18: 13,
                 4: 8, 17: 6}  # ㅐ↔ㅔ, ㅗ↔ㅜ, ㅙ↔ㅞ, ㅚ→ㅞ, ㅢ↔ㅣ (희/히), ㅡ→ㅜ, ㅓ→ㅗ, ㅠ→ㅕ (윤/연)
_HEARD_FINAL = {4: 21, 21: 4, 0: 4, 8: 0}  # ㄴ↔ㅇ (진/징), added ㄴ, dropped ㄹ
# Neighbouring keys on the standard two-set (두벌식) keyboard, and shift slips (ㅅ/ㅆ, ㅐ/ㅒ).
_KEY_INITIAL = {7: (12, 8), 12: (7, 3, 13), 3: (12, 0, 4), 0: (3, 9, 1), 9: (0, 10), 6: (2,), 2: (6, 11),
                11: (2, 5), 5: (11, 18), 18: (5,), 15: (16,), 16: (15, 14), 14: (16, 17), 17: (14,)}
_KEY_MEDIAL = {12: (6,), 6: (12, 2), 2: (6, 1), 1: (2, 5, 3), 5: (1, 7), 8: (4,), 4: (8, 0), 0: (4, 20),
               20: (0,), 17: (13,), 13: (17, 18), 18: (13,)}
MASKS = ("*", "○")


def _typo_heard(syllable: str, rng: random.Random) -> str:
    i, m, f = split_syllable(syllable)  # type: ignore[misc]
    options = []
    if i in _HEARD_INITIAL:
        options.append((_HEARD_INITIAL[i], m, f))
    if m in _HEARD_MEDIAL:
        options.append((i, _HEARD_MEDIAL[m], f))
    if f in _HEARD_FINAL:
        options.append((i, m, _HEARD_FINAL[f]))
    return join_syllable(*rng.choice(options)) if options else syllable


def _typo_key(syllable: str, rng: random.Random) -> str:
    i, m, f = split_syllable(syllable)  # type: ignore[misc]
    options = [(j, m, f) for j in _KEY_INITIAL.get(i, ())] + [(i, j, f) for j in _KEY_MEDIAL.get(m, ())]
    return join_syllable(*rng.choice(options)) if options else syllable


def name_with_errors(surname: str, given: str, rng: random.Random, heard: float, keyed: float,
                     dueum: float) -> tuple[str, str, list[str]]:
    """Surname and given name as a clerk took them down: a sound-alike syllable, a keyboard slip
    in one jamo, or the other initial-sound spelling of the surname (류/유, 림/임)."""
    errors = []
    u = rng.random()
    pos = rng.randrange(len(given))
    if u < heard:
        new = given[:pos] + _typo_heard(given[pos], rng) + given[pos + 1:]
        if new != given:
            given, errors = new, ["typo_syllable"]
    elif u < heard + keyed:
        new = given[:pos] + _typo_key(given[pos], rng) + given[pos + 1:]
        if new != given:
            given, errors = new, ["typo_jamo"]
    # 리 for 이 is rare in the South; 류/유, 림/임, 라/나, 로/노 are common.
    if surname in SURNAME_DUEUM and rng.random() < (dueum / 10 if surname == "이" else dueum):
        surname, errors = SURNAME_DUEUM[surname], [*errors, "surname_dueum"]
    return surname, given, errors


def hangul_name(surname: str, given: str, form: str, rng: random.Random) -> str:
    if form == "spaced":
        return rng.choice((f"{surname} {given}", f"{surname}  {given}", f" {surname}{given} ",
                           f"{surname} {' '.join(given)}", f"{surname}{given} "))
    if form in ("masked_star", "masked_circle"):
        mark = "*" if form == "masked_star" else "○"
        if len(given) == 1:
            return surname + mark
        return surname + mark * (len(given) - 1) + given[-1]
    if form == "masked_given":
        return surname + rng.choice(MASKS) * len(given)
    return surname + given


def latin_korean(surname: str, given: str, rng: random.Random) -> str:
    """`Kim Younghee`, `YOUNG-HEE KIM`, `Kim Young Hee`, `kim yeong-hui` …"""
    variants = SURNAME_LATIN.get(surname) or ("".join(romanise(surname, rng)).title(),)
    family = variants[0] if rng.random() < 0.7 else rng.choice(variants)
    parts = romanise(given, rng)
    joined = rng.choice(("".join(parts), "-".join(parts), " ".join(p.title() for p in parts)))
    joined = joined[0].upper() + joined[1:]  # Younghee, Young-hee, Young Hee
    text = rng.choices((f"{family} {joined}", f"{joined} {family}"), (0.6, 0.4))[0]
    return rng.choices((text, text.upper(), text.lower()), (0.55, 0.4, 0.05))[0]


def _latin_typo(token: str, rng: random.Random) -> str:
    if len(token) < 4:
        return token
    k = rng.randrange(1, len(token) - 1)
    return rng.choice((token[:k] + token[k + 1:], token[:k] + token[k] + token[k:],
                       token[:k - 1] + token[k] + token[k - 1] + token[k + 1:]))


def foreign_latin(name: ForeignName, swapped: bool, rng: random.Random, typo: float,
                  drop_middle: float) -> tuple[str, list[str]]:
    errors = []
    dropped = name.middle is not None and rng.random() < drop_middle
    if dropped:
        errors.append("middle_dropped")
    tokens = name.latin(order_as_card=not swapped, drop_middle=dropped)
    if rng.random() < typo:
        k = rng.randrange(len(tokens))
        new = _latin_typo(tokens[k], rng)
        if new != tokens[k]:
            tokens[k] = new
            errors.append("latin_typo")
    text = " ".join(tokens)
    if tokens[0] == name.family[0] and rng.random() < 0.3:  # SANTOS, MARIA
        text = f"{tokens[0]}, {' '.join(tokens[1:])}"
    return rng.choices((text.upper(), text, text.lower()), (0.6, 0.35, 0.05))[0], errors


def foreign_hangul(name: ForeignName, rng: random.Random) -> str:
    return rng.choice((" ", "")).join(name.hangul())


def masked_foreign(name: ForeignName, rng: random.Random) -> str:
    """Masking agencies keep the first token and star the rest, letter for letter."""
    tokens = name.latin()
    return " ".join([tokens[0].upper(), *("*" * len(t) for t in tokens[1:])])


# --- birth dates ------------------------------------------------------------------------------

EXCEL_EPOCH = date(1899, 12, 30)
BIRTH_FORMS = ("iso", "dot", "dot_padded", "slash", "compact8", "yy_dot", "yymmdd", "korean", "serial",
               "datetime", "year_only", "missing")


def birth_text(born: date, form: str, rng: random.Random, swap: float, digit_typo: float,
               year_off: float) -> tuple[str, list[str]]:
    y, m, d = born.year, born.month, born.day
    errors = []
    if form == "missing":
        return "", errors
    if form == "year_only":
        if rng.random() < year_off:  # a year worked out from the age someone gave
            y += rng.choice((-1, 1))
            errors.append("year_off_by_one")
        return str(y), errors
    if d <= 12 and d != m and rng.random() < swap:
        m, d = d, m
        errors.append("day_month_swap")
    elif rng.random() < digit_typo:  # digits transposed (12 → 21) or the next day
        reversed_day = int(f"{d:02d}"[::-1])
        new_d = reversed_day if d % 11 and 1 <= reversed_day <= 28 else d % 28 + 1
        if new_d != d:
            d = new_d
            errors.append("day_typo")
    if form == "serial":
        return str((date(y, m, d) - EXCEL_EPOCH).days), errors
    return {
        "iso": f"{y:04d}-{m:02d}-{d:02d}",
        "dot": f"{y}.{m}.{d}",
        "dot_padded": f"{y}.{m:02d}.{d:02d}",
        "slash": f"{y}/{m:02d}/{d:02d}",
        "compact8": f"{y}{m:02d}{d:02d}",
        "yy_dot": f"{y % 100:02d}.{m:02d}.{d:02d}",
        "yymmdd": f"{y % 100:02d}{m:02d}{d:02d}",
        "korean": f"{y}년 {m}월 {d}일",
        "datetime": f"{y:04d}-{m:02d}-{d:02d} " + rng.choice(("00:00", "00:00:00")),
    }[form], errors


# --- phones and sex ----------------------------------------------------------------------------

PHONE_FORMS = ("dashed", "compact", "spaced", "intl", "masked", "missing")


def phone_text(number: str, form: str, rng: random.Random, digit_typo: float) -> tuple[str, list[str]]:
    """`number` as `010-1234-5678` (mobile) or `064-752-1234` (a Jeju landline)."""
    errors = []
    if form == "missing":
        return "", errors
    head, mid, last = number.split("-")
    if rng.random() < digit_typo:
        k = rng.randrange(len(mid))
        mid = mid[:k] + str((int(mid[k]) + rng.randrange(1, 10)) % 10) + mid[k + 1:]
        errors.append("phone_typo")
    return {
        "dashed": f"{head}-{mid}-{last}",
        "compact": f"{head}{mid}{last}",
        "spaced": f"{head} {mid} {last}",
        "intl": f"+82-{head[1:]}-{mid}-{last}",
        "masked": f"{head}-{'*' * len(mid)}-{last}",
    }[form], errors


def sex_text(sex: str, form: str, rng: random.Random, flip: float) -> tuple[str, list[str]]:
    errors = []
    if form == "missing":
        return "", errors
    if rng.random() < flip:
        sex = "F" if sex == "M" else "M"
        errors.append("sex_flip")
    return (sex if form == "latin" else {"M": "남", "F": "여"}[sex]), errors
