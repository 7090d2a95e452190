// title: Explorer node details
// title_ko: 탐색 항목 상세
// description: >
//   One node, named by its label and business key (never by an element id: the data gate checks
//   the user's scope for exactly this label and key first), with its properties and provenance and,
//   for a Person, up to 10 of the source records resolved to it (lowest record key first) with the
//   resolution score and method, and how many there are; for a Household its members; for a
//   Person their households.
// mode: read
// params:
//   label: {type: str, required: true, description: Node label (Household, Person, Call, ...)}
//   key: {type: str, required: true, description: The node's business key}
// kinds:
//   label: code
//   props: props
//   records: {record_id: id, source: code, name: name, birth_raw: birth, source_file: code,
//       source_row: number, score: number, method: code, agency_id: id}
//   record_count: number
//   members: id
//   households: id
CALL () {
  MATCH (n:Household {household_id: $key}) WHERE $label = 'Household' RETURN n
  UNION
  MATCH (n:Person {person_id: $key}) WHERE $label = 'Person' RETURN n
  UNION
  MATCH (n:PersonRecord {record_id: $key}) WHERE $label = 'PersonRecord' RETURN n
  UNION
  MATCH (n:Call {call_id: $key}) WHERE $label = 'Call' RETURN n
  UNION
  MATCH (n:PoliceMeasure {measure_id: $key}) WHERE $label = 'PoliceMeasure' RETURN n
  UNION
  MATCH (n:RiskAssessment {assessment_id: $key}) WHERE $label = 'RiskAssessment' RETURN n
  UNION
  MATCH (n:Service {service_key: $key}) WHERE $label = 'Service' RETURN n
  UNION
  MATCH (n:CouncilCase {case_id: $key}) WHERE $label = 'CouncilCase' RETURN n
  UNION
  MATCH (n:CouncilMeasure {measure_id: $key}) WHERE $label = 'CouncilMeasure' RETURN n
  UNION
  MATCH (n:Agency {agency_id: $key}) WHERE $label = 'Agency' RETURN n
  UNION
  MATCH (n:Address {address_id: $key}) WHERE $label = 'Address' RETURN n
}
RETURN head(labels(n)) AS label, properties(n) AS props,
       COLLECT { MATCH (n)<-[rr:RESOLVES_TO]-(r:PersonRecord)
                 RETURN {record_id: r.record_id, source: r.source, name: r.name, birth_raw: r.birth_raw,
                         source_file: r.source_file, source_row: r.source_row,
                         score: rr.score, method: rr.method, agency_id: r.agency_id}
                 ORDER BY r.record_id LIMIT 10 } AS records,
       COUNT { (n)<-[:RESOLVES_TO]-(:PersonRecord) } AS record_count,
       COLLECT { MATCH (n)<-[:MEMBER_OF]-(p:Person) RETURN p.person_id ORDER BY p.person_id } AS members,
       COLLECT { MATCH (n)-[:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY h.household_id } AS households
LIMIT 1
