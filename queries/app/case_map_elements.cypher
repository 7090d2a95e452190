// title: Council case map
// title_ko: 협의회 안건 지도
// description: >
//   One agenda item: the case, who submitted it, attending agencies, its victim and offender (the
//   resolved person and household when known), and its measures with the responsible agency.
// mode: read
// params:
//   case_id: {type: str, required: true}
// kinds:
//   case: {case_id: id, meeting_date: date, meeting_no: code, submitted_by: id, case_type: code,
//       risk_level: code, attending: id, status: code, attending_agencies: number,
//       outside_agencies: number, non_police_submission: code, measure_fields: code, source_file: code,
//       source_row: number, load_id: code, first_load_id: code}
//   submitted_by: {agency_id: id, name: agency, type: code}
//   attending: {agency_id: id, name: agency, type: code}
//   people: {role: code, person_id: id, name: name, birth: birth, household_id: id}
//   measures: {measure_id: id, field: code, description: code, start_date: date, due_date: date,
//       done_date: date, status: code, reason: code, agency_id: id, agency_name: agency}
// # A council measure's description and reason (상황변화, 기관미이행 …) are the council's own plan
// # and record: shown to its members as codes, unlike narratives about people.
MATCH (k:CouncilCase {case_id: $case_id})
OPTIONAL MATCH (k)-[:SUBMITTED_BY]->(sub:Agency)
RETURN properties(k) AS case, sub {.agency_id, .name, .type} AS submitted_by,
       COLLECT { MATCH (k)<-[:ATTENDED]-(a:Agency) RETURN a {.agency_id, .name, .type} ORDER BY a.agency_id } AS attending,
       COLLECT { MATCH (k)<-[s:SUBJECT_OF]-(r:PersonRecord)
                 OPTIONAL MATCH (r)-[:RESOLVES_TO]->(p:Person)
                 OPTIONAL MATCH (p)-[:MEMBER_OF]->(h:Household)
                 RETURN {role: s.role, person_id: p.person_id, name: coalesce(p.name, r.name),
                         birth: coalesce(toString(p.birth_date), r.birth_raw), household_id: h.household_id}
                 ORDER BY s.role DESC } AS people,
       COLLECT { MATCH (k)<-[:FOR_CASE]-(m:CouncilMeasure)
                 OPTIONAL MATCH (m)-[:ASSIGNED_TO]->(a:Agency)
                 RETURN m {.measure_id, .field, .description, .start_date, .due_date, .done_date, .status,
                           .reason, agency_id: coalesce(a.agency_id, m.agency_id), agency_name: a.name}
                 ORDER BY m.field, m.measure_id } AS measures
