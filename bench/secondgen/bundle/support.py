"""Support after a call (police referrals) or without one (a victim who walks into a counselling
centre), each an episode of visits at one agency, and the working council (실무협의체) taking up some
high-risk pairs. Every support protects a little: it multiplies the pair's intensity by its factor
while in force (a shelter stay most, a hospital visit not at all)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.secondgen.bundle.agencies import Agency, by_type, station_of
from bench.secondgen.bundle.events import CallEvent, CouncilCase, CouncilMeasure, ServiceEvent
from bench.secondgen.bundle.harm import Incident, PairProcess, sigmoid
from bench.secondgen.bundle.people import EPOCH, WINDOW_END, Person

if TYPE_CHECKING:
    from bench.secondgen.bundle.response import PairResponder

# agency type → (fields, protection factor, days in force, what the visits are called)
SERVICES = {
    "가정폭력상담소": (("심리상담", "법률", "동행지원"), 0.8, 180, ("초기상담", "개별상담", "안전계획 수립", "사후관리")),
    "성폭력상담소": (("심리상담", "동행지원", "법률"), 0.85, 180, ("초기상담", "수사기관 동행", "개별상담")),
    "해바라기센터": (("의료", "심리상담", "법률"), 0.85, 180, ("응급진료", "진술 조력", "심리평가")),
    "보호시설": (("주거·보호시설",), 0.25, 45, ("입소", "생활지원", "퇴소")),
    "청소년쉼터": (("주거·보호시설",), 0.4, 45, ("입소", "생활지원", "퇴소")),
    "아동보호전문기관": (("아동보호", "심리상담"), 0.55, 240, ("현장조사", "아동 상담", "부모교육", "사례관리")),
    "의료기관": (("의료",), 1.0, 0, ("진료", "진단서 발급", "외래 진료")),
    "정신건강복지센터": (("심리상담",), 0.9, 180, ("초기평가", "정신건강 상담")),
    "법률지원기관": (("법률",), 0.9, 365, ("법률상담", "보호명령 신청 지원", "소송구조")),
    "읍면동주민센터": (("경제", "주거·보호시설"), 0.95, 180, ("긴급생계지원", "주거지원 상담")),
    "가해자교정기관": (("가해자교정",), 0.6, 365, ("교정프로그램 참여", "집단상담")),
    "보호관찰소": (("가해자교정",), 0.7, 365, ("보호관찰 면담", "수강명령 이행")),
    "교육기관": (("아동보호", "심리상담"), 0.9, 180, ("학생 상담", "담임 면담")),
    "다문화가족지원센터": (("동행지원", "심리상담", "경제"), 0.9, 180, ("통역 지원", "상담 동행", "가족상담")),
    "기타": (("안전·신변보호", "심리상담"), 0.6, 240, ("현장 방문", "노인 상담", "사례관리")),
}
POLICE_FIELDS = ("안전·신변보호",)
COUNCIL_START = date(2020, 3, 3)  # a Tuesday: the council meets every other Tuesday


def council_meetings() -> list[tuple[float, int]]:
    """(day, meeting number within its year) of every council meeting in the window."""
    out, d, number, year = [], COUNCIL_START, 0, COUNCIL_START.year
    while (t := (d - EPOCH).days) < WINDOW_END:
        number = number + 1 if d.year == year else 1
        year = d.year
        out.append((float(t), number))
        d += timedelta(days=14)
    return out


def _agency(r: PairResponder, kind: str, person: Person, t: float) -> Agency:
    home = person.home(t)
    options = by_type(r.ctx.agencies, kind, home.building.city if home else None)
    if kind == "보호시설" and person.foreign is not None:
        options = [a for a in options if "이주" in a.name] or options
    return options[0] if r.rng.random() < 0.8 else r.rng.choice(options)


def episode(r: PairResponder, process: PairProcess, kind: str, person: Person, role: str, t0: float,
            referred_by: str, call: CallEvent | None) -> Agency:
    """One to about eight visits at an agency of `kind`; protection from the first visit on."""
    rng = r.rng
    fields, factor, days, names = SERVICES[kind]
    agency = _agency(r, kind, person, t0)
    shelter = fields == ("주거·보호시설",) and kind != "읍면동주민센터"
    visits = 1
    while visits < 8 and rng.random() < (0.6 if shelter else 0.55):
        visits += 1
    if shelter:
        days = rng.uniform(14, 90)
    if factor < 1.0:
        process.protect(t0, days, factor, kind)
    t, field = t0, fields[0]
    for k in range(visits):
        if k and rng.random() < 0.5:
            field = rng.choice(fields)
        if k == 0:
            description = names[0]
        elif shelter:
            description = names[-1] if k == visits - 1 else names[1]
        else:
            description = rng.choice(names[1:] or names)
        if 0 <= t < WINDOW_END:
            r.ctx.recorded.services.append(ServiceEvent(
                t, agency, person, role, field, f"{description} {k + 1}회차" if k and not shelter else description,
                referred_by if k == 0 else "", call if k == 0 and call is not None and rng.random() < 0.55 else None,
                shelter_stay=shelter))
        t += rng.uniform(2, 12) if shelter else rng.uniform(4, 28)
    return agency


def refer(r: PairResponder, process: PairProcess, call: CallEvent, inc: Incident) -> None:
    """The police's referrals after a call, by kind of harm and what happened."""
    rng, pair, s = r.rng, r.pair, inc.severity
    victim, offender = pair.victim, pair.offender
    by = station_of(call.precinct) if rng.random() < 0.5 else call.precinct
    start = call.t + rng.uniform(1, 20)
    cat = call.category
    ordered = call.outcome in ("임시조치", "긴급임시조치", "응급조치")
    todo: list[tuple[str, Person, str, float, str]] = []  # (agency type, person, role, day, referred_by)
    if call.injury and rng.random() < 0.45:
        todo.append(("의료기관", victim, "피해자", call.t + rng.uniform(0, 2), by))
    if cat in ("가정폭력", "데이트폭력", "스토킹", "기타"):
        if rng.random() < 0.25 + 0.15 * ordered:
            todo.append(("가정폭력상담소", victim, "피해자", start, by))
        if rng.random() < 0.06:
            todo.append(("법률지원기관", victim, "피해자", start + rng.uniform(5, 30), by))
        if rng.random() < sigmoid(-4.4 + 0.9 * s):
            todo.append(("청소년쉼터" if victim.age(call.t) < 20 else "보호시설", victim, "피해자", call.t + 1, by))
        if rng.random() < 0.04:
            todo.append(("정신건강복지센터", victim, "피해자", start, by))
        if rng.random() < 0.03 + 0.12 * (ordered or call.outcome == "형사입건"):
            todo.append(("가해자교정기관", offender, "가해자", start + rng.uniform(10, 60), by))
        if call.outcome == "형사입건" and rng.random() < 0.3:
            todo.append(("보호관찰소", offender, "가해자", call.t + rng.uniform(60, 240), ""))
        if victim.foreign is not None and rng.random() < 0.45:
            todo.append(("다문화가족지원센터", victim, "피해자", start, by))
        if call.witnesses and rng.random() < 0.2:
            todo.append(("아동보호전문기관", rng.choice(call.witnesses), "아동", start, by))
    elif cat == "아동학대":
        if rng.random() < 0.75:
            todo.append(("아동보호전문기관", victim, "아동", call.t + rng.uniform(0, 3), by))
            if rng.random() < 0.3:
                todo.append(("아동보호전문기관", offender, "가족", start + 14, ""))
        if rng.random() < 0.25:
            todo.append(("교육기관", victim, "아동", start, ""))
    elif cat == "노인학대":
        if rng.random() < 0.7:
            todo.append(("기타", victim, "피해자", start, by))
        if rng.random() < 0.3:
            todo.append(("읍면동주민센터", victim, "피해자", start + rng.uniform(5, 40), by))
    elif cat == "성폭력":
        if rng.random() < 0.6:
            todo.append(("해바라기센터", victim, "피해자", call.t + rng.uniform(0, 2), by))
        if rng.random() < 0.45:
            todo.append(("성폭력상담소", victim, "피해자", start, by))
    for kind, person, role, day, referrer in todo:
        agency = episode(r, process, kind, person, role, day, referrer, call)
        if kind == "가정폭력상담소" and rng.random() < 0.5:  # the centre's own checklist at intake
            r.assess(process, day, agency.agency_id, call, inc)


