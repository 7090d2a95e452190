"""Name pools and how agencies write names: Korean surnames at census shares with a long tail,
given names that follow the birth cohort, foreign residents with Latin and Hangul spellings."""

from __future__ import annotations

import random
from dataclasses import dataclass

# 2015 census shares (percent), top 20 as the reference gives them, then a long tail; the Jeju clans
# (고, 양, 부, 현, 좌) get a little of the tail's mass because they are far more common on the island.
SURNAME_SHARES: tuple[tuple[str, float], ...] = (
    ("김", 21.5), ("이", 14.7), ("박", 8.4), ("최", 4.7), ("정", 4.3), ("강", 2.3), ("조", 2.1),
    ("윤", 2.1), ("장", 2.0), ("임", 1.7), ("한", 1.5), ("오", 1.5), ("서", 1.5), ("신", 1.4),
    ("권", 1.4), ("황", 1.4), ("안", 1.3), ("송", 1.3), ("전", 1.1), ("홍", 1.1),
    ("유", 1.1), ("고", 2.2), ("문", 1.0), ("양", 1.6), ("손", 0.9), ("배", 0.8), ("백", 0.7),
    ("허", 0.6), ("남", 0.5), ("심", 0.5), ("노", 0.4), ("하", 0.4), ("곽", 0.4), ("성", 0.4),
    ("차", 0.4), ("주", 0.4), ("우", 0.4), ("구", 0.4), ("민", 0.3), ("류", 0.3), ("나", 0.3),
    ("진", 0.3), ("지", 0.3), ("엄", 0.3), ("채", 0.25), ("원", 0.25), ("천", 0.24), ("방", 0.23),
    ("공", 0.2), ("현", 0.5), ("함", 0.18), ("변", 0.18), ("염", 0.14), ("여", 0.14), ("추", 0.12),
    ("도", 0.11), ("소", 0.1), ("석", 0.1), ("선", 0.08), ("설", 0.08), ("마", 0.08), ("길", 0.08),
    ("연", 0.07), ("위", 0.06), ("표", 0.06), ("명", 0.06), ("기", 0.05), ("반", 0.05), ("왕", 0.05),
    ("금", 0.05), ("옥", 0.05), ("육", 0.04), ("인", 0.04), ("맹", 0.04), ("제", 0.04), ("모", 0.04),
    ("탁", 0.04), ("국", 0.04), ("은", 0.03), ("편", 0.03), ("용", 0.03), ("봉", 0.02), ("부", 0.6),
    ("좌", 0.15), ("남궁", 0.04), ("황보", 0.02), ("제갈", 0.01), ("선우", 0.01), ("사공", 0.01),
    ("독고", 0.005),
)

# Latin spellings seen on passports and forms; the first is the common one.
SURNAME_LATIN: dict[str, tuple[str, ...]] = {
    "김": ("Kim", "Gim"), "이": ("Lee", "Yi", "Rhee", "Lie"), "박": ("Park", "Pak", "Bak"),
    "최": ("Choi", "Choe"), "정": ("Jung", "Jeong", "Chung"), "강": ("Kang", "Gang"),
    "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"), "장": ("Jang", "Chang"), "임": ("Lim", "Im", "Rim"),
    "한": ("Han",), "오": ("Oh", "O"), "서": ("Seo", "Suh"), "신": ("Shin", "Sin"),
    "권": ("Kwon", "Gwon"), "황": ("Hwang",), "안": ("Ahn", "An"), "송": ("Song",),
    "전": ("Jeon", "Jun", "Chun"), "홍": ("Hong",), "유": ("Yoo", "Yu"), "고": ("Ko", "Go", "Koh"),
    "문": ("Moon", "Mun"), "양": ("Yang",), "부": ("Boo", "Bu"), "현": ("Hyun", "Hyeon"),
    "좌": ("Jwa", "Chwa"), "손": ("Son", "Sohn"), "배": ("Bae", "Pae"), "백": ("Baek", "Paik"),
}
# Initial-sound law spellings (두음법칙): the same family written two ways in registries.
SURNAME_DUEUM = {"이": "리", "임": "림", "유": "류", "류": "유", "노": "로", "나": "라"}

