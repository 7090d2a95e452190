"""The partner agencies of the Jeju Sheriff System: police stations and precincts, and every
agency type of the contract. Ids look like the contract's `P-JJ-01`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name: str
    type: str
    district: str
    phone: str


POLICE_TYPES = ("경찰서", "지구대·파출소")

# (prefix, type, [(name, district), ...])
_PARTNERS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("SC", "해바라기센터", (("제주해바라기센터", "제주시"),)),
    ("DV", "가정폭력상담소", (("제주가정폭력상담소", "제주시"), ("서귀포가정폭력상담소", "서귀포시"),
                          ("제주여성인권연대 가정폭력상담소", "제주시"))),
    ("SV", "성폭력상담소", (("제주성폭력상담소", "제주시"), ("서귀포성폭력상담소", "서귀포시"))),
    ("SH", "보호시설", (("제주가정폭력피해자보호시설", "제주시"), ("제주성폭력피해자보호시설", "제주시"),
                     ("서귀포여성쉼터", "서귀포시"))),
    ("YS", "청소년쉼터", (("제주시청소년쉼터", "제주시"), ("서귀포시청소년쉼터", "서귀포시"))),
    ("CP", "아동보호전문기관", (("제주아동보호전문기관", "제주시"), ("서귀포아동보호전문기관", "서귀포시"))),
    ("MD", "의료기관", (("제주대학교병원", "아라동"), ("제주한라병원", "연동"), ("한국병원", "삼도1동"),
                     ("서귀포의료원", "동홍동"))),
    ("MH", "정신건강복지센터", (("제주시정신건강복지센터", "제주시"), ("서귀포시정신건강복지센터", "서귀포시"))),
    ("LA", "법률지원기관", (("대한법률구조공단 제주지부", "제주시"), ("한국가정법률상담소 제주지부", "제주시"))),
    ("CC", "읍면동주민센터", (("노형동주민센터", "노형동"), ("연동주민센터", "연동"), ("이도2동주민센터", "이도2동"),
                          ("애월읍사무소", "애월읍"), ("동홍동주민센터", "동홍동"), ("성산읍사무소", "성산읍"))),
    ("OC", "가해자교정기관", (("제주가족상담센터 가해자교정프로그램", "제주시"), ("서귀포가정상담센터 교정교육", "서귀포시"))),
    ("PR", "보호관찰소", (("제주보호관찰소", "제주시"),)),
    ("ED", "교육기관", (("제주특별자치도교육청 Wee센터", "제주시"), ("서귀포교육지원청 Wee센터", "서귀포시"))),
    ("MC", "다문화가족지원센터", (("제주시가족센터", "제주시"), ("서귀포시가족센터", "서귀포시"))),
    ("ET", "기타", (("제주특별자치도 여성가족과", "제주시"), ("제주자치경찰단", "제주시"))),
)

# Stations and their precincts (지구대/파출소) with the 읍·면·동 each covers.
_STATIONS: tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...]], ...]], ...] = (
    ("제주동부경찰서", "제주시", (
        ("중앙지구대", ("일도1동", "이도1동", "삼도1동", "삼도2동", "건입동")),
        ("일도지구대", ("일도2동",)), ("이도지구대", ("이도2동",)), ("아라지구대", ("아라동", "봉개동", "오라동")),
        ("화북파출소", ("화북동",)), ("삼양파출소", ("삼양동",)), ("조천파출소", ("조천읍",)),
        ("구좌파출소", ("구좌읍",)), ("우도파출소", ("우도면",)))),
    ("제주서부경찰서", "제주시", (
        ("연동지구대", ("연동",)), ("노형지구대", ("노형동",)), ("외도지구대", ("외도동", "이호동", "도두동")),
        ("용담파출소", ("용담1동", "용담2동")), ("애월파출소", ("애월읍",)), ("한림파출소", ("한림읍",)),
        ("한경파출소", ("한경면",)), ("추자파출소", ("추자면",)))),
    ("서귀포경찰서", "서귀포시", (
        ("동홍지구대", ("동홍동", "영천동", "효돈동")), ("서귀포지구대", ("송산동", "정방동", "중앙동", "천지동")),
        ("중문파출소", ("중문동", "예래동", "대천동", "대륜동", "서홍동")), ("대정파출소", ("대정읍",)),
        ("안덕파출소", ("안덕면",)), ("남원파출소", ("남원읍",)), ("성산파출소", ("성산읍",)),
        ("표선파출소", ("표선면",)))),
)


def build_agencies() -> tuple[list[Agency], dict[str, str], dict[str, str]]:
    """All agencies, the precinct covering each 읍·면·동, and each precinct's station."""
    agencies: list[Agency] = []
    precinct_of: dict[str, str] = {}
    station_of: dict[str, str] = {}
    for s_no, (station, city, precincts) in enumerate(_STATIONS, 1):
        sid = f"P-JJ-{s_no:02d}"
        agencies.append(Agency(sid, station, "경찰서", city, f"064-{750 + s_no * 10}-{2000 + s_no:04d}"))
        for p_no, (precinct, districts) in enumerate(precincts, 1):
            pid = f"P-JJ-{s_no:02d}-{p_no:02d}"
            agencies.append(Agency(pid, precinct, "지구대·파출소", districts[0],
                                   f"064-{750 + s_no * 10}-{3000 + p_no * 11:04d}"))
            station_of[pid] = sid
            for d in districts:
                precinct_of[d] = pid
    for prefix, kind, entries in _PARTNERS:
        for n, (name, district) in enumerate(entries, 1):
            agencies.append(Agency(f"{prefix}-JJ-{n:02d}", name, kind, district,
                                   f"064-7{n}{len(prefix)}-{abs(hash_str(name)) % 9000 + 1000:04d}"))
    return agencies, precinct_of, station_of


def hash_str(text: str) -> int:
    """A stable string hash (Python's `hash` is salted per process, which would break determinism)."""
    h = 0
    for ch in text:
        h = (h * 131 + ord(ch)) % 1_000_000_007
    return h


def by_type(agencies: list[Agency]) -> dict[str, list[Agency]]:
    out: dict[str, list[Agency]] = {}
    for a in agencies:
        out.setdefault(a.type, []).append(a)
    return out
