// title: Households a node concerns
// title_ko: 항목이 관련된 가구
// description: >
//   For each `{label, key}` of `nodes`, the households that node concerns: a person's own; a
//   record's person's; an event's people's; a council measure's case's people's; an address's
//   residents'. The data gate (queries/gate.py) asks households_in_scope.cypher about them before
//   a scoped user (council, agency) sees the node. A node that concerns no household is outside
//   every scope. Agencies are not personal and are never asked.
// mode: read
// params:
//   nodes: {type: list, required: true, description: "Maps {label, key}: a label (Household, Person, Call, ...) and the node's business key"}
// kinds:
//   label: code
//   key: id
//   household_id: id
UNWIND $nodes AS n
CALL (n) {
  MATCH (h:Household {household_id: n.key}) WHERE n.label = 'Household' RETURN h
  UNION
  MATCH (:Person {person_id: n.key})-[:MEMBER_OF]->(h:Household) WHERE n.label = 'Person' RETURN h
  UNION
  MATCH (:PersonRecord {record_id: n.key})-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE n.label = 'PersonRecord' RETURN h
  UNION
  MATCH (:Call {call_id: n.key})<-[:INVOLVED_IN]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE n.label = 'Call' RETURN h
  UNION
  MATCH (:PoliceMeasure {measure_id: n.key})<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE n.label = 'PoliceMeasure' RETURN h
  UNION
  MATCH (:RiskAssessment {assessment_id: n.key})<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE n.label = 'RiskAssessment' RETURN h
  UNION
  MATCH (:Service {service_key: n.key})<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE n.label = 'Service' RETURN h
  UNION
  MATCH (:CouncilCase {case_id: n.key})<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE n.label = 'CouncilCase' RETURN h
  UNION
  MATCH (:CouncilMeasure {measure_id: n.key})-[:FOR_CASE]->(:CouncilCase)<-[:SUBJECT_OF]-(:PersonRecord)
        -[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE n.label = 'CouncilMeasure' RETURN h
  UNION
  MATCH (:Address {address_id: n.key})<-[:LIVES_AT]-(h:Household) WHERE n.label = 'Address' RETURN h
}
RETURN DISTINCT n.label AS label, n.key AS key, h.household_id AS household_id