# Popular names per birth decade (decade → (male, female)), most popular first.
TOP_GIVEN: dict[int, tuple[str, str]] = {
    1940: ("영수 영호 영식 영철 정수 정웅 영일 상철 광수 종수 병철 춘식 재호 만수 용수 동수 성수 순철 봉수 명수 진호 복남",
           "영자 정자 순자 춘자 경자 옥자 말순 영순 정순 숙자 순옥 명자 옥순 분순 점순 정희 영희 순례 복순 금순 덕순 말자"),
    1950: ("영수 영철 영호 정수 상철 성수 영식 종수 광수 정호 재호 영길 병철 상호 성호 용수 명수 동수 진수 경수 승호 정남",
           "영숙 정숙 영자 순자 경숙 영희 명숙 정희 순희 미숙 정순 영순 옥순 춘자 현숙 명희 영옥 순옥 경희 혜숙 인숙 정자"),
    1960: ("영수 성호 영철 정호 성수 영호 상호 정훈 재호 성훈 진호 영민 종호 승호 경호 상훈 성진 재성 준호 병호 태호 명호",
           "미숙 영숙 정숙 경숙 은숙 영희 순영 미경 현숙 경희 명희 정희 혜숙 영미 미영 정미 은희 경애 선희 수정 혜경 경미"),
    1970: ("성호 정훈 성훈 상훈 영진 준호 재훈 성민 동현 승현 민수 현철 진우 대호 성진 정민 상현 지훈 영민 재영 태현 정우",
           "미영 은정 미경 은영 현정 지영 정희 수진 미정 혜진 선영 은주 경미 지현 미선 은희 정은 혜영 수정 윤정 소영 현주"),
    1980: ("지훈 성민 현우 동현 준호 민수 정훈 상현 준영 성현 지성 민호 재현 승민 종현 우진 민석 성진 영준 동욱 태훈 상우",
           "지영 지은 수진 혜진 은지 지혜 민정 유진 수연 은영 미진 현정 선영 지현 소영 보람 혜원 나영 윤희 진주 아름 슬기"),
    1990: ("민수 지훈 현우 동현 준호 성민 민석 승현 준영 진우 민혁 태현 재원 상우 지원 준혁 민재 현준 승민 영훈 재민 동훈",
           "지은 수빈 지현 유진 민지 혜원 수정 은비 지원 예진 다은 가영 소연 민정 하나 슬기 지혜 은지 보라 수지 예지 나연"),
    2000: ("민준 현우 지훈 동현 준서 민재 승민 지호 준혁 건우 성민 우진 도현 예준 승우 현준 민성 재원 지환 태민 시우 유준",
           "서연 민서 지민 수빈 서현 예은 지원 지은 윤서 하은 채원 유진 다은 수민 예린 지현 민지 수연 서영 예진 가은 은서"),
    2010: ("민준 서준 도윤 하준 주원 예준 시우 지호 준우 건우 유준 지후 은우 현우 이준 선우 서진 연우 우진 정우 시윤 수호",
           "서연 서윤 지우 하윤 민서 하은 지유 윤서 채원 수아 지아 서아 지민 다은 예은 하린 소율 아린 시아 유나 나은 이서"),
}
# Syllables for the long tail of names outside the top lists, per era: (first, second) per sex.
ERA_SYLLABLES: dict[str, dict[str, tuple[str, str]]] = {
    "old": {"M": ("영정성상광종병재용명동기춘만봉태경석인창", "수호철식석길남만복근환규섭우진택훈배국현"),
            "F": ("영순정옥춘경명말분복금숙화점덕귀봉애길남", "자순희숙녀례옥분애임단덕이화심선님란")},
    "mid": {"M": ("성정상재동영진승준현민종태경대창형석지용", "호훈민수현철진우석환욱기규준식일영범섭택"),
            "F": ("미은지현정혜선수경영주희연윤유소진명숙인", "영정숙희경진주미선연아은란현애옥화순실나")},
    "young": {"M": ("민지현준동성승도재태우건상진영정시유수주", "우훈호혁석민현준원수빈진성규환욱영철기재"),
              "F": ("지수민유은예혜다서하소가채윤세아희나보주", "은연현진원민영빈지정희아린인윤경람슬나별")},
    "new": {"M": ("서도하시주예지이은유건선연우준민수태로윤", "준윤우원호후안율진현빈찬결한성재혁온겸완"),
            "F": ("서하지수윤채아다예시소유나가이연리라세온", "연윤은아린율원우서유빈인현민희음솔온하설")},
}
SINGLE_GIVEN = {"M": "훈철진혁준건범석웅결", "F": "란숙희진별솔윤현슬설"}
# Three-syllable given names are rare and mostly native-Korean names of younger cohorts.
TRIPLE_GIVEN = ("한아름", "빛나리", "하늘별", "새로미", "보람찬", "슬기로", "나래솔", "아름솔", "한별이", "다솜이")

