// title: Agencies that touched a household
// title_ko: 세대별 관여 기관
// description: >
//   Every agency that had contact with a member of the household: it handled a call naming
//   them (calls' precinct), gave them a service, assessed their risk, took a police measure for
//   one of their calls, submitted or attended their council case, or was assigned a council
//   measure for it. One row per agency, with first and last contact, the number of distinct
//   contacts (one source record = one contact, however many members it names), the kinds of
//   contact, the service fields, and the record keys (call_id, service_key, …). A contact counts
//   for the household only if it falls while the person was a member (MEMBER_OF from/to).
//   `kinds` restricts the kinds of contact counted.
// description_ko: >
//   세대 구성원과 접촉한 모든 기관: 구성원이 나오는 신고를 처리했거나(관할관서), 지원을 제공했거나,
//   위험성평가를 했거나, 그 신고에 경찰 보호조치를 했거나, 협의회 안건을 제출·참석했거나, 협의회
//   지원계획을 맡은 기관. 기관별로 첫·마지막 접촉일, 접촉 건수(원천 기록 1건 = 1회), 접촉 종류,
//   지원분야, 근거 기록번호를 보여 줍니다.
// mode: read
// params:
//   household_id: {type: str, required: true, description: Household (Household.household_id)}
//   kinds: {type: list, default: null, description: "Only these kinds of contact, comma-separated (default: all)"}
// columns:
//   household_id: The household
//   agency_id: Agency code
//   agency_name: Agency name
//   agency_type: Agency type (경찰서, 해바라기센터, …)
//   first_contact: Date of the first contact
//   last_contact: Date of the last contact
//   contacts: Number of distinct contacts (source records)
//   kinds: Kinds of contact (call, service, risk_assessment, police_measure, council_submission, council_attendance, council_measure)
//   service_fields: Fields of the services / council measures (의료, 법률, …)
//   record_keys: The record keys behind the contacts (call_id, service_key, assessment_id, measure_id, case_id)
// kinds:
//   household_id: id
//   agency_id: id
//   agency_name: agency
//   agency_type: code
//   first_contact: date
//   last_contact: date
//   contacts: number
//   kinds: code
//   service_fields: code
//   record_keys: id
MATCH (h:Household {household_id: $household_id})<-[mo:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
CALL (r) {
  MATCH (r)-[:INVOLVED_IN]->(c:Call)-[:HANDLED_BY]->(a:Agency)
  RETURN a, 'call' AS kind, c.call_id AS key, date(c.received_at) AS day, null AS field
  UNION
  MATCH (r)-[:SUBJECT_OF]->(s:Service)-[:BY_AGENCY]->(a:Agency)
  RETURN a, 'service' AS kind, s.service_key AS key, s.date AS day, s.field AS field
  UNION
  MATCH (r)-[:SUBJECT_OF]->(x:RiskAssessment)-[:BY_AGENCY]->(a:Agency)
  RETURN a, 'risk_assessment' AS kind, x.assessment_id AS key, x.date AS day, null AS field
  UNION
  MATCH (r)-[:SUBJECT_OF]->(m:PoliceMeasure)-[:FOR_CALL]->(:Call)-[:HANDLED_BY]->(a:Agency)
  RETURN a, 'police_measure' AS kind, m.measure_id AS key, m.date AS day, null AS field
  UNION
  MATCH (r)-[:SUBJECT_OF]->(k:CouncilCase)-[:SUBMITTED_BY]->(a:Agency)
  RETURN a, 'council_submission' AS kind, k.case_id AS key, k.meeting_date AS day, null AS field
  UNION
  MATCH (r)-[:SUBJECT_OF]->(k:CouncilCase)<-[:ATTENDED]-(a:Agency)
  RETURN a, 'council_attendance' AS kind, k.case_id AS key, k.meeting_date AS day, null AS field
  UNION
  MATCH (r)-[:SUBJECT_OF]->(k:CouncilCase)<-[:FOR_CASE]-(m:CouncilMeasure)-[:ASSIGNED_TO]->(a:Agency)
  RETURN a, 'council_measure' AS kind, m.measure_id AS key, coalesce(m.start_date, k.meeting_date) AS day,
         m.field AS field
}
// A member counts for the household only while a member (MEMBER_OF from/to, open-ended if unknown).
WITH h, mo, a, kind, key, day, field
WHERE ($kinds IS NULL OR kind IN $kinds)
  AND (day IS NULL OR ((mo.from IS NULL OR day >= mo.from) AND (mo.to IS NULL OR day <= mo.to)))
WITH DISTINCT h, a, kind, key, day, field
WITH h, a, min(day) AS first_contact, max(day) AS last_contact, count(DISTINCT key) AS contacts,
     collect(DISTINCT kind) AS kinds, collect(DISTINCT field) AS fields, collect(DISTINCT key) AS keys
RETURN h.household_id AS household_id, a.agency_id AS agency_id, a.name AS agency_name,
       a.type AS agency_type, first_contact, last_contact, contacts,
       COLLECT { UNWIND kinds AS x RETURN x ORDER BY x } AS kinds,
       COLLECT { UNWIND fields AS x RETURN x ORDER BY x } AS service_fields,
       COLLECT { UNWIND keys AS x RETURN x ORDER BY x } AS record_keys
ORDER BY first_contact, agency_id
