"""Services by partner agencies: police referrals (exact yearly counts, so the article's
year-on-year rise is reproduced), onward referrals between agencies, self-referrals, child and
offender programmes. `referred_by` is set on the service row that started from a referral;
follow-up rows for the same client leave it empty."""

from __future__ import annotations

import random
from datetime import date, timedelta

from synth.agencies import Agency
from synth.events import Service
from synth.incidents import Call
from synth.world import Counters, Person

FIELDS_BY_TYPE = {
    "해바라기센터": ("의료", "심리상담", "동행지원", "법률"), "가정폭력상담소": ("심리상담", "동행지원", "법률"),
    "성폭력상담소": ("심리상담", "동행지원"), "보호시설": ("주거·보호시설",), "청소년쉼터": ("주거·보호시설", "심리상담"),
    "아동보호전문기관": ("아동보호", "심리상담"), "의료기관": ("의료",), "정신건강복지센터": ("심리상담",),
    "법률지원기관": ("법률",), "읍면동주민센터": ("경제",), "가해자교정기관": ("가해자교정",), "보호관찰소": ("가해자교정",),
    "교육기관": ("아동보호", "심리상담"), "다문화가족지원센터": ("심리상담", "경제", "동행지원"), "기타": ("경제", "안전·신변보호"),
}
_DESCRIPTION = {
    "의료": "진료 및 치료비 지원", "법률": "고소 절차 및 법률 상담", "주거·보호시설": "보호시설 입소",
    "심리상담": "개별 심리상담", "경제": "긴급생계비 지원 연계", "가해자교정": "가해자 교정 프로그램 참여",
    "아동보호": "아동 보호 및 사례관리", "안전·신변보호": "안전 점검", "동행지원": "경찰 조사 동행",
}
# Where the police send a victim, by crime (weights); offender referrals go to correction.
_VICTIM_TARGETS = {
    "가정폭력": {"가정폭력상담소": 40, "의료기관": 15, "정신건강복지센터": 10, "법률지원기관": 8, "보호시설": 10, "읍면동주민센터": 5},
    "데이트폭력": {"가정폭력상담소": 30, "성폭력상담소": 10, "법률지원기관": 15, "정신건강복지센터": 15, "의료기관": 10},
    "스토킹": {"가정폭력상담소": 30, "성폭력상담소": 10, "법률지원기관": 20, "정신건강복지센터": 15, "의료기관": 5},
    "성폭력": {"해바라기센터": 50, "성폭력상담소": 30, "의료기관": 10, "법률지원기관": 10},
    "아동학대": {"아동보호전문기관": 70, "해바라기센터": 10, "의료기관": 10, "교육기관": 10},
    "노인학대": {"읍면동주민센터": 40, "의료기관": 30, "정신건강복지센터": 30},
    "기타": {"정신건강복지센터": 40, "법률지원기관": 30, "읍면동주민센터": 30},
}
_ONWARD = {"해바라기센터": ("성폭력상담소", "법률지원기관"), "가정폭력상담소": ("보호시설", "법률지원기관", "의료기관"),
           "성폭력상담소": ("보호시설", "법률지원기관"), "아동보호전문기관": ("교육기관", "정신건강복지센터"),
           "의료기관": ("가정폭력상담소", "정신건강복지센터"), "청소년쉼터": ("정신건강복지센터",)}


