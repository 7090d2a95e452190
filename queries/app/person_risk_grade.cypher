// title: A person's recorded risk grades
// title_ko: 인물의 기록된 위험등급
// description: >
//   The checklist grade behind "risk explained": the person's latest risk assessment (date, grade,
//   items answered yes of those answered, the assessing agency) and how many they have, and the
//   grade the council recorded on the latest council case where the person is the victim (a
//   case's grade is the victim's risk). One row; nulls where there is none.
// mode: read
// params:
//   person_id: {type: str, required: true, description: Person (person_id)}
// kinds:
//   assessment: {assessment_id: id, date: date, grade: code, items_yes: number, items_answered: number,
//       agency_id: id, agency_name: agency}
//   assessments: number
//   council: {case_id: id, meeting_date: date, risk_level: code}
MATCH (p:Person {person_id: $person_id})
CALL (p) {
  OPTIONAL MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(ra:RiskAssessment)
  WITH DISTINCT ra ORDER BY ra.date DESC, ra.assessment_id DESC
  WITH collect(ra) AS assessed
  WITH assessed, assessed[0] AS ra
  OPTIONAL MATCH (ra)-[:BY_AGENCY]->(a:Agency)
  RETURN size(assessed) AS assessments,
         CASE WHEN ra IS NULL THEN null ELSE
           {assessment_id: ra.assessment_id, date: ra.date, grade: ra.grade,
            items_yes: coalesce(ra.items_yes, size([k IN keys(ra) WHERE k STARTS WITH 'item_' AND ra[k] = true])),
            items_answered: ra.items_answered, agency_id: a.agency_id, agency_name: a.name} END AS assessment
}
CALL (p) {
  OPTIONAL MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF {role: 'victim'}]->(k:CouncilCase)
  WITH k ORDER BY k.meeting_date DESC, k.case_id DESC LIMIT 1
  RETURN CASE WHEN k IS NULL THEN null ELSE
           {case_id: k.case_id, meeting_date: k.meeting_date, risk_level: k.risk_level} END AS council
}
RETURN assessment, assessments, council
