"""A tiny builder for hand-made graphs in the shape docs/architecture.md fixes (source records,
PersonRecord → RESOLVES_TO → Person, households, agencies), used by the catalogue's logic tests.
Expected answers in those tests are worked out by hand from the few records each test writes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from graph.runner import Runner

POLICE = "경찰서"


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass
class MiniGraph:
    statements: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    _n: int = 0

    def _add(self, cypher: str, **params: Any) -> None:
        self.statements.append((cypher, params))

    def _record(self, person: str, source: str, **props: Any) -> str:
        self._n += 1
        rid = f"{source}:{self._n}"
        self._add("MATCH (p:Person {person_id: $person}) "
                  "CREATE (r:PersonRecord {record_id: $rid, source: $source}) SET r += $props "
                  "CREATE (r)-[:RESOLVES_TO {score: 1.0, method: 'test'}]->(p)",
                  person=person, rid=rid, source=source, props=props)
        return rid

    def agency(self, agency_id: str, type_: str = POLICE, name: str | None = None) -> MiniGraph:
        self._add("CREATE (:Agency {agency_id: $id, name: $name, type: $type})",
                  id=agency_id, name=name or agency_id, type=type_)
        return self

    def address(self, address_id: str, text: str = "") -> MiniGraph:
        self._add("CREATE (:Address {address_id: $id, text: $text})", id=address_id, text=text or address_id)
        return self

    def household(self, household_id: str, address_id: str | None = None) -> MiniGraph:
        self._add("CREATE (:Household {household_id: $id})", id=household_id)
        if address_id:
            self._add("MATCH (h:Household {household_id: $h}), (a:Address {address_id: $a}) "
                      "CREATE (h)-[:LIVES_AT]->(a)", h=household_id, a=address_id)
        return self

    def person(self, person_id: str, name: str = "", household: str | None = None,
               birth: str | None = None, sex: str | None = None, phone: str | None = None) -> MiniGraph:
        self._add("CREATE (p:Person {person_id: $id, name: $name, birth_date: $birth, sex: $sex, phone: $phone})",
                  id=person_id, name=name or person_id, birth=_d(birth), sex=sex, phone=phone)
        if household:
            self._add("MATCH (p:Person {person_id: $p}), (h:Household {household_id: $h}) "
                      "CREATE (p)-[:MEMBER_OF]->(h)", p=person_id, h=household)
        return self

    def relate(self, a: str, b: str, relation: str, call_ids: list[str] | None = None) -> MiniGraph:
        self._add("MATCH (a:Person {person_id: $a}), (b:Person {person_id: $b}) "
                  "CREATE (a)-[:RELATED_TO {relation: $rel, call_ids: $calls}]->(b)",
                  a=a, b=b, rel=relation, calls=call_ids or [])
        return self

    def call(self, call_id: str, at: str, *, agency: str = "P1", category: str = "가정폭력",
             priority: str = "C2", weapon: bool = False, injury: bool = False, outcome: str = "현장종결",
             address: str | None = None, people: list[tuple[str, str, str | None]] = (),
             name_prefix: str = "") -> MiniGraph:
        """`people`: (person_id, role, relation_to_victim)."""
        self._add("MATCH (a:Agency {agency_id: $agency}) "
                  "CREATE (c:Call {call_id: $id, received_at: $at, category: $cat, priority: $prio, "
                  "weapon: $weapon, injury: $injury, outcome: $outcome, agency_id: $agency})-[:HANDLED_BY]->(a)",
                  id=call_id, at=datetime.fromisoformat(at), cat=category, prio=priority, weapon=weapon,
                  injury=injury, outcome=outcome, agency=agency)
        if address:
            self._add("MATCH (c:Call {call_id: $c}), (a:Address {address_id: $a}) CREATE (c)-[:AT]->(a)",
                      c=call_id, a=address)
        for person, role, relation in people:
            rid = self._record(person, "call_persons", name=f"{name_prefix}{person}", name_norm=person)
            self._add("MATCH (r:PersonRecord {record_id: $r}), (c:Call {call_id: $c}) "
                      "CREATE (r)-[:INVOLVED_IN {role: $role, relation_to_victim: $rel}]->(c)",
                      r=rid, c=call_id, role=role, rel=relation)
        return self

    def police_measure(self, measure_id: str, person: str, day: str, type_: str,
                       call_id: str | None = None) -> MiniGraph:
        rid = self._record(person, "police_measures")
        self._add("MATCH (r:PersonRecord {record_id: $r}) "
                  "CREATE (r)-[:SUBJECT_OF {role: 'subject'}]->(m:PoliceMeasure {measure_id: $id, date: $day, type: $type})",
                  r=rid, id=measure_id, day=_d(day), type=type_)
        if call_id:
            self._add("MATCH (m:PoliceMeasure {measure_id: $m}), (c:Call {call_id: $c}) CREATE (m)-[:FOR_CALL]->(c)",
                      m=measure_id, c=call_id)
        return self

    def risk(self, assessment_id: str, person: str, day: str, agency: str, grade: str,
             items: dict[int, bool] | None = None, call_id: str | None = None) -> MiniGraph:
        rid = self._record(person, "risk_assessments")
        props = {"assessment_id": assessment_id, "date": _d(day), "grade": grade}
        props.update({f"item_{k}": v for k, v in (items or {}).items()})
        self._add("MATCH (r:PersonRecord {record_id: $r}), (a:Agency {agency_id: $agency}) "
                  "CREATE (r)-[:SUBJECT_OF {role: 'victim'}]->(x:RiskAssessment)-[:BY_AGENCY]->(a) SET x = $props",
                  r=rid, agency=agency, props=props)
        if call_id:
            self._add("MATCH (x:RiskAssessment {assessment_id: $x}), (c:Call {call_id: $c}) CREATE (x)-[:FOR_CALL]->(c)",
                      x=assessment_id, c=call_id)
        return self

    def service(self, service_id: str, agency: str, person: str, day: str, field_: str = "심리상담",
                role: str = "victim", referred_by: str | None = None, call_id: str | None = None) -> MiniGraph:
        key = f"{agency}/{service_id}"
        rid = self._record(person, "services")
        self._add("MATCH (r:PersonRecord {record_id: $r}), (a:Agency {agency_id: $agency}) "
                  "CREATE (r)-[:SUBJECT_OF {role: $role}]->(s:Service {service_key: $key, service_id: $sid, "
                  "agency_id: $agency, date: $day, field: $field})-[:BY_AGENCY]->(a)",
                  r=rid, agency=agency, role=role, key=key, sid=service_id, day=_d(day), field=field_)
        if referred_by:
            self._add("MATCH (s:Service {service_key: $k}), (a:Agency {agency_id: $a}) CREATE (s)-[:REFERRED_BY]->(a)",
                      k=key, a=referred_by)
        if call_id:
            self._add("MATCH (s:Service {service_key: $k}), (c:Call {call_id: $c}) CREATE (s)-[:FOR_CALL]->(c)",
                      k=key, c=call_id)
        return self

    def council_case(self, case_id: str, day: str, submitted_by: str, attending: list[str],
                     victim: str | None = None, offender: str | None = None) -> MiniGraph:
        self._add("MATCH (a:Agency {agency_id: $sub}) "
                  "CREATE (k:CouncilCase {case_id: $id, meeting_date: $day, submitted_by: $sub})-[:SUBMITTED_BY]->(a)",
                  id=case_id, day=_d(day), sub=submitted_by)
        self._add("MATCH (k:CouncilCase {case_id: $id}) UNWIND $att AS aid MATCH (a:Agency {agency_id: aid}) "
                  "CREATE (a)-[:ATTENDED]->(k)", id=case_id, att=attending)
        for person, role in ((victim, "victim"), (offender, "offender")):
            if person:
                rid = self._record(person, "council_cases")
                self._add("MATCH (r:PersonRecord {record_id: $r}), (k:CouncilCase {case_id: $k}) "
                          "CREATE (r)-[:SUBJECT_OF {role: $role}]->(k)", r=rid, k=case_id, role=role)
        return self

    def council_measure(self, measure_id: str, case_id: str, agency: str, field_: str, *, due: str | None = None,
                        done: str | None = None, status: str = "진행", reason: str | None = None,
                        start: str | None = None) -> MiniGraph:
        self._add("MATCH (k:CouncilCase {case_id: $case}), (a:Agency {agency_id: $agency}) "
                  "CREATE (m:CouncilMeasure {measure_id: $id, case_id: $case, agency_id: $agency, field: $field, "
                  "start_date: $start, due_date: $due, done_date: $done, status: $status, reason: $reason}) "
                  "CREATE (m)-[:FOR_CASE]->(k) CREATE (m)-[:ASSIGNED_TO]->(a)",
                  id=measure_id, case=case_id, agency=agency, field=field_, start=_d(start), due=_d(due),
                  done=_d(done), status=status, reason=reason)
        return self

    def write(self, runner: Runner) -> Runner:
        """Write the graph, then refresh the derived summaries as entity resolution does after it
        writes people and households."""
        from derived import refresh

        for cypher, params in self.statements:
            runner.write(cypher, params, name="test.minigraph")
        refresh(runner)
        return runner