class ServiceBuilder:
    def __init__(self, rng: random.Random, counters: Counters, by_type: dict[str, list[Agency]],
                 station_of: dict[str, str]) -> None:
        self.rng, self.c, self.by_type, self.station_of = rng, counters, by_type, station_of
        self.client_refs: dict[tuple[str, str], str] = {}
        self.out: list[Service] = []

    def _agency(self, kind: str, city: str) -> Agency:
        pool = self.by_type[kind]
        local = [a for a in pool if a.district == city]
        return self.rng.choice(local if local and self.rng.random() < 0.75 else pool)

    def _client_ref(self, agency: Agency, person: Person, d: date) -> str:
        key = (agency.agency_id, person.person_id)
        if key not in self.client_refs:
            n = self.c.next(f"client:{agency.agency_id}")
            style = sum(map(ord, agency.agency_id)) % 3  # each agency numbers its clients its own way
            self.client_refs[key] = (f"{n:06d}", f"C{n:05d}", f"{d.year}-{n:04d}")[style]
        return self.client_refs[key]

    def episode(self, agency: Agency, person: Person, role: str, start: date, referred_by: str,
                call: Call | None, visits: int) -> None:
        d = start
        for v in range(visits):
            fld = self.rng.choice(FIELDS_BY_TYPE[agency.type])
            sid = f"{d.year}-{self.c.next(f'svc:{agency.agency_id}:{d.year}'):05d}"
            self.out.append(Service(agency, sid, self._client_ref(agency, person, d), d, person, role, fld,
                                    _DESCRIPTION[fld], referred_by if v == 0 else "",
                                    call if self.rng.random() < 0.35 else None))
            d = d + timedelta(days=self.rng.randint(3, 30))

    def _visits(self) -> int:
        return 1 + min(8, int(self.rng.expovariate(0.5)))

    def police_referrals(self, calls: list[Call], targets: dict[int, int]) -> None:
        """Exactly `targets[year]` police referrals among the eligible calls of each year."""
        rng = self.rng
        for year, n in sorted(targets.items()):
            eligible = [c for c in calls if c.time.year == year
                        and (c.outcome != "현장종결" or c.injury or c.risk > 0.5)]
            for call in rng.sample(eligible, min(n, len(eligible))):
                self.referral_from(call)

    def referral_from(self, call: Call) -> None:
        rng, s = self.rng, call.series
        city = call.address.city
        referrer = call.agency_id if rng.random() < 0.6 else self.station_of[call.agency_id]
        start = call.time.date() + timedelta(days=rng.randint(0, 5))
        if s.category in ("가정폭력", "데이트폭력", "스토킹") and rng.random() < 0.15:
            agency = self._agency("가해자교정기관", city)
            self.episode(agency, s.offender, "가해자", start, referrer, call, self._visits())
            return
        weights = dict(_VICTIM_TARGETS[s.category])
        if call.injury:
            weights["의료기관"] = weights.get("의료기관", 0) + 40
        if s.victim.foreign:
            weights["다문화가족지원센터"] = 40
        if s.victim.age_at(start) < 20 and s.category != "아동학대":
            weights["청소년쉼터"] = 40
        kind = rng.choices(list(weights), list(weights.values()))[0]
        agency = self._agency(kind, city)
        role = "아동" if s.victim.age_at(start) < 18 else "피해자"
        self.episode(agency, s.victim, role, start, referrer, call, self._visits())
        if kind in _ONWARD and rng.random() < 0.3:  # onward referral between partner agencies
            nxt = self._agency(rng.choice(_ONWARD[kind]), city)
            later = start + timedelta(days=rng.randint(7, 40))
            self.episode(nxt, s.victim, role, later, agency.agency_id, None, self._visits())

    def other_services(self, calls: list[Call]) -> None:
        """Self-referrals, child-witness support, court-ordered offender programmes."""
        rng = self.rng
        for call in calls:
            s = call.series
            d = call.time.date() + timedelta(days=rng.randint(1, 20))
            city = call.address.city
            if call.index == 1 and rng.random() < 0.25:
                kind = "성폭력상담소" if s.category == "성폭력" else "가정폭력상담소"
                role = "아동" if s.victim.age_at(d) < 18 else "피해자"
                self.episode(self._agency(kind, city), s.victim, role, d, "", None, self._visits())
            for role, p, _ in call.persons:
                if role == "목격아동" and rng.random() < 0.2:
                    counsel = self._agency("가정폭력상담소", city)
                    self.episode(self._agency("아동보호전문기관", city), p, "아동", d,
                                 counsel.agency_id if rng.random() < 0.5 else "", None, self._visits())
            if call.index == 2 and s.category == "가정폭력" and rng.random() < 0.15:
                self.episode(self._agency("보호관찰소", city), s.offender, "가해자", d + timedelta(days=60), "",
                             None, self._visits())
            if call.index == 0 and s.category == "가정폭력" and rng.random() < 0.03:
                home = s.victim.household_at(d)
                family = [p for p in home.members if p is not s.victim and p is not s.offender
                          and p.household_at(d) is home and p.age_at(d) >= 18]
                if family:
                    self.episode(self._agency("정신건강복지센터", city), rng.choice(family), "가족", d, "", None, 1)
