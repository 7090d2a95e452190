"""Korean-aware name normalisation and comparison.

Hangul syllables are decomposed arithmetically (Unicode: syllable = 0xAC00 + (L*21 + V)*28 + T), so a
one-jamo typo (김영희/김영히) costs one edit instead of a whole syllable. Masked syllables (김*희,
김○희) match any syllable but count as weaker evidence. Latin spellings of Korean surnames map to
the Hangul surname (Lee/Yi/Rhee → 이), and Hangul given names are romanised (Revised Romanisation,
without sound-change rules) into a loose sound key so that "Lee Younghee" can meet "이영희".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from values.names import LATIN_MASKS, MASK, MASK_SYMBOLS

_SBASE, _SCOUNT, _NCOUNT, _TCOUNT = 0xAC00, 11172, 588, 28
# Characters agencies hide a syllable with: the value module's list (values/names.py), the same the
# loader and masking read; its Latin ones (O, x, 0) only inside a Hangul name.
_MASK_RE = re.compile("[" + re.escape(MASK_SYMBOLS + LATIN_MASKS) + "]")
_DROP_RE = re.compile(r"[\s.\-·ㆍ_,'’()]+")

# Latin spellings of Korean surnames (lower case, letters only) → Hangul.
LATIN_SURNAMES: dict[str, str] = {}
for _hangul, _spellings in {
    "김": "kim gim kym", "이": "lee yi rhee rhie ri rhi lie yee", "박": "park pak bak bahk parck",
    "최": "choi choe chwe choy", "정": "jung jeong chung jeung joung cheong", "강": "kang gang kahng",
    "조": "cho jo joe", "윤": "yoon yun youn", "장": "jang chang", "임": "lim im rim yim",
    "한": "han hahn", "오": "oh o", "서": "seo suh so", "신": "shin sin", "권": "kwon gwon kweon",
    "황": "hwang whang", "안": "ahn an", "송": "song", "전": "jeon jun chun", "홍": "hong",
    "고": "ko go koh", "양": "yang", "부": "boo bu", "문": "moon mun", "현": "hyun hyeon",
    "좌": "jwa chwa", "유": "yoo yu ryu", "류": "ryoo", "손": "son sohn", "배": "bae bai pae",
    "백": "baek paik paek", "허": "heo huh", "남": "nam", "노": "noh no roh", "하": "ha",
    "곽": "kwak gwak", "성": "sung seong", "차": "cha", "주": "joo ju chu", "우": "woo u",
    "구": "koo gu ku", "민": "min", "진": "jin chin", "나": "na ra", "지": "ji chi",
    "엄": "eom um", "채": "chae", "원": "won", "천": "cheon chun", "방": "bang",
    "공": "kong gong", "변": "byun byeon", "염": "yeom yum", "여": "yeo yeh",
}.items():
    for _s in _spellings.split():
        LATIN_SURNAMES.setdefault(_s, _hangul)

_ROM_L = "g kk n d tt r m b pp s ss _ j jj ch k t p h".split()
_ROM_V = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
_ROM_T = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
          "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# Loose sound key: fold the spelling variants romanisations commonly disagree on.
_SOUND_FOLDS = (("yeo", "yo"), ("eo", "o"), ("you", "yo"), ("oo", "u"), ("ee", "i"), ("eu", "u"), ("ui", "i"),
                ("ae", "e"),
                ("wo", "o"), ("sh", "s"), ("ch", "j"), ("kk", "k"), ("tt", "t"), ("pp", "p"),
                ("ss", "s"), ("k", "g"), ("t", "d"), ("p", "b"), ("r", "l"), ("-", ""), (" ", ""))


def is_syllable(ch: str) -> bool:
    return 0 <= ord(ch) - _SBASE < _SCOUNT


def decompose(text: str) -> str:
    """Hangul syllables → conjoining jamo (choseong, jungseong, optional jongseong); others kept."""
    out: list[str] = []
    for ch in text:
        s = ord(ch) - _SBASE
        if 0 <= s < _SCOUNT:
            out.append(chr(0x1100 + s // _NCOUNT))
            out.append(chr(0x1161 + (s % _NCOUNT) // _TCOUNT))
            if s % _TCOUNT:
                out.append(chr(0x11A7 + s % _TCOUNT))
        else:
            out.append(ch)
    return "".join(out)


def initial_jamo(ch: str) -> str:
    """The choseong of a syllable (ㄱ for 김); the character itself otherwise."""
    s = ord(ch) - _SBASE
    return chr(0x1100 + s // _NCOUNT) if 0 <= s < _SCOUNT else ch


def romanise(text: str) -> str:
    """Revised Romanisation of Hangul syllables, syllable by syllable (no assimilation)."""
    out: list[str] = []
    for ch in text:
        s = ord(ch) - _SBASE
        if 0 <= s < _SCOUNT:
            lead = _ROM_L[s // _NCOUNT]
            out.append(("" if lead == "_" else lead) + _ROM_V[(s % _NCOUNT) // _TCOUNT] + _ROM_T[s % _TCOUNT])
        else:
            out.append(ch.lower())
    return "".join(out)


def sound_key(latin: str) -> str:
    """Fold romanisation variants: 'Younghee', 'Yeonghui' and 'Yonghi' come out close."""
    key = re.sub(r"[^a-z]", "", latin.lower())
    for a, b in _SOUND_FOLDS:
        key = key.replace(a, b)
    return key


@dataclass(frozen=True)
class Name:
    """A normalised name. `norm` is the comparison form (Hangul without spaces, masks as `*`)."""
    norm: str
    surname: str
    given: str
    masked: bool
    latin: bool

    @property
    def given_sound(self) -> str:
        return sound_key(self.given if self.latin else romanise(self.given))


@lru_cache(maxsize=500_000)
def normalise(raw: str | None) -> Name | None:
    """Normalise a recorded name; None when nothing usable is left."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFC", str(raw)).strip()
    if not text or text.lower() in {"nan", "none", "미상", "불상", "-"}:
        return None
    if re.search(r"[A-Za-z]", text) and not re.search(r"[가-힣]", text):
        tokens = [t for t in re.split(r"[\s,.\-]+", text.lower()) if t]
        if not tokens:
            return None
        # Korean order (surname first) is most common; Western order (surname last) is also seen.
        if tokens[0] in LATIN_SURNAMES:
            surname, given = LATIN_SURNAMES[tokens[0]], "".join(tokens[1:])
        elif len(tokens) > 1 and tokens[-1] in LATIN_SURNAMES:
            surname, given = LATIN_SURNAMES[tokens[-1]], "".join(tokens[:-1])
        else:
            surname, given = tokens[0], "".join(tokens[1:])
        return Name(norm=f"{surname} {given}".strip(), surname=surname, given=given, masked=False, latin=True)
    text = _MASK_RE.sub(MASK, text)
    text = _DROP_RE.sub("", text)
    if not text or set(text) == {MASK}:
        return None
    return Name(norm=text, surname=text[0], given=text[1:], masked=MASK in text, latin=False)