def self_referral(r: PairResponder, process: PairProcess, inc: Incident) -> None:
    """An unreported incident: now and then the victim goes to a centre without any call."""
    rng = r.rng
    if inc.severity <= 0 or rng.random() >= 0.05:
        return
    kind = {"아동학대": "교육기관", "노인학대": "기타", "성폭력": "성폭력상담소"}.get(r.pair.spec.category, "가정폭력상담소")
    role = "아동" if kind == "교육기관" else "피해자"
    day = inc.t + rng.uniform(1, 30)
    agency = episode(r, process, kind, r.pair.victim, role, day, "", None)
    if kind == "가정폭력상담소" and rng.random() < 0.4:
        r.assess(process, day, agency.agency_id, None, inc)


def council(r: PairResponder, process: PairProcess, call: CallEvent, inc: Incident, recent: int) -> None:
    """Some high-risk pairs become a council agenda item at the next meeting but one; the plan
    protects for a year."""
    rng = r.rng
    triggers = (call.priority in ("C0", "C1")) + (recent >= 2) + (r.last_grade == "매우높음") + call.weapon
    if not triggers or (r.last_case is not None and call.t - r.last_case < 365):
        return
    if rng.random() >= min(0.1, 0.02 * triggers):
        return
    meeting = next(((t, n) for t, n in r.ctx.meetings if t >= call.t + 5), None)
    if meeting is None:
        return
    t, number = meeting
    r.last_case = t
    process.protect(t, 365, 0.7, "council")
    case = _case(r, call, inc, recent, t, number)
    r.ctx.recorded.cases.append(case)


