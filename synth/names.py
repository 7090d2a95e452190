"""Korean and foreign names: realistic frequencies, romanisation and the spelling variants real
agency exports contain (spaces, masking, one-syllable typos, Latin spellings)."""

from __future__ import annotations

import itertools
import random

# 2015 census shares (percent) plus Jeju's founding clans (고, 양, 부) and 문, 현, 좌, which are far
# more common on Jeju than nationally; the rest of the mass goes to a long tail.
SURNAMES: tuple[tuple[str, float], ...] = (
    ("김", 21.5), ("이", 14.7), ("박", 8.4), ("최", 4.7), ("정", 4.3), ("강", 2.3), ("조", 2.1),
    ("윤", 2.1), ("장", 2.0), ("임", 1.7), ("한", 1.5), ("오", 1.5), ("서", 1.5), ("신", 1.4),
    ("권", 1.4), ("황", 1.4), ("안", 1.3), ("송", 1.3), ("전", 1.1), ("홍", 1.1),
    ("고", 4.0), ("양", 2.5), ("부", 1.5), ("문", 1.4), ("현", 1.2), ("좌", 0.5),
    ("유", 1.0), ("배", 0.8), ("백", 0.8), ("허", 0.7), ("남", 0.5), ("노", 0.5), ("하", 0.4),
    ("곽", 0.4), ("성", 0.4), ("차", 0.4), ("주", 0.4), ("우", 0.4), ("구", 0.4), ("민", 0.3),
)

# Given names by sex and generation: older people carry the names of their decade.
GIVEN_OLD_F = ("영희", "순자", "영숙", "정숙", "미숙", "경숙", "옥순", "춘자", "정희", "명숙", "순희", "영자")
GIVEN_OLD_M = ("영수", "영철", "정수", "성수", "영호", "상철", "광수", "정호", "종수", "영식", "만수", "동수")
GIVEN_MID_F = ("지영", "미영", "은영", "혜진", "수진", "은정", "미경", "선영", "지은", "현정", "은주", "정미")
GIVEN_MID_M = ("성민", "정훈", "상현", "동현", "준호", "성호", "재훈", "민수", "현우", "지훈", "성진", "영민")
GIVEN_YOUNG_F = ("서연", "지민", "수빈", "민지", "예은", "하은", "지아", "서현", "유진", "다은", "수아", "지우")
GIVEN_YOUNG_M = ("민준", "서준", "도윤", "하준", "지호", "예준", "주원", "시우", "건우", "현준", "지환", "우진")

# Foreign residents (mostly marriage migrants and workers): given, middle, family as written
# on an alien registration card, plus sex.
FOREIGN_NAMES: tuple[tuple[str, str], ...] = (
    ("NGUYEN THI LAN", "F"), ("TRAN THI HOA", "F"), ("PHAM THI MAI", "F"), ("LE VAN NAM", "M"),
    ("MARIA SANTOS", "F"), ("ANA REYES", "F"), ("LI WEI", "M"), ("WANG FANG", "F"),
    ("ZHANG MIN", "F"), ("SITI AMINAH", "F"), ("BATBAYAR GANBOLD", "M"), ("NURLAN ABENOV", "M"),
    ("SOMCHAI WONG", "M"), ("JOHN SMITH", "M"), ("SARAH JOHNSON", "F"), ("HOANG VAN DUC", "M"),
)

# Latin spellings of the same surname (reference: jeju.md).
SURNAME_LATIN: dict[str, tuple[str, ...]] = {
    "김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee"), "박": ("Park", "Pak", "Bak"),
    "최": ("Choi", "Choe"), "정": ("Jung", "Jeong", "Chung"), "강": ("Kang", "Gang"),
    "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "고": ("Ko", "Go"), "양": ("Yang",),
    "장": ("Jang", "Chang"), "임": ("Lim", "Im"), "한": ("Han",), "오": ("Oh", "O"),
    "서": ("Seo", "Suh"), "신": ("Shin", "Sin"), "권": ("Kwon", "Gwon"), "황": ("Hwang",),
    "안": ("Ahn", "An"), "송": ("Song",), "전": ("Jeon", "Chun"), "홍": ("Hong",),
    "부": ("Boo", "Bu"), "문": ("Moon", "Mun"), "현": ("Hyun", "Hyeon"), "좌": ("Jwa",),
}

_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h")
_MEDIALS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
            "wi", "yu", "eu", "ui", "i")
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
           "t", "t", "ng", "t", "t", "k", "t", "p", "t")
