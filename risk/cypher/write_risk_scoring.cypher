// title: Record a risk scoring run
// description: >
//   The one RiskScoring node: the latest run that scored every victim (its time stamp, the day
//   scored, the model in use then or null for the hand score alone, how many victims, how many
//   scores it wrote because they changed and how many it removed, seconds taken). Every stored
//   score holds as of its day. Written last, so it names a run whose scores are all written.
//   Aggregates only.
// mode: write
// params:
//   run: {type: str, required: true}
//   as_of: {type: date, required: true}
//   model_id: {type: str, default: null}
//   victims: {type: int, required: true}
//   written: {type: int, required: true}
//   removed: {type: int, required: true}
//   seconds: {type: float, required: true}
OPTIONAL MATCH (old:RiskScoring)
DELETE old
WITH count(*) AS removed_runs
CREATE (:RiskScoring {run: $run, as_of: date($as_of), scored_at: datetime(), model_id: $model_id,
                      victims: $victims, written: $written, removed: $removed, seconds: $seconds})
