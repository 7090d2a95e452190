"""The JSS working council: agenda items chosen from the highest-risk series, with exact totals
(cases, measures, attending agencies, non-police submissions) so the article's picture is
reproduced from the files themselves."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from synth import formats as F
from synth.agencies import POLICE_TYPES, Agency
from synth.bundle import Bundle
from synth.contract import HEADERS
from synth.incidents import Call
from synth.services import FIELDS_BY_TYPE
from synth.writers import CsvTable, XlsxTable

_RELEVANT = {
    "가정폭력": ("가정폭력상담소", "보호시설", "의료기관", "법률지원기관", "가해자교정기관", "아동보호전문기관"),
    "아동학대": ("아동보호전문기관", "교육기관", "해바라기센터", "의료기관", "정신건강복지센터"),
    "성폭력": ("해바라기센터", "성폭력상담소", "의료기관", "법률지원기관"),
    "스토킹": ("가정폭력상담소", "법률지원기관", "정신건강복지센터"),
    "데이트폭력": ("가정폭력상담소", "청소년쉼터", "법률지원기관"),
    "노인학대": ("읍면동주민센터", "의료기관", "정신건강복지센터"),
}
_NON_POLICE_SUBMITTERS = ("해바라기센터", "청소년쉼터", "가정폭력상담소", "아동보호전문기관", "성폭력상담소")
_MEASURE_TEXT = {"의료": "병원 진료 연계", "법률": "보호명령 청구 지원", "주거·보호시설": "임시 거처 제공",
                 "심리상담": "정기 심리상담", "경제": "긴급생계비 지원", "가해자교정": "교정 프로그램 이수",
                 "아동보호": "아동 사례관리", "안전·신변보호": "순찰 강화 및 스마트워치", "동행지원": "법정 동행"}


def partition(rng: random.Random, total: int, parts: int, lo: int, hi: int) -> list[int]:
    """`parts` integers in [lo, hi] summing exactly to `total` (random but exact)."""
    if parts == 0:
        return []
    total = max(lo * parts, min(hi * parts, total))
    out = [lo] * parts
    for _ in range(total - lo * parts):
        i = rng.choice([i for i in range(parts) if out[i] < hi])
        out[i] += 1
    return out


def meetings(start: date, end: date) -> list[date]:
    d = start + timedelta(days=(3 - start.weekday()) % 7)  # every other Thursday
    out = []
    while d <= end:
        out.append(d)
        d += timedelta(days=14)
    return out


def write_council(bundle: Bundle, rng: random.Random, chosen: list[Call], agencies: list[Agency],
                  station_of: dict[str, str], n_measures: int, n_non_police: int, outside_avg: float,
                  period: tuple[date, date]) -> None:
    m = bundle.m
    out = bundle.out
    by_type: dict[str, list[Agency]] = {}
    for a in agencies:
        by_type.setdefault(a.type, []).append(a)
    partners = [a for a in agencies if a.type not in POLICE_TYPES]
    days = meetings(*period)
    chosen = sorted(chosen, key=lambda c: (c.time, c.call_id))
    n = len(chosen)
    outside = partition(rng, round(outside_avg * n), n, 4, 11)
    per_case = partition(rng, n_measures, n, 1, 9)
    police_attends = set(rng.sample(range(n), n // 2))
    non_police = set(rng.sample(range(n), min(n, n_non_police)))
    cases = CsvTable(out / "council_cases.csv", HEADERS["council_cases"], "utf-8")
    meas = XlsxTable(out / "council_measures.xlsx", HEADERS["council_measures"], "지원계획")
    bad_at = set(rng.sample(range(n_measures), min(2, n_measures // 10))) if n_measures >= 10 else set()
    k_np, k_measure = 0, 0
    for i, call in enumerate(chosen):
        s = call.series
        meeting = next((d for d in days if d >= call.time.date() + timedelta(days=3)), days[-1])
        case_id = f"JSS-{period[0].year}-{i + 1:04d}"
        precinct = call.agency_id
        if i in non_police:
            kinds = [_NON_POLICE_SUBMITTERS[k_np % 2]] if k_np < 2 else list(_NON_POLICE_SUBMITTERS)
            k_np += 1
            submitter = rng.choice(by_type[rng.choice(kinds)])
        else:
            wanted = precinct if rng.random() < 0.3 else station_of[precinct]
            submitter = next(a for a in agencies if a.agency_id == wanted)
        relevant = [a for t in _RELEVANT.get(s.category, ()) for a in by_type[t]]
        attend: list[Agency] = [submitter] if submitter.type not in POLICE_TYPES else []
        pool = relevant + partners
        while len(attend) < outside[i]:
            a = rng.choice(relevant if relevant and rng.random() < 0.6 else pool)
            if a not in attend:
                attend.append(a)
        ids = [a.agency_id for a in attend]
        if i in police_attends:
            ids.insert(0, station_of[precinct])
        age = (period[1] - meeting).days
        status = rng.choice(("종결", "모니터링")) if age > 90 else rng.choice(("지원중", "모니터링", "접수"))
        risk = rng.choices(("매우높음", "높음", "보통"), (30, 55, 15))[0]
        rates = {"space": m.name_space, "typo": m.name_typo, "mask": m.name_mask_other}
        from synth.names import name_variant
        offender_present = rng.random() >= 0.15
        row = cases.write([
            case_id, bundle._date(meeting), days.index(meeting) + 1, submitter.agency_id, s.category, risk,
            name_variant(rng, s.victim.name, rates), bundle._birth(s.victim),
            name_variant(rng, s.offender.name, rates) if offender_present else "",
            bundle._birth(s.offender) if offender_present else "", ";".join(ids), status])
        bundle._record("council_cases", row, "victim", s.victim, meeting, "")
        if offender_present:
            bundle._record("council_cases", row, "offender", s.offender, meeting, "")
        for j in range(per_case[i]):
            agency = rng.choice(attend)
            fld = rng.choice(FIELDS_BY_TYPE[agency.type])
            values = _measure_row(rng, m, f"{case_id}-{j + 1:02d}", case_id, fld, agency.agency_id, meeting, period[1])
            meas.write(values)
            if k_measure in bad_at:
                _bad_measure(bundle, meas, values, period[0].year, unknown_case=sorted(bad_at).index(k_measure) == 1)
            k_measure += 1
    cases.close()
    meas.close()


def _xlsx_date(rng: random.Random, m, d: date | None):
    if d is None:
        return None
    r = rng.random()
    if r < m.excel_date_cell_share:
        return datetime(d.year, d.month, d.day)
    if r < m.excel_date_cell_share + m.excel_serial_share:
        return F.excel_serial(d)
    return F.date_text(rng, d, 1.0)


def _measure_row(rng: random.Random, m, mid: str, case_id: str, fld: str, agency_id: str, meeting: date,
                 as_of: date) -> list:
    start = meeting + timedelta(days=rng.randint(0, 7))
    due = start + timedelta(days=rng.randint(14, 120))
    done, reason = None, ""
    if due < as_of:
        status = rng.choices(("완료", "중단", "진행", "계획"), (72, 8, 15, 5))[0]
        if status == "완료":
            done = min(as_of, due + timedelta(days=rng.randint(-10, 12)))
        else:  # overdue or stopped: say why
            reason = rng.choices(("상황변화", "기관미이행", "대상자 연락두절", "대상자 거부"), (45, 35, 12, 8))[0]
    else:
        status = rng.choices(("진행", "계획", "완료"), (60, 25, 15))[0]
        if status == "완료":
            done = start + timedelta(days=rng.randint(1, max(1, (as_of - start).days)))
    return [mid, case_id, fld, agency_id, _MEASURE_TEXT[fld], _xlsx_date(rng, m, start), _xlsx_date(rng, m, due),
            _xlsx_date(rng, m, done), status, reason]


def _bad_measure(bundle: Bundle, table: XlsxTable, values: list, year: int, unknown_case: bool) -> None:
    bad = list(values)
    if not unknown_case:
        bad[0], col, reason = None, 0, "empty key 지원계획번호"
    else:
        bad[0] = f"{values[0]}-X"
        bad[1], col, reason = f"JSS-{year}-9{table.row:03d}", 1, "unknown case_id (not in council_cases)"
    row = table.write(bad)
    bundle.bad.write(["council_measures", row, HEADERS["council_measures"][col], bad[col] or "", reason])
