// title: Write a fitted risk model
// description: >
//   One RiskModel per distinct fitted scorecard (keyed by a hash of it), with when it was fitted,
//   whether it is used (`active`: it beat the hand score on held-out time) or not (`rejected`),
//   the scorecard as JSON and its validation report as JSON (AUCs with intervals, Brier scores,
//   reliability tables, figures by sex and age group). Aggregates only: no person's values.
//   Earlier models are kept; fitting again on the same history only moves fitted_at.
// mode: write
// params:
//   model_id: {type: str, required: true}
//   fitted_at: {type: str, required: true}
//   status: {type: str, required: true}
//   horizon_days: {type: int, required: true}
//   model: {type: str, required: true}
//   report: {type: str, required: true}
MERGE (m:RiskModel {model_id: $model_id})
SET m.fitted_at = datetime($fitted_at), m.status = $status, m.horizon_days = $horizon_days,
    m.model = $model, m.report = $report
