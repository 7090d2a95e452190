// title: Household–agency contacts (analytics pull)
// description: One row per household and agency that had contact (calls handled, services, risk assessments, police measures, council cases and measures), with the number of contacts. Used by queries/analytics.py.
// mode: read
// params: {}
MATCH (h:Household)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
CALL (r) {
  MATCH (r)-[:INVOLVED_IN]->(e:Call)-[:HANDLED_BY]->(a:Agency) RETURN a, e
  UNION
  MATCH (r)-[:SUBJECT_OF]->(e:Service|RiskAssessment)-[:BY_AGENCY]->(a:Agency) RETURN a, e
  UNION
  MATCH (r)-[:SUBJECT_OF]->(e:PoliceMeasure)-[:FOR_CALL]->(:Call)-[:HANDLED_BY]->(a:Agency) RETURN a, e
  UNION
  MATCH (r)-[:SUBJECT_OF]->(e:CouncilCase)-[:SUBMITTED_BY]->(a:Agency) RETURN a, e
  UNION
  MATCH (r)-[:SUBJECT_OF]->(e:CouncilCase)<-[:ATTENDED]-(a:Agency) RETURN a, e
  UNION
  MATCH (r)-[:SUBJECT_OF]->(:CouncilCase)<-[:FOR_CASE]-(e:CouncilMeasure)-[:ASSIGNED_TO]->(a:Agency) RETURN a, e
}
RETURN h.household_id AS household_id, a.agency_id AS agency_id, a.name AS agency_name, a.type AS agency_type,
       count(DISTINCT e) AS contacts