# Vowels people confuse when typing or hearing a name: the source of one-syllable typos.
_VOWEL_SWAPS = {1: 5, 5: 1, 4: 6, 6: 4, 8: 13, 13: 8, 20: 19, 19: 20, 3: 7, 7: 3, 12: 17, 17: 12}


def _split(syllable: str) -> tuple[int, int, int] | None:
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return None
    return code // 588, (code % 588) // 28, code % 28


def _join(initial: int, medial: int, final: int) -> str:
    return chr(0xAC00 + initial * 588 + medial * 28 + final)


def romanise(text: str) -> str:
    """Revised Romanisation, syllable by syllable (good enough for registry-style spellings)."""
    out = []
    for ch in text:
        parts = _split(ch)
        out.append(ch if parts is None else _INITIALS[parts[0]] + _MEDIALS[parts[1]] + _FINALS[parts[2]])
    return "".join(out)


_SURNAME_NAMES = tuple(n for n, _ in SURNAMES)
_SURNAME_CUM = tuple(itertools.accumulate(w for _, w in SURNAMES))


def surname_pick(rng: random.Random) -> str:
    return rng.choices(_SURNAME_NAMES, cum_weights=_SURNAME_CUM)[0]


def korean_name(rng: random.Random, sex: str, birth_year: int) -> str:
    if birth_year < 1965:
        pool = GIVEN_OLD_F if sex == "F" else GIVEN_OLD_M
    elif birth_year < 1995:
        pool = GIVEN_MID_F if sex == "F" else GIVEN_MID_M
    else:
        pool = GIVEN_YOUNG_F if sex == "F" else GIVEN_YOUNG_M
    return surname_pick(rng) + rng.choice(pool)


def foreign_name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FOREIGN_NAMES)


def is_latin(name: str) -> bool:
    return all(ord(c) < 0x250 for c in name)


def typo(rng: random.Random, name: str) -> str:
    """Change one syllable of the given name by a confusable vowel or a dropped/added final."""
    idx = rng.randrange(1, len(name)) if len(name) > 1 else 0
    parts = _split(name[idx])
    if parts is None:
        return name
    i, m, f = parts
    if m in _VOWEL_SWAPS and rng.random() < 0.7:
        m = _VOWEL_SWAPS[m]
    else:
        f = 0 if f else 4  # drop the final consonant, or add ㄴ
    return name[:idx] + _join(i, m, f) + name[idx + 1:]


def latin_korean(rng: random.Random, name: str) -> str:
    """A Korean name written in Latin letters, the way foreign-facing forms often record it."""
    surname, given = name[0], name[1:]
    sur = rng.choice(SURNAME_LATIN.get(surname, (romanise(surname).capitalize(),)))
    giv = romanise(given)
    style = rng.randrange(4)
    if style == 0:
        return f"{sur} {giv.capitalize()}"
    if style == 1:
        syl = [romanise(c) for c in given]
        return f"{sur.upper()} {' '.join(s.upper() for s in syl)}"
    if style == 2:
        syl = [romanise(c) for c in given]
        return f"{sur} {'-'.join(syl).capitalize()}"
    return f"{giv.capitalize()} {sur}"


def foreign_variant(rng: random.Random, name: str) -> str:
    parts = name.split()
    r = rng.random()
    if r < 0.3:
        return " ".join(p.capitalize() for p in parts)
    if r < 0.45 and len(parts) == 3:
        return f"{parts[0]} {parts[2]}"  # middle name left out
    if r < 0.6:
        return "  ".join(parts)
    return name


def mask(rng: random.Random, name: str) -> str:
    mark = rng.choice(("*", "○"))
    if len(name) == 2:
        return name[0] + mark
    if rng.random() < 0.2:
        return name[0] + mark * (len(name) - 1)
    return name[0] + mark * (len(name) - 2) + name[-1]


def name_variant(rng: random.Random, name: str, rates: dict[str, float]) -> str:
    """The name as one agency wrote it. `rates`: space, mask, typo, latin (each a probability)."""
    if is_latin(name):
        return foreign_variant(rng, name)
    r = rng.random()
    if r < rates.get("latin", 0.0):
        return latin_korean(rng, name)
    r -= rates.get("latin", 0.0)
    if r < rates.get("mask", 0.0):
        return mask(rng, name)
    r -= rates.get("mask", 0.0)
    if r < rates.get("typo", 0.0):
        return typo(rng, name)
    r -= rates.get("typo", 0.0)
    if r < rates.get("space", 0.0):
        return name[0] + " " + name[1:]
    return name
