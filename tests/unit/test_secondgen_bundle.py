"""The second bundle generator (bench/secondgen/bundle): same seed, same bytes; headers exactly as
shared/data-contract.md writes them; every value read by the project's own parsers (`values/`,
`loaders.values`) and the loaders' validation (a dry run without a database), which rejects exactly
the deliberately bad rows; and the harm process has the properties it claims — incidents cluster,
protection lowers the later rate, separation raises it, serial offenders and escalation exist,
checklist grades follow the latent risk only noisily. No Neo4j."""

from __future__ import annotations

import csv
import io
import math
import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from bench.secondgen.bundle import generate_bundle
from bench.secondgen.bundle.harm import PairProcess, PairSpec
from bench.secondgen.bundle.response import POLICE_PROTECTION
from bench.secondgen.bundle.support import SERVICES
from loaders import values as LV
from loaders.bundle import load_bundle
from loaders.reader import discover, iter_rows, open_source
from values import dates, names, phones
from values.coordinates import read_point

# Written out from shared/data-contract.md (경도/위도: the calls' optional columns; 문항1…문항20 of N ≤ 30).
CONTRACT_HEADERS = {
    "agencies": "기관코드 기관명 기관유형 관할 연락처",
    "calls": "신고번호 접수일시 사건종별 긴급도 발생주소 관할관서 처리결과 흉기사용 상해 아동동석 내용 경도 위도",
    "call_persons": "신고번호 역할 성명 생년월일 성별 연락처 주소 피해자와의관계",
    "police_measures": "조치번호 신고번호 조치일 조치유형 대상자성명 대상자생년월일 종료일",
    "risk_assessments": "평가번호 신고번호 평가일 평가기관 피해자성명 피해자생년월일 "
                        + " ".join(f"문항{i}" for i in range(1, 21)) + " 위험등급",
    "services": "지원번호 기관코드 내부관리번호 지원일 대상자성명 생년월일 연락처 주소 대상자구분 지원분야 내용 의뢰기관 관련신고번호",
    "council_cases": "안건번호 회의일 회의차수 제출기관 사건유형 위험등급 피해자성명 피해자생년월일 가해자성명 가해자생년월일 "
                     "참석기관 상태",
    "council_measures": "지원계획번호 안건번호 분야 담당기관 내용 시작일 완료예정일 완료일 상태 미완료사유",
}
CATEGORIES = set("가정폭력 스토킹 데이트폭력 아동학대 성폭력 노인학대 기타".split())
OUTCOMES = set("현장종결 형사입건 임시조치 긴급임시조치 응급조치 타기관인계 기타".split())
MEASURE_TYPES = ({"긴급임시조치", "긴급응급조치", "신변보호", "스마트워치", "위치추적"}
                 | {f"임시조치{i}호" for i in range(1, 6)} | {f"잠정조치{i}호" for i in range(1, 5)})
FIELDS = set("의료 법률 주거·보호시설 심리상담 경제 가해자교정 아동보호 안전·신변보호 동행지원".split())
GRADES = ("낮음", "보통", "높음", "매우높음")
EPOCH = datetime(2019, 1, 1)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bundle2")
    generate_bundle(1500, 5, out, bad_rate=0.01)
    return out


