// title: The latest suggestion runs
// title_ko: 최근 제안 실행
// description: >
//   For the analysts' digest: the `limit` newest SuggestionRuns (households looked at, suggestions
//   created, updated and raised again, the count per rule as JSON, the load followed, seconds),
//   how many stored suggestions are open, accepted and dismissed now, and the suggestions the
//   newest run wrote (household, status, rules; at most `limit_written`, highest priority first),
//   and what the newest entity-resolution run changed about people: the people it merged and split
//   (counts, and person ids as JSON lists of at most 200; resolution/changes.py) and when it ran.
//   Aggregates, ids and codes only.
// mode: read
// params:
//   limit: {type: int, default: 10, description: Runs to read}
//   limit_written: {type: int, default: 200, description: Suggestions of the newest run to list}
// kinds:
//   runs: {run: id, ran_at: date, as_of: date, since: date, load_id: id, households: number, created: number,
//       updated: number, reraised: number, by_rule: code, seconds: number}
//   open: number
//   accepted: number
//   dismissed: number
//   written: {household_id: id, status: code, rules: code, priority: number}
//   people: {run_at: date, merged_count: number, split_count: number, merged: code, split: code}
CALL () {
  MATCH (r:SuggestionRun)
  WITH r ORDER BY r.run DESC LIMIT $limit
  RETURN collect(r {.run, .ran_at, .as_of, .since, .load_id, .households, .created, .updated, .reraised,
                    .by_rule, .seconds}) AS runs
}
CALL () {
  MATCH (s:Suggestion)
  RETURN count(CASE WHEN s.status = 'open' THEN 1 END) AS open,
         count(CASE WHEN s.status = 'accepted' THEN 1 END) AS accepted,
         count(CASE WHEN s.status = 'dismissed' THEN 1 END) AS dismissed
}
CALL (runs) {
  MATCH (s:Suggestion) WHERE size(runs) > 0 AND s.run = runs[0].run
  WITH s ORDER BY s.priority DESC, s.household_id LIMIT $limit_written
  RETURN collect(s {.household_id, .status, .rules, .priority}) AS written
}
CALL () {
  OPTIONAL MATCH (r:ResolutionRun)
  WITH r ORDER BY r.run_at DESC LIMIT 1
  RETURN r {.run_at, .merged_count, .split_count, .merged, .split} AS people
}
RETURN runs, open, accepted, dismissed, written, people
