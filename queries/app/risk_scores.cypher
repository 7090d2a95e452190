// title: Stored risk scores of some people
// title_ko: 저장된 위험 점수
// description: >
//   The risk scores stored on the given people (risk/scores.py: after every load, `jss risk fit`
//   and `jss risk score`), each holding as of the latest scoring run's day (risk_scoring.cypher):
//   the hand score's inputs (in queries.risk.HAND_INPUTS order) and checklist grade, from which its
//   points and reasons are rebuilt, and the feature bins, to which the app applies the model the
//   run used. People without a stored score (not victims) give no row.
// mode: read
// params:
//   person_ids: {type: list, required: true, description: Person ids (person_id)}
// kinds:
//   person_id: id
//   grade: code
//   graded_on: date
//   inputs: number
//   bins: number
UNWIND $person_ids AS id
MATCH (p:Person {person_id: id})
WHERE p.risk_run IS NOT NULL
RETURN p.person_id AS person_id, p.risk_grade AS grade, p.risk_graded_on AS graded_on, p.risk_inputs AS inputs,
       p.risk_bins AS bins