def _truth(bundle: Path, name: str) -> list[dict]:
    with (bundle / "_truth" / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _rows(bundle: Path, stem: str) -> list[tuple[int, dict]]:
    """(row number, {header: cell}) of every record except the deliberately bad ones."""
    found, _ = discover(bundle)
    src = open_source(stem, found[stem], {})
    bad = {int(b["row"]) for b in _truth(bundle, "bad_rows") if b["file"] == stem}
    return [(n, dict(zip(src.header, cells, strict=False))) for n, cells in iter_rows(src) if n > 1 and n not in bad]


def _files(directory: Path) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_same_seed_and_size_give_identical_files(tmp_path):
    a, b, c = (generate_bundle(250, seed, tmp_path / name) for name, seed in (("a", 9), ("b", 9), ("c", 10)))
    assert a["rows"] == b["rows"]
    files = _files(tmp_path / "a")
    assert "council_cases.xlsx" in files and "_truth/records.csv" in files
    assert files == _files(tmp_path / "b")
    assert files["calls.csv"] != _files(tmp_path / "c")["calls.csv"]


def test_headers_and_encodings_as_the_contract(bundle):
    found, others = discover(bundle)
    assert sorted(found) == sorted(CONTRACT_HEADERS) and others == []
    encodings = {}
    for stem, expected in CONTRACT_HEADERS.items():
        src = open_source(stem, found[stem], {})
        assert src.header == expected.split(), stem
        assert set(src.ignored) <= {"경도", "위도"}, (stem, src.ignored)  # every other header is a contract field
        encodings[stem] = src.encoding or "xlsx"
    assert encodings["calls"] == encodings["call_persons"] == encodings["police_measures"] == "cp949"
    assert encodings["council_cases"] == "xlsx" and encodings["services"] == "utf-8-sig"
    assert (bundle / "services.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    with pytest.raises(UnicodeDecodeError):
        (bundle / "calls.csv").read_bytes().decode("utf-8")


def test_loader_validation_rejects_exactly_the_bad_rows(bundle):
    result = load_bundle(bundle, None, dry_run=True, stream=io.StringIO())
    bad = {(b["file"], int(b["row"])) for b in _truth(bundle, "bad_rows")}
    assert {"calls", "call_persons", "police_measures", "services"} <= {f for f, _ in bad}
    assert {(p.file, p.row) for p in result.problems} == bad
    manifest = pd.read_json(bundle / "_truth" / "manifest.json", typ="series")
    assert {s.file.split(".")[0]: s.rows_loaded for s in result.stats} == manifest["rows"]


def test_call_dates_coordinates_and_vocabularies(bundle):
    truth = {c["call_id"]: EPOCH + timedelta(minutes=round(float(c["day"]) * 1440)) for c in _truth(bundle, "calls")}
    points = {c["call_id"]: (float(c["longitude"]), float(c["latitude"])) for c in _truth(bundle, "calls")
              if c["longitude"]}
    located = unlocated = 0
    grid = 0
    forms = set()
    for _, r in _rows(bundle, "calls"):
        assert dates.parse_datetime(r["접수일시"]) == truth[r["신고번호"]], r["접수일시"]
        forms.add("serial" if r["접수일시"][:5].isdigit() and "." in r["접수일시"] else r["접수일시"][4])
        assert r["사건종별"] in CATEGORIES and r["처리결과"] in OUTCOMES and r["긴급도"] in {"C0", "C1", "C2", "C3", "C4"}
        for column in ("흉기사용", "상해", "아동동석"):
            assert LV.parse_yes_no(r[column]) is not LV.UNREADABLE
        if r["경도"] or r["위도"]:
            # WGS84 degrees, or UTM-K metres from 서귀포경찰서's precincts, written by Snyder's forward
            # series: the loader's reader (Krüger's inverse) must land within a metre of the truth
            point = read_point(r["경도"], r["위도"])
            lon, lat = points[r["신고번호"]]
            assert isinstance(point, tuple) and 126.1 < point[0] < 127.0 and 33.1 < point[1] < 34.0
            assert math.hypot((point[0] - lon) * 92_900, (point[1] - lat) * 110_950) < 1.0, (r["경도"], lon)
            grid += float(r["경도"]) > 1000
            assert (float(r["경도"]) > 1000) == r["관할관서"].startswith("KNP-SG")
            assert truth[r["신고번호"]] >= datetime(2021, 7, 1)  # older exports have no coordinates
            located += 1
        else:
            assert r["신고번호"] not in points
            unlocated += 1
    assert located > 100 and unlocated > 100 and 20 < grid < located
    assert {"-", ".", "/", "serial"} <= forms  # ISO, dotted, slashed and Excel-serial date-times


def test_person_values_parse_and_agree_with_the_truth(bundle):
    born = {p["person_id"]: date.fromisoformat(p["birth_date"]) for p in _truth(bundle, "persons")}
    who = {(m["file"].split(".")[0], int(m["row"])): m["person_id"] for m in _truth(bundle, "records")}
    full = same = years = checked = 0
    for stem, name_col, birth_col in (("call_persons", "성명", "생년월일"), ("police_measures", "대상자성명", "대상자생년월일"),
                                      ("risk_assessments", "피해자성명", "피해자생년월일"), ("services", "대상자성명", "생년월일")):
        for n, r in _rows(bundle, stem):
            truth = born[who[stem, n]]
            if r[name_col].strip():
                assert names.normalise_name(r[name_col])
            if not r[birth_col]:
                continue
            parsed = dates.parse_birth(r[birth_col], 2025)
            assert parsed != dates.UNKNOWN, r[birth_col]
            checked += 1
            years += abs(parsed[0] - truth.year) <= 1
            if parsed[2]:
                full += 1
                same += dates.date_of(parsed) == truth
            phone = r.get("연락처") or ""
            if phone:
                assert phones.normalise(phone), phone
    assert checked > 3000 and years == checked
    assert same / full > 0.95  # the rest: day–month swaps and day typos, as clerks make them


def test_other_files_parse(bundle):
    agencies = {r["기관코드"] for _, r in _rows(bundle, "agencies")}
    for _, r in _rows(bundle, "call_persons"):
        assert LV.call_role(r["역할"]) in {"victim", "suspect", "reporter", "child_witness"}
        assert LV.relation(r["피해자와의관계"]) is not LV.UNREADABLE and LV.normalise_sex(r["성별"]) is not LV.UNREADABLE
    for _, r in _rows(bundle, "police_measures"):
        assert r["조치유형"] in MEASURE_TYPES
        start = dates.parse_date(r["조치일"])
        assert start is not None and (not r["종료일"] or dates.parse_date(r["종료일"]) >= start)
    for _, r in _rows(bundle, "risk_assessments"):
        assert r["위험등급"] in GRADES and r["평가기관"] in agencies and dates.parse_date(r["평가일"])
        assert all(LV.parse_yes_no(r[f"문항{i}"]) is not LV.UNREADABLE for i in range(1, 21))
    refs: dict[str, set[str]] = defaultdict(set)
    who = {int(m["row"]): m["person_id"] for m in _truth(bundle, "records") if m["file"] == "services.csv"}
    for n, r in _rows(bundle, "services"):
        assert dates.parse_date(r["지원일"]) and r["지원분야"] in FIELDS and r["기관코드"] in agencies
        assert LV.client_role(r["대상자구분"]) in {"victim", "offender", "child", "family"}
        assert not r["의뢰기관"] or r["의뢰기관"] in agencies
        refs[r["기관코드"], r["내부관리번호"]].add(who[n])
    assert all(len(people) == 1 for people in refs.values())  # a client number names one person
    for _, r in _rows(bundle, "council_cases"):
        assert dates.parse_date(r["회의일"]) and isinstance(LV.parse_int(r["회의차수"]), int)
        assert set(LV.split_list(r["참석기관"])) <= agencies and r["제출기관"] in agencies
    for _, r in _rows(bundle, "council_measures"):
        assert r["분야"] in FIELDS and r["상태"] in {"계획", "진행", "완료", "중단"}
        assert all(not r[c] or dates.parse_date(r[c]) for c in ("시작일", "완료예정일", "완료일"))
        assert r["상태"] != "중단" or r["미완료사유"]


def test_the_world_has_every_kind_of_case(bundle):
    persons = _rows(bundle, "call_persons")
    relations = {r["피해자와의관계"] for _, r in persons}
    assert {"전배우자", "전연인", "부모", "자녀", "배우자", "연인"} <= relations
    assert sum(r["역할"] == "목격아동" for _, r in persons) > 20
    assert any(r["역할"] == "피해자" and any("A" <= ch <= "z" for ch in r["성명"]) for _, r in persons)  # foreign
    categories = [r["사건종별"] for _, r in _rows(bundle, "calls")]
    assert all(categories.count(c) >= 5 for c in CATEGORIES)


def test_repeat_calls_cluster_after_earlier_ones(bundle):
    """Gaps between a victim's calls are short far more often than if the same victims' calls fell
    at random over the six years."""
    days: dict[str, list[float]] = defaultdict(list)
    for c in _truth(bundle, "calls"):
        days[c["victim_id"]].append(float(c["day"]))
    rng = random.Random(1)

    def short_share(series: list[list[float]]) -> float:
        gaps = [b - a for s in map(sorted, series) for a, b in zip(s, s[1:], strict=False)]
        return sum(g < 30 for g in gaps) / len(gaps)

    repeat = [d for d in days.values() if len(d) >= 2]
    observed = short_share(repeat)
    shuffled = short_share([[rng.uniform(0, 2192) for _ in d] for d in repeat])
    assert observed > 2 * shuffled, (observed, shuffled)


def _spec(**kw) -> PairSpec:
    base = {"pair_id": "P", "category": "가정폭력", "relation": "배우자", "frailty": 4.0, "base_per_year": 0.3,
            "branching": 0.4, "decay_days": 30.0, "trajectory": "stable", "severity": 0.0, "reporting": 0.0,
            "start": 0.0, "end": 1500.0}
    return PairSpec(**{**base, **kw})


class _OrderAtFirstIncident:
    """Gives the first incident a restraining order and counselling, with the generator's factors."""

    def __init__(self) -> None:
        self.first: float | None = None

    def incident(self, process, incident) -> None:
        if self.first is None:
            self.first = incident.t
            factor, days = POLICE_PROTECTION["임시조치"]
            process.protect(incident.t, days, factor, "임시조치")
            _, factor, days, _ = SERVICES["가정폭력상담소"]
            process.protect(incident.t, days, factor, "counselling")

    def separated(self, process, t) -> None:
        pass


def test_a_protective_measure_lowers_the_later_rate():
    later = {}
    for strength in (0.0, 1.0):
        total = 0
        for i in range(1500):
            responder = _OrderAtFirstIncident()
            process = PairProcess(_spec(), random.Random(f"p{i}"), protective_strength=strength)
            incidents = process.run(responder)
            if responder.first is not None:
                total += sum(1 for x in incidents if responder.first < x.t <= responder.first + 365)
        later[strength] = total
    assert later[1.0] < 0.8 * later[0.0], later


def test_risk_rises_after_separation_and_decays_after_desistance():
    before = after = 0
    for i in range(1500):
        # Without self-excitation the ratio is the separation factor's mean over 45 days (≈ 2).
        spec = _spec(separable=True, separation_at=800.0, end=1100.0, branching=0.0)
        process = PairProcess(spec, random.Random(f"s{i}"))
        for x in process.run():
            before += 755 <= x.t < 800
            after += 800 <= x.t < 845
    assert after > 1.6 * before, (before, after)
    early = late = 0
    for i in range(1500):
        process = PairProcess(_spec(trajectory="desisting", desist_at=400.0), random.Random(f"d{i}"))
        for x in process.run():
            early += 200 <= x.t < 400
            late += 800 <= x.t < 1000
    assert late < 0.3 * early, (early, late)


def test_escalation_serial_offenders_and_base_rate(bundle):
    pairs = {p["pair_id"]: p for p in _truth(bundle, "pairs")}
    by_pair: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for x in _truth(bundle, "incidents"):
        by_pair[x["pair_id"]].append((int(x["k"]), float(x["severity"])))

    def rise(trajectory: str) -> float:
        diffs = [sum(s for k, s in inc if k >= 3) / sum(1 for k, _ in inc if k >= 3) - dict(inc)[0]
                 for pid, inc in by_pair.items() if pairs[pid]["trajectory"] == trajectory and len(inc) >= 5]
        return sum(diffs) / len(diffs)

    assert rise("escalating") > 0.5 and rise("desisting") < rise("stable") < 0.3
    offenders: dict[str, list[dict]] = defaultdict(list)
    for p in pairs.values():
        if p["category"] in ("가정폭력", "데이트폭력"):
            offenders[p["offender_id"]].append(p)
    serial = [float(ps[0]["offender_propensity"]) for ps in offenders.values() if len(ps) >= 2]
    single = [float(ps[0]["offender_propensity"]) for ps in offenders.values() if len(ps) == 1]
    assert len(serial) >= 20 and sum(serial) / len(serial) > 1.3 * sum(single) / len(single)
    calls: dict[str, list[float]] = defaultdict(list)
    for c in _truth(bundle, "calls"):
        calls[c["victim_id"]].append(float(c["day"]))
    cut = (date(2022, 12, 31) - EPOCH.date()).days
    before = [v for v, d in calls.items() if min(d) < cut]
    again = [v for v in before if any(cut <= x < cut + 365 for x in calls[v])]
    assert 0.10 <= len(again) / len(before) <= 0.30


def test_checklist_grades_follow_latent_risk_only_noisily(bundle):
    frailty: dict[str, float] = {}
    for p in _truth(bundle, "pairs"):
        frailty[p["victim_id"]] = max(frailty.get(p["victim_id"], 0.0), float(p["frailty"]))
    who = {int(m["row"]): m["person_id"] for m in _truth(bundle, "records") if m["file"] == "risk_assessments.csv"}
    grade, risk = zip(*((GRADES.index(r["위험등급"]), math.log(frailty[who[n]]))
                        for n, r in _rows(bundle, "risk_assessments")), strict=True)
    rho = pd.Series(grade).rank().corr(pd.Series(risk).rank())  # Spearman
    assert 0.1 < rho < 0.7, rho
    assert all(pd.Series(grade).value_counts(normalize=True) > 0.08)  # every grade is used
