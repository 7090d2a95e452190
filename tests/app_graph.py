"""A small hand-built graph for the app's integration and browser tests (the shape of
docs/architecture.md). Expected answers in those tests are worked out by hand from it:

- household H1 at 제주시 연삼로 123: 김영희 (P1, victim), 박철수 (P2, suspect), 박민준 (P3, child witness)
- household H2 at 서귀포시 중앙로 45: 이순자 (P4, victim of P2 on call C4)
- calls C1 (2023-03-02), C2 (2023-05-10), C3 (2023-08-01, child witness P3) at H1's address, C4 (2023-04-01)
- police measure M1 for C2 (subject P2), risk assessment R1 (높음) for P1, service S1 (의료) for P1
- council case K1 (2023-06-01) with measures CM1 (완료), CM2 (법률, due 2023-07-15, 진행, 기관미이행:
  overdue), CM3 (심리상담, due 2099-01-01: not overdue); attending P-JJ-01, C-01, H-01
- one grey-zone pair waiting for review: the service record of 김영희 and the police-measure
  record of 박철수 (score 0.62)
"""

from __future__ import annotations

from graph.runner import Runner

SCRIPT = """
CREATE (pol:Agency {agency_id: 'P-JJ-01', name: '제주동부경찰서', type: '경찰서'})
CREATE (cou:Agency {agency_id: 'C-01', name: '제주가정폭력상담소', type: '가정폭력상담소'})
CREATE (hos:Agency {agency_id: 'H-01', name: '제주의료원', type: '의료기관'})
CREATE (a1:Address {address_id: 'A1', text: '제주특별자치도 제주시 연삼로 123', district: '이도이동'})
CREATE (a2:Address {address_id: 'A2', text: '제주특별자치도 서귀포시 중앙로 45', district: '중앙동'})
CREATE (h1:Household {household_id: 'H1'})-[:LIVES_AT]->(a1)
CREATE (h2:Household {household_id: 'H2'})-[:LIVES_AT]->(a2)
CREATE (p1:Person {person_id: 'P1', name: '김영희', birth_date: date('1985-03-02'), sex: 'F', phone: '01012345678'})-[:MEMBER_OF]->(h1)
CREATE (p2:Person {person_id: 'P2', name: '박철수', birth_date: date('1983-07-01'), sex: 'M'})-[:MEMBER_OF]->(h1)
CREATE (p3:Person {person_id: 'P3', name: '박민준', birth_date: date('2015-01-05'), sex: 'M'})-[:MEMBER_OF]->(h1)
CREATE (p4:Person {person_id: 'P4', name: '이순자', birth_date: date('1990-11-11'), sex: 'F'})-[:MEMBER_OF]->(h2)
CREATE (p2)-[:RELATED_TO {relation: '배우자', call_ids: ['C1']}]->(p1)
WITH *
UNWIND [
  {id: 'C1', at: '2023-03-02T21:10:00', cat: '가정폭력', pri: 'C2', addr: 'A1', injury: false, weapon: false},
  {id: 'C2', at: '2023-05-10T23:40:00', cat: '가정폭력', pri: 'C1', addr: 'A1', injury: true, weapon: false},
  {id: 'C3', at: '2023-08-01T22:05:00', cat: '가정폭력', pri: 'C0', addr: 'A1', injury: true, weapon: true},
  {id: 'C4', at: '2023-04-01T19:00:00', cat: '스토킹', pri: 'C2', addr: 'A2', injury: false, weapon: false}
] AS c
MATCH (ag:Agency {agency_id: 'P-JJ-01'}), (ad:Address {address_id: c.addr})
CREATE (call:Call {call_id: c.id, received_at: localdatetime(c.at), category: c.cat, priority: c.pri,
                   injury: c.injury, weapon: c.weapon, outcome: '현장종결', source_file: 'calls.csv', source_row: 2})
CREATE (call)-[:HANDLED_BY]->(ag)
CREATE (call)-[:AT]->(ad);

UNWIND [
  {call: 'C1', person: 'P1', role: 'victim', rel: null}, {call: 'C1', person: 'P2', role: 'suspect', rel: '배우자'},
  {call: 'C2', person: 'P1', role: 'victim', rel: null}, {call: 'C2', person: 'P2', role: 'suspect', rel: '배우자'},
  {call: 'C3', person: 'P1', role: 'victim', rel: null}, {call: 'C3', person: 'P2', role: 'suspect', rel: '배우자'},
  {call: 'C3', person: 'P3', role: 'child_witness', rel: '자녀'},
  {call: 'C4', person: 'P4', role: 'victim', rel: null}, {call: 'C4', person: 'P2', role: 'suspect', rel: '전연인'}
] AS r
MATCH (c:Call {call_id: r.call}), (p:Person {person_id: r.person})
CREATE (pr:PersonRecord {record_id: 'call_persons:' + r.call + ':' + r.person, source: 'call_persons',
                         name: p.name, birth_raw: toString(p.birth_date), source_file: 'call_persons.csv', source_row: 3})
CREATE (pr)-[:INVOLVED_IN {role: r.role, relation_to_victim: r.rel}]->(c)
CREATE (pr)-[:RESOLVES_TO {score: 0.97, method: 'test'}]->(p);

MATCH (p1:Person {person_id: 'P1'}), (p2:Person {person_id: 'P2'}), (c2:Call {call_id: 'C2'}),
      (pol:Agency {agency_id: 'P-JJ-01'}), (hos:Agency {agency_id: 'H-01'}), (cou:Agency {agency_id: 'C-01'})
CREATE (m1:PoliceMeasure {measure_id: 'M1', type: '임시조치1호', date: date('2023-05-11')})-[:FOR_CALL]->(c2)
CREATE (:PersonRecord {record_id: 'police_measures:M1', source: 'police_measures', name: '박철수'})-[:SUBJECT_OF {role: 'subject'}]->(m1)
CREATE (r1:RiskAssessment {assessment_id: 'R1', grade: '높음', date: date('2023-05-10')})-[:FOR_CALL]->(c2)
CREATE (r1)-[:BY_AGENCY]->(pol)
CREATE (s1:Service {service_key: 'H-01/S1', service_id: 'S1', field: '의료', date: date('2023-05-12')})-[:BY_AGENCY]->(hos)
CREATE (s1)-[:REFERRED_BY]->(pol)
CREATE (k1:CouncilCase {case_id: 'K1', meeting_date: date('2023-06-01'), meeting_no: 5, case_type: '가정폭력',
                        risk_level: '높음', status: '지원중', submitted_by: 'P-JJ-01'})-[:SUBMITTED_BY]->(pol)
CREATE (pol)-[:ATTENDED]->(k1)
CREATE (cou)-[:ATTENDED]->(k1)
CREATE (hos)-[:ATTENDED]->(k1)
CREATE (cm1:CouncilMeasure {measure_id: 'CM1', field: '의료', description: '치료비 지원', start_date: date('2023-06-02'),
        due_date: date('2023-07-01'), done_date: date('2023-06-20'), status: '완료'})-[:FOR_CASE]->(k1)
CREATE (cm1)-[:ASSIGNED_TO]->(hos)
CREATE (cm2:CouncilMeasure {measure_id: 'CM2', field: '법률', description: '보호명령 신청 지원', start_date: date('2023-06-02'),
        due_date: date('2023-07-15'), status: '진행', reason: '기관미이행'})-[:FOR_CASE]->(k1)
CREATE (cm2)-[:ASSIGNED_TO]->(cou)
CREATE (cm3:CouncilMeasure {measure_id: 'CM3', field: '심리상담', description: '장기 상담', start_date: date('2023-06-02'),
        due_date: date('2099-01-01'), status: '계획'})-[:FOR_CASE]->(k1)
CREATE (cm3)-[:ASSIGNED_TO]->(cou)
WITH p1, p2, m1, r1, s1, k1
MATCH (rm:PersonRecord {record_id: 'police_measures:M1'})
CREATE (rm)-[:RESOLVES_TO {score: 0.95, method: 'test'}]->(p2)
CREATE (ra:PersonRecord {record_id: 'risk_assessments:R1', source: 'risk_assessments', name: '김영희'})-[:SUBJECT_OF {role: 'victim'}]->(r1)
CREATE (ra)-[:RESOLVES_TO {score: 0.99, method: 'test'}]->(p1)
CREATE (rs:PersonRecord {record_id: 'services:H-01/S1', source: 'services', name: '김영희', phone: '01012345678'})-[:SUBJECT_OF {role: 'victim'}]->(s1)
CREATE (rs)-[:RESOLVES_TO {score: 0.93, method: 'test'}]->(p1)
CREATE (kv:PersonRecord {record_id: 'council_cases:K1:victim', source: 'council_cases', name: '김영희'})-[:SUBJECT_OF {role: 'victim'}]->(k1)
CREATE (kv)-[:RESOLVES_TO {score: 0.99, method: 'test'}]->(p1)
CREATE (ko:PersonRecord {record_id: 'council_cases:K1:offender', source: 'council_cases', name: '박철수'})-[:SUBJECT_OF {role: 'offender'}]->(k1)
CREATE (ko)-[:RESOLVES_TO {score: 0.99, method: 'test'}]->(p2);

MATCH (a:PersonRecord {record_id: 'police_measures:M1'}), (b:PersonRecord {record_id: 'services:H-01/S1'})
CREATE (a)-[:POSSIBLE_MATCH {pair_id: 'police_measures:M1|services:H-01/S1', score: 0.62,
                             evidence: '{"name": 0.4, "birth": 0.0}'}]->(b)
"""


def load_app_graph(runner: Runner) -> None:
    """Wipe the graph and write the hand-built one, then refresh the derived summaries as entity
    resolution does after it writes people and households."""
    from derived import refresh

    runner.delete_all(name="test.wipe")
    runner.run_script([s for s in SCRIPT.split(";\n") if s.strip()], name="test.app_graph")
    refresh(runner)
