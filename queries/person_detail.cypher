// title: Person detail
// title_ko: 사람 상세
// description: >
//   Everything recorded about one resolved person, as a timeline: one row per call, police
//   measure, risk assessment, service, council case, council measure (of their cases) and
//   relation to another person, oldest first, with the role, the agency, the source record key
//   and the details that matter for the kind (priority, weapon, injury, grade, field, status …).
//   A person with no records still gets one row (kind = person).
// description_ko: >
//   한 사람에 대해 기록된 모든 것을 시간순으로: 신고, 경찰 보호조치, 위험성평가, 지원, 협의회 안건,
//   안건의 지원계획, 다른 사람과의 관계를 1행씩, 역할·기관·원천 기록 키·세부 내용과 함께 보여 줍니다.
// mode: read
// app: true
// params:
//   person_id: {type: str, required: true, description: Person (person_id)}
// columns:
//   person_id: The person
//   name: Canonical name
//   birth_date: Birth date
//   sex: M or F
//   household_id: Household
//   kind: call, police_measure, risk_assessment, service, council_case, council_measure, relation, person
//   key: The record key (call_id, measure_id, assessment_id, service_key, case_id) or the other person_id
//   day: Date of the record
//   role: The person's role (victim, suspect, subject, …) or the relation
//   detail: Category, type, grade or field
//   agency_id: Agency involved
//   agency_name: Its name
//   record_id: The person record (source mention) behind the row
//   extra: Further details for the kind
// kinds:
//   person_id: id
//   name: name
//   birth_date: birth
//   sex: code
//   household_id: id
//   kind: code
//   key: id
//   day: date
//   role: code
//   detail: name
//   agency_id: id
//   agency_name: agency
//   record_id: id
//   extra: {received_at: date, priority: code, weapon: code, injury: code, child_present: code,
//       outcome: code, relation_to_victim: code, call_id: id, end_date: date, yes_items: number,
//       referred_by: id, client_ref: text, description: text, risk_level: code, status: code,
//       attending: id, case_id: id, due_date: date, done_date: date, reason: text, call_ids: id,
//       direction: code}
MATCH (p:Person {person_id: $person_id})
// The person's current household: the membership begun last (a person who moved has several).
WITH p, COLLECT { MATCH (p)-[m:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY m.from DESC, h.household_id LIMIT 1 }[0] AS household_id
OPTIONAL CALL (p) {
  MATCH (p)<-[:RESOLVES_TO]-(r:PersonRecord)-[x:INVOLVED_IN]->(c:Call)
  OPTIONAL MATCH (c)-[:HANDLED_BY]->(a:Agency)
  RETURN 'call' AS kind, c.call_id AS key, date(c.received_at) AS day, x.role AS role, c.category AS detail,
         a AS agency, r.record_id AS record_id,
         {received_at: c.received_at, priority: c.priority, weapon: c.weapon, injury: c.injury,
          child_present: c.child_present, outcome: c.outcome, relation_to_victim: x.relation_to_victim} AS extra
  UNION ALL
  MATCH (p)<-[:RESOLVES_TO]-(r:PersonRecord)-[x:SUBJECT_OF]->(m:PoliceMeasure)
  OPTIONAL MATCH (m)-[:FOR_CALL]->(c:Call)
  OPTIONAL MATCH (c)-[:HANDLED_BY]->(a:Agency)
  RETURN 'police_measure' AS kind, m.measure_id AS key, m.date AS day, x.role AS role, m.type AS detail,
         a AS agency, r.record_id AS record_id, {call_id: c.call_id, end_date: m.end_date} AS extra
  UNION ALL
  MATCH (p)<-[:RESOLVES_TO]-(r:PersonRecord)-[x:SUBJECT_OF]->(ra:RiskAssessment)
  OPTIONAL MATCH (ra)-[:BY_AGENCY]->(a:Agency)
  OPTIONAL MATCH (ra)-[:FOR_CALL]->(c:Call)
  RETURN 'risk_assessment' AS kind, ra.assessment_id AS key, ra.date AS day, x.role AS role, ra.grade AS detail,
         a AS agency, r.record_id AS record_id,
         {call_id: c.call_id, yes_items: size([k IN keys(ra) WHERE k STARTS WITH 'item_' AND ra[k] = true])} AS extra
  UNION ALL
  MATCH (p)<-[:RESOLVES_TO]-(r:PersonRecord)-[x:SUBJECT_OF]->(s:Service)
  OPTIONAL MATCH (s)-[:BY_AGENCY]->(a:Agency)
  OPTIONAL MATCH (s)-[:REFERRED_BY]->(ref:Agency)
  OPTIONAL MATCH (s)-[:FOR_CALL]->(c:Call)
  RETURN 'service' AS kind, s.service_key AS key, s.date AS day, x.role AS role, s.field AS detail,
         a AS agency, r.record_id AS record_id,
         {referred_by: ref.agency_id, call_id: c.call_id, client_ref: s.client_ref, description: s.description} AS extra
  UNION ALL
  MATCH (p)<-[:RESOLVES_TO]-(r:PersonRecord)-[x:SUBJECT_OF]->(k:CouncilCase)
  OPTIONAL MATCH (k)-[:SUBMITTED_BY]->(a:Agency)
  RETURN 'council_case' AS kind, k.case_id AS key, k.meeting_date AS day, x.role AS role, k.case_type AS detail,
         a AS agency, r.record_id AS record_id,
         {risk_level: k.risk_level, status: k.status,
          attending: COLLECT { MATCH (k)<-[:ATTENDED]-(o:Agency) RETURN o.agency_id ORDER BY o.agency_id }} AS extra
  UNION ALL
  MATCH (p)<-[:RESOLVES_TO]-(r:PersonRecord)-[x:SUBJECT_OF]->(k:CouncilCase)<-[:FOR_CASE]-(m:CouncilMeasure)
  OPTIONAL MATCH (m)-[:ASSIGNED_TO]->(a:Agency)
  RETURN 'council_measure' AS kind, m.measure_id AS key, coalesce(m.start_date, k.meeting_date) AS day,
         x.role AS role, m.field AS detail, a AS agency, r.record_id AS record_id,
         {case_id: k.case_id, status: m.status, due_date: m.due_date, done_date: m.done_date, reason: m.reason} AS extra
  UNION ALL
  MATCH (p)-[x:RELATED_TO]-(q:Person)
  RETURN 'relation' AS kind, q.person_id AS key, null AS day, x.relation AS role, q.name AS detail,
         null AS agency, null AS record_id, {call_ids: x.call_ids, direction: CASE WHEN startNode(x) = p THEN 'out' ELSE 'in' END} AS extra
}
RETURN p.person_id AS person_id, p.name AS name, p.birth_date AS birth_date, p.sex AS sex, household_id,
       coalesce(kind, 'person') AS kind, key, day, role, detail, agency.agency_id AS agency_id,
       agency.name AS agency_name, record_id, extra
ORDER BY day, kind, key