# Foreign residents: tokens as (Latin, Hangul transliteration). Order on the registration card:
# family first (China, Vietnam) or given first (the Philippines, Thailand, Nepal, US/UK).
FOREIGN: dict[str, dict] = {
    "CN": {"share": 0.30, "family_first": True,
           "family": "Wang 왕|Li 리|Zhang 장|Liu 류|Chen 천|Yang 양|Zhao 자오|Huang 황|Zhou 저우|Wu 우|Sun 쑨|Ma 마",
           "M": "Wei 웨이|Qiang 창|Lei 레이|Jun 쥔|Tao 타오|Xiaoming 샤오밍|Hao 하오|Bo 보|Jian 젠|Peng 펑",
           "F": "Fang 팡|Na 나|Jing 징|Yan 옌|Mei 메이|Xiuying 슈잉|Yuting 위팅|Lin 린|Hui 후이|Min 민"},
    "VN": {"share": 0.30, "family_first": True,
           "family": "Nguyen 응우옌|Tran 쩐|Le 레|Pham 팜|Hoang 호앙|Vu 부|Do 도|Bui 부이|Dang 당|Ngo 응오",
           "middle": {"M": "Van 반|Duc 득|Minh 민", "F": "Thi 티|Ngoc 응옥"},
           "M": "Nam 남|Tuan 뚜안|Hung 훙|Dung 중|Anh 아인|Long 롱|Quang 꽝|Hai 하이|Son 선|Khoa 코아",
           "F": "Hoa 호아|Lan 란|Mai 마이|Huong 흐엉|Linh 린|Trang 짱|Thao 타오|Thu 투|Hien 히엔|Nhung 늉"},
    "PH": {"share": 0.12, "family_first": False,
           "family": "Santos 산토스|Reyes 레예스|Cruz 크루즈|Bautista 바우티스타|Garcia 가르시아|"
                     "Mendoza 멘도사|Villanueva 비야누에바|Ramos 라모스|Aquino 아키노|Castillo 카스티요",
           "M": "Jose 호세|Mark 마크|Joel 조엘|Rommel 로멜|Jericho 제리코",
           "F": "Maria 마리아|Cristina 크리스티나|Jennifer 제니퍼|Rosalie 로잘리|Joy 조이|Analyn 아날린"},
    "TH": {"share": 0.08, "family_first": False,
           "family": "Srisuk 스리숙|Saetang 새탕|Chaiyaporn 차이야폰|Wongsawat 웡사왓|Boonmee 분미|"
                     "Thongdee 통디|Kaewkla 깨우끌라",
           "M": "Somchai 솜차이|Somsak 솜삭|Wichai 위차이|Anan 아난|Prasert 쁘라섯",
           "F": "Malee 말리|Siriporn 시리폰|Nattaya 낫타야|Kanya 깐야|Pornthip 폰팁|Anong 아농"},
    "NP": {"share": 0.08, "family_first": False,
           "family": "Thapa 타파|Gurung 구룽|Tamang 타망|Rai 라이|Shrestha 슈레스타|Magar 마가르|Sharma 샤르마",
           "middle": {"M": "Bahadur 바하두르|Prasad 프라사드", "F": "Kumari 쿠마리"},
           "M": "Ram 람|Bishnu 비슈누|Krishna 크리슈나|Hari 하리|Binod 비노드|Deepak 디팍",
           "F": "Sita 시타|Sunita 수니타|Gita 기타|Anita 아니타|Laxmi 락슈미"},
    "US": {"share": 0.12, "family_first": False,
           "family": "Smith 스미스|Johnson 존슨|Brown 브라운|Williams 윌리엄스|Jones 존스|Taylor 테일러|"
                     "Wilson 윌슨|Miller 밀러|Davies 데이비스|Evans 에번스|Anderson 앤더슨|Clark 클라크",
           "M": "John 존|Michael 마이클|David 데이비드|James 제임스|Robert 로버트|Daniel 대니얼|Thomas 토머스",
           "F": "Emily 에밀리|Sarah 세라|Jessica 제시카|Emma 에마|Olivia 올리비아|Laura 로라|Hannah 해나"},
}


def _tokens(spec: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(t.split(" ")) for t in spec.split("|"))  # type: ignore[misc]


@dataclass(frozen=True)
class ForeignName:
    country: str
    family: tuple[str, str]
    given: tuple[str, str]
    middle: tuple[str, str] | None  # Vietnamese 티/반 between family and given; Nepali after the given
    family_first: bool

    def _order(self, script: int, drop_middle: bool = False) -> list[str]:
        middle = [] if self.middle is None or drop_middle else [self.middle[script]]
        if self.family_first:
            return [self.family[script], *middle, self.given[script]]
        return [self.given[script], *middle, self.family[script]]

    def latin(self, order_as_card: bool = True, drop_middle: bool = False) -> list[str]:
        """As on the registration card, or with the family name moved to the other end."""
        tokens = self._order(0, drop_middle)
        if order_as_card:
            return tokens
        return [*tokens[1:], tokens[0]] if self.family_first else [tokens[-1], *tokens[:-1]]

    def hangul(self) -> list[str]:
        return self._order(1)

    def key(self) -> str:
        return " ".join(self.latin()).upper()