def masked_agree(a: str, b: str) -> bool:
    """Same length and every position where both are visible agrees (김*희 ~ 김영희)."""
    if len(a) != len(b):
        return False
    return all(x == y or x == MASK or y == MASK for x, y in zip(a, b, strict=True))


def jamo_similarity(a: str, b: str) -> float:
    """Normalised Levenshtein similarity (0–1) on jamo sequences."""
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.normalized_similarity(decompose(a), decompose(b))


def compare(a: Name | None, b: Name | None) -> str:
    """Comparison level of two names (the scalar reference for the vectorised scorer):
    `exact`, `typo` (one jamo/syllable off), `masked`, `latin`, `given_only`, `missing`, `differ`."""
    from rapidfuzz.distance import Levenshtein

    if a is None or b is None:
        return "missing"
    if a.masked or b.masked:
        return "masked" if masked_agree(a.norm, b.norm) else "differ"
    if a.norm == b.norm:
        return "exact"
    if a.latin or b.latin:
        if a.surname == b.surname and Levenshtein.normalized_similarity(a.given_sound, b.given_sound) >= 0.75:
            return "latin"
        return "differ"
    if typo_close(a.norm, b.norm):
        return "typo"
    return "differ"


def typo_close(a: str, b: str) -> bool:
    """One-syllable typo: same length and one syllable different, or jamo distance ≤ 1."""
    from rapidfuzz.distance import Levenshtein

    if Levenshtein.distance(decompose(a), decompose(b)) <= 1:
        return True
    return len(a) == len(b) >= 3 and sum(x != y for x, y in zip(a, b, strict=True)) == 1
