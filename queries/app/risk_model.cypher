// title: Latest risk model
// title_ko: 위험 예측 모델
// description: The most recently fitted RiskModel, or the one `model_id` names (scorecard and validation report as JSON; aggregates, no personal data). The app scores with it only when its status is `active`; stored scores name the model that made them.
// mode: read
// params:
//   model_id: {type: str, default: null, description: a RiskModel's model_id; the latest when null}
// kinds:
//   model_id: id
//   fitted_at: date
//   status: code
//   horizon_days: number
//   model: code
//   report: code
MATCH (m:RiskModel) WHERE $model_id IS NULL OR m.model_id = $model_id
RETURN m.model_id AS model_id, toString(m.fitted_at) AS fitted_at, m.status AS status,
       m.horizon_days AS horizon_days, m.model AS model, m.report AS report
ORDER BY m.fitted_at DESC
LIMIT 1
