// title: Fragmented households
// title_ko: 여러 기관에 흩어진 세대
// description: >
//   Households that at least `min_agencies` different agencies had contact with (calls handled,
//   services, risk assessments, police measures — as in household_agencies) but that were never
//   put on the council's agenda (no member is the victim or offender of a council case). These
//   are the households the seed article says are "scattered across services".
// description_ko: >
//   `min_agencies`개 이상 기관이 접촉했지만(신고 처리, 지원, 위험성평가, 경찰 보호조치) 실무협의회
//   안건에 한 번도 오르지 않은(구성원이 협의회 안건의 피해자·가해자가 아닌) 세대.
// mode: read
// app: true
// params:
//   min_agencies: {type: int, default: 3, description: Fewest distinct agencies}
// columns:
//   household_id: The household
//   agencies: Number of distinct agencies
//   agency_ids: Their agency codes
//   agency_types: Their agency types
//   members: Number of members
//   contacts: Number of distinct contacts
//   first_contact: First contact date
//   last_contact: Last contact date
//   call_ids: Calls naming a member
//   service_keys: Services given to a member
MATCH (h:Household)
WHERE NOT EXISTS {
  (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase)
}
MATCH (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
CALL (r) {
  MATCH (r)-[:INVOLVED_IN]->(c:Call)-[:HANDLED_BY]->(a:Agency)
  RETURN a, 'call' AS kind, c.call_id AS key, date(c.received_at) AS day
  UNION
  MATCH (r)-[:SUBJECT_OF]->(s:Service)-[:BY_AGENCY]->(a:Agency)
  RETURN a, 'service' AS kind, s.service_key AS key, s.date AS day
  UNION
  MATCH (r)-[:SUBJECT_OF]->(x:RiskAssessment)-[:BY_AGENCY]->(a:Agency)
  RETURN a, 'risk_assessment' AS kind, x.assessment_id AS key, x.date AS day
  UNION
  MATCH (r)-[:SUBJECT_OF]->(m:PoliceMeasure)-[:FOR_CALL]->(:Call)-[:HANDLED_BY]->(a:Agency)
  RETURN a, 'police_measure' AS kind, m.measure_id AS key, m.date AS day
}
WITH DISTINCT h, a, kind, key, day
WITH h, count(DISTINCT a) AS agencies, collect(DISTINCT a.agency_id) AS agency_ids,
     collect(DISTINCT a.type) AS agency_types, count(DISTINCT key) AS contacts, min(day) AS first_contact,
     max(day) AS last_contact, collect(DISTINCT CASE kind WHEN 'call' THEN key END) AS call_ids,
     collect(DISTINCT CASE kind WHEN 'service' THEN key END) AS service_keys
WHERE agencies >= $min_agencies
RETURN h.household_id AS household_id, agencies,
       COLLECT { UNWIND agency_ids AS x RETURN x ORDER BY x } AS agency_ids, agency_types,
       COUNT { (h)<-[:MEMBER_OF]-(:Person) } AS members, contacts, first_contact, last_contact,
       COLLECT { UNWIND call_ids AS x RETURN x ORDER BY x } AS call_ids,
       COLLECT { UNWIND service_keys AS x RETURN x ORDER BY x } AS service_keys
ORDER BY agencies DESC, contacts DESC, household_id
