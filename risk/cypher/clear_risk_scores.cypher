// title: Clear risk scores of people no longer scored
// description: >
//   The stored scores of the given people, who held one but were not scored by the latest run:
//   no longer victims at that day (a split or merged person, a corrected record). Removed, so that
//   no stale score is shown.
// mode: write
// params:
//   ids: {type: list, required: true}
UNWIND $ids AS id
MATCH (p:Person {person_id: id})
REMOVE p.risk_run, p.risk_points, p.risk_level, p.risk_grade, p.risk_graded_on, p.risk_inputs, p.risk_bins
