"""From recorded events to the rows of each export file: ids in time order, people and dates as each
writer writes them, and now and then a deliberately bad extra row (a broken copy of the row just
written, never a damaged real one)."""

from __future__ import annotations

import random
from collections import defaultdict

from bench.secondgen.bundle import records as R
from bench.secondgen.bundle.agencies import Agency, coordinates, national_grid
from bench.secondgen.bundle.events import AssessmentEvent, CallEvent, CouncilCase, MeasureEvent, ServiceEvent
from bench.secondgen.bundle.writers import Table

COORDINATES_FROM = 912  # 2021-07-01: exports from then on carry 경도/위도 for most calls
GRID_STATION = "KNP-SG"  # 서귀포경찰서's precincts export 경도/위도 as UTM-K whole metres
_YES_NO_WEIGHTS = (60, 10, 15, 10, 5)


def _style(rng: random.Random) -> tuple[str, str]:
    return rng.choices(R.YES_NO, _YES_NO_WEIGHTS)[0]


class Rows:
    def __init__(self, seed: int, bad_rate: float) -> None:
        self.rng = random.Random(f"bundle2:{seed}:rows")
        self.bad_rate = bad_rate
        self.seen: dict[str, int] = defaultdict(int)  # good rows so far, per file
        self.broken: dict[str, int] = defaultdict(int)  # bad rows so far, per file

    def _bad(self, stem: str) -> bool:
        """Whether to add a bad copy of the row just written: at `bad_rate`, and at least once per
        file that has 20 rows, so every kind of bad row occurs whenever bad rows are asked for."""
        self.seen[stem] += 1
        if self.bad_rate <= 0:
            return False
        bad = self.rng.random() < self.bad_rate or (self.seen[stem] == 20 and not self.broken[stem])
        self.broken[stem] += bad
        return bad

    def agencies(self, agencies: list[Agency]) -> Table:
        table = Table("agencies")
        for a in agencies:
            table.add([a.agency_id, a.name, a.type, a.district, a.phone])
        return table

    def calls(self, calls: list[CallEvent]) -> tuple[Table, Table]:
        rng = self.rng
        calls.sort(key=lambda c: (c.t, c.pair_id))
        per_day: dict[str, int] = defaultdict(int)
        table, persons = Table("calls"), Table("call_persons")
        for c in calls:
            day = R.moment(c.t).strftime("%y%m%d")
            per_day[day] += 1
            c.call_id = f"JJ112-{day}-{per_day[day]:04d}"
            style = _style(rng)
            lon = lat = ""
            if c.t >= COORDINATES_FROM and rng.random() < 0.85:
                lon, lat = c.point = coordinates(c.place.building.district, rng)
                if c.precinct.startswith(GRID_STATION):
                    lon, lat = national_grid(lon, lat)
            address = R.place_text(c.place, rng.choice(("road", "road", "lot")), rng)
            row = [c.call_id, R.datetime_text(c.t, rng), c.category, c.priority, address, c.precinct, c.outcome,
                   R.yes_no(c.weapon, style), R.yes_no(c.injury, style), R.yes_no(c.child_present, style),
                   c.summary, lon, lat]
            table.add(row)
            if self._bad("calls"):
                table.add_bad([f"{c.call_id}-X", rng.choice(("2023-02-30 11:20", "2022-13-02 08:15",
                                                             "2021-04-31 23:05")), *row[2:]], "접수일시", "bad_date")
            self._call_persons(persons, c)
        return table, persons

    def _call_persons(self, table: Table, c: CallEvent) -> None:
        rng, habit = self.rng, R.HABITS["call_persons"]
        named = [("피해자", c.victim, "")]
        if c.suspect is not None:
            named.append(("가해자", c.suspect, c.relation))
        if c.reporter is not None:
            named.append(("신고자", c.reporter, c.reporter_relation))
        named += [("목격아동", w, "자녀") for w in c.witnesses]
        for role, person, relation in named:
            v = R.person_values(person, c.t, habit, rng, address=role != "목격아동" or rng.random() < 0.5)
            row = [c.call_id, role, v["name"], v["birth_date"], v["sex"], v["phone"], v["address"], relation]
            table.add(row, ("person", person.pid))
            if self._bad("call_persons"):
                table.add_bad([f"JJ112-000000-{rng.randrange(10000):04d}", *row[1:]], "신고번호", "unknown_call_id")

    def measures(self, measures: list[MeasureEvent]) -> Table:
        rng, habit = self.rng, R.HABITS["police_measures"]
        measures.sort(key=lambda m: (m.t, m.target.pid, m.type))
        per_year: dict[int, int] = defaultdict(int)
        table = Table("police_measures")
        for m in measures:
            year = R.moment(m.t).year
            per_year[year] += 1
            m.measure_id = f"M{year}{per_year[year]:06d}"
            call_id = m.call.call_id if m.call is not None else ""
            end = R.date_text(m.end, rng) if m.end is not None else ""
            row = [m.measure_id, call_id, R.date_text(m.t, rng), m.type, R.name_text(m.target, habit, rng),
                   R.birth_text(m.target, habit, rng), end]
            table.add(row, ("person", m.target.pid))
            if self._bad("police_measures"):
                table.add_bad([f"{m.measure_id}X", call_id, f"{year}-04-31", *row[3:]], "조치일", "bad_date")
        return table

    def assessments(self, assessments: list[AssessmentEvent]) -> Table:
        rng = self.rng
        assessments.sort(key=lambda a: (a.t, a.victim.pid, a.agency_id))
        per_month: dict[str, int] = defaultdict(int)
        table = Table("risk_assessments")
        for a in assessments:
            month = R.moment(a.t).strftime("%Y%m")
            per_month[month] += 1
            a.assessment_id = f"CHK{month}-{per_month[month]:04d}"
            habit = R.HABITS["risk_police" if a.agency_id.startswith("KNP") else "risk_centre"]
            style = _style(rng)
            call_id = a.call.call_id if a.call is not None else ""
            table.add([a.assessment_id, call_id, R.date_text(a.t, rng), a.agency_id, R.name_text(a.victim, habit, rng),
                       R.birth_text(a.victim, habit, rng), *(R.yes_no(i, style) for i in a.items), a.grade],
                      ("person", a.victim.pid))
        return table

    def services(self, services: list[ServiceEvent]) -> Table:
        rng = self.rng
        services.sort(key=lambda s: (s.t, s.agency.agency_id, s.person.pid))
        seq: dict[tuple[str, int], int] = defaultdict(int)
        clients: dict[str, dict[str, str]] = defaultdict(dict)
        table = Table("services")
        for s in services:
            aid = s.agency.agency_id
            year = R.moment(s.t).year
            seq[aid, year] += 1
            s.service_id = f"S{year % 100:02d}{seq[aid, year]:05d}"
            refs = clients[aid]
            if s.person.pid not in refs:
                refs[s.person.pid] = _client_ref(aid, len(refs) + 1)
            v = R.person_values(s.person, s.t, R.habit_for_service(s.agency.type), rng)
            if s.shelter_stay or s.field == "주거·보호시설":
                v["address"] = ""  # a shelter never writes where its residents are
            call_id = s.call.call_id if s.call is not None else ""
            row = [s.service_id, aid, refs[s.person.pid], R.date_text(s.t, rng), v["name"], v["birth_date"], v["phone"],
                   v["address"], s.role, s.field, s.description, s.referred_by, call_id]
            table.add(row, ("person", s.person.pid))
            if self._bad("services"):
                table.add_bad(["", *row[1:]], "지원번호", "empty_required")
        return table

    def council(self, cases: list[CouncilCase]) -> tuple[Table, Table]:
        rng, habit = self.rng, R.HABITS["council"]
        cases.sort(key=lambda c: (c.t, c.pair_id))
        per_meeting: dict[float, int] = defaultdict(int)
        table, plans = Table("council_cases"), Table("council_measures")
        for c in cases:
            per_meeting[c.t] += 1
            at = R.moment(c.t)
            c.case_id = f"JC{at.year % 100:02d}-{c.meeting_no:02d}-{per_meeting[c.t]}"
            meeting = at if rng.random() < 0.5 else R.date_text(c.t, rng)
            number = c.meeting_no if rng.random() < 0.6 else f"제{c.meeting_no}차"
            offender = ["", ""]
            mentions = [("victim", c.victim.pid)]
            if c.offender is not None:
                offender = [R.name_text(c.offender, habit, rng), R.birth_text(c.offender, habit, rng)]
                mentions.append(("offender", c.offender.pid))
            table.add([c.case_id, meeting, number, c.submitted_by, c.category, c.risk_level,
                       R.name_text(c.victim, habit, rng), R.birth_text(c.victim, habit, rng), *offender,
                       rng.choice((";", "; ")).join(c.attending), c.status], *mentions)
            for k, m in enumerate(c.measures, start=1):
                m.measure_id = f"{c.case_id}/{k}"
                plans.add([m.measure_id, c.case_id, m.field, m.agency_id, m.description, R.date_text(m.start, rng),
                           R.date_text(m.due, rng), R.date_text(m.done, rng) if m.done is not None else "",
                           m.status, m.reason])
        return table, plans


def _client_ref(agency_id: str, n: int) -> str:
    """Each agency numbers its clients its own way; stable for one person at one agency."""
    kind = agency_id.split("-")[1] if "-" in agency_id else agency_id
    style = sum(map(ord, agency_id)) % 4
    return (f"{kind}{n:05d}", f"{n:06d}", f"{kind.lower()}-{n}", f"#{n:04d}")[style]
