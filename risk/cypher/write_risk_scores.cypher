// title: Write victims' risk scores
// description: >
//   One batch of victims' scores on their Person nodes, all from one scoring run (`run`, a sortable
//   time stamp): the day scored, the hand score (points, level) with its inputs (queries.risk
//   .HAND_INPUTS order) and checklist grade, and, when a model is in use, its chance of a further
//   call, its level, the feature bins it read and the model's id. The inputs and bins let the app
//   rebuild every reason (queries/app/risk_scores.cypher); points, levels and chance serve Cypher.
// mode: write
// params:
//   rows: {type: list, required: true}
//   run: {type: str, required: true}
//   as_of: {type: date, required: true}
//   model_id: {type: str, default: null}
UNWIND $rows AS r
MATCH (p:Person {person_id: r.person_id})
SET p.risk_run = $run, p.risk_as_of = date($as_of), p.risk_points = r.points, p.risk_level = r.level,
    p.risk_grade = r.grade, p.risk_graded_on = CASE WHEN r.graded_on IS NULL THEN null ELSE date(r.graded_on) END,
    p.risk_inputs = r.inputs, p.risk_bins = r.bins, p.risk_model_id = $model_id,
    p.risk_model_p = r.model_p, p.risk_model_level = r.model_level
