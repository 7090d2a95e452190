// title: Council case map
// title_ko: 협의회 안건 지도
// description: >
//   One agenda item: the case, who submitted it, attending agencies, its victim and offender (the
//   resolved person and household when known), and its measures with the responsible agency.
// mode: read
// params:
//   case_id: {type: str, required: true}
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