_RELEVANT = {"가정폭력": ("가정폭력상담소", "보호시설", "의료기관", "법률지원기관", "정신건강복지센터", "가해자교정기관",
                      "읍면동주민센터"),
             "아동학대": ("아동보호전문기관", "교육기관", "의료기관", "정신건강복지센터", "읍면동주민센터"),
             "노인학대": ("기타", "읍면동주민센터", "의료기관", "정신건강복지센터"),
             "성폭력": ("해바라기센터", "성폭력상담소", "의료기관", "법률지원기관")}


def _case(r: PairResponder, call: CallEvent, inc: Incident, recent: int, t: float, number: int) -> CouncilCase:
    rng, ctx = r.rng, r.ctx
    station = station_of(call.precinct)
    kinds = list(_RELEVANT.get(call.category, _RELEVANT["가정폭력"]))
    if r.pair.victim.foreign is not None:
        kinds.append("다문화가족지원센터")
    if call.witnesses:
        kinds.append("아동보호전문기관")
    chosen = rng.sample(kinds, min(len(kinds), rng.randint(3, 6)))
    attending = [_agency(r, k, r.pair.victim, t).agency_id for k in chosen]
    submitted = station if rng.random() < 0.85 else attending[0]
    if rng.random() < 0.7 or submitted == station:
        attending.insert(0, station)
    attending = list(dict.fromkeys(attending))
    view = inc.severity + 0.4 * recent + rng.gauss(0, 0.7)
    risk = "매우높음" if view > 1.6 else "높음" if view > 0.5 else "보통"
    age = WINDOW_END - t
    status = "접수" if age < 14 else "지원중" if age < 180 else "모니터링" if age < 400 else "종결"
    case = CouncilCase(t, number, submitted, call.category, risk, r.pair.victim,
                       r.pair.offender if rng.random() < 0.7 else None, attending, status, r.pair.spec.pair_id)
    for _ in range(rng.randint(2, 5)):
        agency_id = rng.choice(attending)
        kind = ctx.by_id[agency_id].type
        fields = SERVICES[kind][0] if kind in SERVICES else POLICE_FIELDS
        field = rng.choice(fields)
        case.measures.append(_plan(rng, field, agency_id, t))
    return case


def _plan(rng: random.Random, field: str, agency_id: str, t: float) -> CouncilMeasure:
    start = t + rng.uniform(0, 14)
    due = start + rng.uniform(30, 150)
    description = {"안전·신변보호": "주거지 순찰 강화 및 신변보호", "심리상담": "피해자 심리상담 연계",
                   "법률": "보호명령 신청 지원", "의료": "진료 및 치료비 지원", "주거·보호시설": "임시 주거 제공",
                   "경제": "긴급생계비 지원", "가해자교정": "가해자 교정프로그램 의뢰", "아동보호": "아동 사례관리",
                   "동행지원": "수사·법원 동행"}[field]
    if start >= WINDOW_END:
        return CouncilMeasure(field, agency_id, description, start, due, None, "계획", "")
    if due >= WINDOW_END:
        return CouncilMeasure(field, agency_id, description, start, due, None, "진행", "")
    u = rng.random()
    if u < 0.7:
        done = min(start + rng.uniform(7, due - start + 30), WINDOW_END - 1)
        return CouncilMeasure(field, agency_id, description, start, due, done, "완료", "")
    if u < 0.85:
        return CouncilMeasure(field, agency_id, description, start, due, None, "중단",
                              rng.choice(("상황변화", "대상자 거부", "대상자 연락두절")))
    return CouncilMeasure(field, agency_id, description, start, due, None, "진행", "기관미이행")
