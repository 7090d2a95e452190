// title: Clear risk scores an earlier run left
// description: >
//   After a scoring run has written every victim's score, the scores of earlier runs that remain
//   belong to people who are no longer victims at that day (a split or merged person, a corrected
//   record): removed, so that no stale score is shown. Uses the index on Person.risk_run.
// mode: write
// params:
//   run: {type: str, required: true}
MATCH (p:Person) WHERE p.risk_run < $run
REMOVE p.risk_run, p.risk_as_of, p.risk_points, p.risk_level, p.risk_grade, p.risk_graded_on, p.risk_inputs,
       p.risk_bins, p.risk_model_id, p.risk_model_p, p.risk_model_level
