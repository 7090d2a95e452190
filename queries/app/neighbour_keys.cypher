// title: Explorer neighbours as keys
// title_ko: 탐색 그래프 이웃 키 목록
// description: >
//   The neighbours of one node (by element id) not in `exclude` whose label is one of `kinds`
//   (in one of `years` when given; 0 stands for undated), person records collapsed as in
//   neighbours.cypher: element id, label, business key, year and the households it concerns
//   (as node_households.cypher says: a person's own, a record's person's, an event's people's, a
//   council measure's case's people's, an address's residents'), newest first, at most `limit`,
//   as one row of lists (thousands of rows cost the driver more than the query). The data gate
//   reads these for a council or agency user and keeps those in the user's scope
//   (households_in_scope.cypher) before counting a summary or choosing a slice, so that neither
//   tells what lies outside it. Walking from the node is what makes this fast: node_households
//   looks each of thousands of keys up again (tests/integration/test_explorer_summaries.py checks
//   that both name the same households).
// mode: read
// params:
//   id: {type: str, required: true, description: Element id of the node whose neighbours are listed}
//   exclude: {type: list, default: [], description: Element ids already shown}
//   kinds: {type: list, required: true, description: Labels listed}
//   years: {type: list, default: null, description: Years kept (0 = undated; null = all)}
//   limit: {type: int, default: 20000, description: Most rows returned}
// kinds:
//   found: {id: id, label: code, key: id, year: number, households: id}
MATCH (n) WHERE elementId(n) = $id
CALL (n) {
  MATCH (n)-[]-(m)
  WHERE NOT m:PersonRecord AND NOT m:Load AND NOT m:ReviewDecision
  RETURN m
  UNION
  MATCH (n:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[]->(m)
  WHERE NOT m:Person AND NOT m:Address AND NOT m:Load
  RETURN m
  UNION
  MATCH (n)<-[:INVOLVED_IN|SUBJECT_OF|AT|POSSIBLE_MATCH]-(pr:PersonRecord)
  WHERE NOT n:Person
  OPTIONAL MATCH (pr)-[:RESOLVES_TO]->(p:Person)
  RETURN coalesce(p, pr) AS m
}
WITH m, head(labels(m)) AS label
WHERE label IN $kinds AND NOT elementId(m) IN $exclude
WITH m, label,
     coalesce(coalesce(m.received_at, m.date, m.meeting_date, m.due_date, m.start_date, m.done_date).year, 0) AS year,
     coalesce(toString(m.received_at), toString(m.date), toString(m.meeting_date), toString(m.due_date), '') AS day
WHERE $years IS NULL OR year IN $years
WITH elementId(m) AS id, label,
     CASE label WHEN 'Call' THEN m.call_id WHEN 'PoliceMeasure' THEN m.measure_id
       WHEN 'RiskAssessment' THEN m.assessment_id WHEN 'Service' THEN m.service_key
       WHEN 'CouncilCase' THEN m.case_id WHEN 'CouncilMeasure' THEN m.measure_id
       WHEN 'Agency' THEN m.agency_id WHEN 'Person' THEN m.person_id WHEN 'PersonRecord' THEN m.record_id
       WHEN 'Household' THEN m.household_id WHEN 'Address' THEN m.address_id END AS key,
     year, day, m
ORDER BY day DESC, id
LIMIT $limit
OPTIONAL CALL (m, label) {
  WITH m WHERE label = 'Household'
  RETURN m.household_id AS h
  UNION
  MATCH (m:Person)-[:MEMBER_OF]->(h:Household) RETURN h.household_id AS h
  UNION
  MATCH (m:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household) RETURN h.household_id AS h
  UNION
  MATCH (m)<-[:INVOLVED_IN|SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  WHERE label IN ['Call', 'PoliceMeasure', 'RiskAssessment', 'Service', 'CouncilCase']
  RETURN h.household_id AS h
  UNION
  MATCH (m:CouncilMeasure)-[:FOR_CASE]->(:CouncilCase)<-[:SUBJECT_OF]-(:PersonRecord)
        -[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
  RETURN h.household_id AS h
  UNION
  MATCH (m:Address)<-[:LIVES_AT]-(h:Household) RETURN h.household_id AS h
}
WITH id, label, key, year, day, collect(h) AS households
ORDER BY day DESC, id
RETURN collect({id: id, label: label, key: key, year: year, households: households}) AS found
