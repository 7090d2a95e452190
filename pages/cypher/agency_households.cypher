// title: Households an agency touches
// title_ko: 기관이 관여한 가구
// description: >
//   Households with a member named on a call the agency handled, given a service or risk
//   assessment by it, or on a council case it attended or holds a measure of; with contact counts
//   and the first and last contact date: the `limit` households with most contacts (a national
//   police station touches 133 k; the page shows the first 500).
// mode: read
// params:
//   agency_id: {type: str, required: true}
//   limit: {type: int, default: 500}
MATCH (a:Agency {agency_id: $agency_id})
CALL (a) {
  MATCH (a)<-[:HANDLED_BY]-(x:Call)<-[:INVOLVED_IN]-(r:PersonRecord) RETURN r, date(x.received_at) AS day, x AS what
  UNION
  MATCH (a)<-[:BY_AGENCY]-(x:Service|RiskAssessment)<-[:SUBJECT_OF]-(r:PersonRecord) RETURN r, x.date AS day, x AS what
  UNION
  MATCH (a)-[:ATTENDED]->(x:CouncilCase)<-[:SUBJECT_OF]-(r:PersonRecord) RETURN r, x.meeting_date AS day, x AS what
  UNION
  MATCH (a)<-[:ASSIGNED_TO]-(x:CouncilMeasure)-[:FOR_CASE]->(:CouncilCase)<-[:SUBJECT_OF]-(r:PersonRecord)
  RETURN r, x.start_date AS day, x AS what
}
MATCH (r)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
RETURN h.household_id AS household_id, count(DISTINCT what) AS contacts, min(day) AS first_contact,
       max(day) AS last_contact
ORDER BY contacts DESC, household_id
LIMIT $limit