def pick_surname(rng: random.Random) -> str:
    return rng.choices(_SURNAMES, _SURNAME_WEIGHTS)[0]


_SURNAMES = tuple(s for s, _ in SURNAME_SHARES)
_SURNAME_WEIGHTS = tuple(w for _, w in SURNAME_SHARES)


def _era(year: int) -> str:
    return "old" if year < 1960 else "mid" if year < 1985 else "young" if year < 2005 else "new"


def pick_given(rng: random.Random, sex: str, year: int, first_syllable: str | None = None) -> str:
    """A given name for someone born in `year`; `first_syllable` is a shared generation syllable."""
    era = _era(year)
    if first_syllable is not None:
        return first_syllable + rng.choice(ERA_SYLLABLES[era][sex][1])
    u = rng.random()
    if u < 0.004 and year >= 1975:
        return rng.choice(TRIPLE_GIVEN)
    if u < 0.03:
        return rng.choice(SINGLE_GIVEN[sex])
    if u < 0.60:
        decade = min(max(year // 10 * 10, 1940), 2010)
        names = TOP_GIVEN[decade][0 if sex == "M" else 1].split()
        return rng.choices(names, [1 / (rank + 1) ** 0.7 for rank in range(len(names))])[0]
    first, second = ERA_SYLLABLES[era][sex]
    while True:
        a, b = rng.choice(first), rng.choice(second)
        if a != b:
            return a + b


def pick_foreign(rng: random.Random, sex: str) -> ForeignName:
    countries = list(FOREIGN)
    country = rng.choices(countries, [FOREIGN[c]["share"] for c in countries])[0]
    spec = FOREIGN[country]
    middle = None
    if "middle" in spec and rng.random() < 0.8:
        middle = rng.choice(_tokens(spec["middle"][sex]))
    return ForeignName(country, rng.choice(_tokens(spec["family"])), rng.choice(_tokens(spec[sex])), middle,
                       spec["family_first"])


# --- Hangul syllables: arithmetic decomposition (U+AC00 + (initial × 21 + medial) × 28 + final) ---

def split_syllable(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch) - 0xAC00
    return (code // 588, code % 588 // 28, code % 28) if 0 <= code < 11172 else None


def join_syllable(initial: int, medial: int, final: int) -> str:
    return chr(0xAC00 + (initial * 21 + medial) * 28 + final)


# Romanisation: (revised, popular) spelling per jamo; agencies and passports mix both.
_INITIAL_LATIN = (("g", "k"), ("kk", "kk"), ("n", "n"), ("d", "d"), ("tt", "tt"), ("r", "r"), ("m", "m"),
                  ("b", "b"), ("pp", "pp"), ("s", "s"), ("ss", "ss"), ("", ""), ("j", "j"), ("jj", "jj"),
                  ("ch", "ch"), ("k", "k"), ("t", "t"), ("p", "p"), ("h", "h"))
_MEDIAL_LATIN = (("a", "a"), ("ae", "ae"), ("ya", "ya"), ("yae", "yae"), ("eo", "u"), ("e", "e"), ("yeo", "yu"),
                 ("ye", "ye"), ("o", "o"), ("wa", "wa"), ("wae", "wae"), ("oe", "oe"), ("yo", "yo"), ("u", "oo"),
                 ("wo", "wo"), ("we", "we"), ("wi", "wi"), ("yu", "yu"), ("eu", "eu"), ("ui", "ee"), ("i", "i"))
_FINAL_LATIN = ("", "k", "kk", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
                "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t")


def romanise(text: str, rng: random.Random) -> list[str]:
    """Each syllable romanised with a per-name choice of revised or popular vowels (영희 →
    Yeong/hui or Young/hee); syllables stay separate so callers can join, hyphenate or space them."""
    popular = rng.random() < 0.6
    out = []
    for ch in text:
        parts = split_syllable(ch)
        if parts is None:
            out.append(ch)
            continue
        i, m, f = parts
        style = 1 if popular else 0
        medial = _MEDIAL_LATIN[m][style]
        if popular and m == 6 and f == 21:  # 영 → Young, 형 → Hyoung: the spelling people use
            medial = "you"
        if popular and i == 11 and m == 13:  # 우 → Woo (우진 → Woojin)
            medial = "woo"
        initial = _INITIAL_LATIN[i][style]
        out.append(initial + medial + _FINAL_LATIN[f])
    return out
