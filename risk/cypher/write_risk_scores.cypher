// title: Write victims' risk scores
// description: >
//   One batch of victims whose score changed at a scoring run (`run`, a sortable time stamp), on
//   their Person nodes: the hand score (points, level) with its inputs (queries.risk.HAND_INPUTS
//   order: the last call as a day number, so that they stay the same from day to day) and checklist
//   grade, and the feature bins the fitted model reads. The app rebuilds every reason from these
//   and applies the model the run names (queries/app/risk_scores.cypher, RiskScoring.model_id);
//   points and level serve Cypher.
// mode: write
// params:
//   rows: {type: list, required: true}
//   run: {type: str, required: true}
UNWIND $rows AS r
MATCH (p:Person {person_id: r.person_id})
SET p.risk_run = $run, p.risk_points = r.points, p.risk_level = r.level, p.risk_grade = r.grade,
    p.risk_graded_on = CASE WHEN r.graded_on IS NULL THEN null ELSE date(r.graded_on) END,
    p.risk_inputs = r.inputs, p.risk_bins = r.bins
