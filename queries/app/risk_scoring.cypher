// title: The latest risk scoring
// title_ko: 최근 위험 점수 산출
// description: >
//   When every victim was last scored (risk/scores.py), as of which day, with which model (null:
//   the hand score only), how many victims, how many scores it wrote (those that changed) and
//   removed, and how long it took. No row before the first scoring.
// mode: read
// params: {}
// kinds:
//   run: id
//   as_of: date
//   scored_at: date
//   model_id: id
//   victims: number
//   written: number
//   removed: number
//   seconds: number
MATCH (s:RiskScoring)
RETURN s.run AS run, s.as_of AS as_of, toString(s.scored_at) AS scored_at, s.model_id AS model_id,
       s.victims AS victims, s.written AS written, s.removed AS removed, s.seconds AS seconds
ORDER BY s.run DESC
LIMIT 1
