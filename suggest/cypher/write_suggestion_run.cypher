// title: Record a suggestion run
// description: >
//   One SuggestionRun per run: when, the day it ran as of, the previous run's day (what counted as
//   new), the load it followed (if any), households looked at, suggestions created, updated and
//   raised again, the count per rule (JSON), seconds. Aggregates only: the digest reads it.
// mode: write
// params:
//   run: {type: str, required: true}
//   as_of: {type: date, required: true}
//   since: {type: date, default: null}
//   load_id: {type: str, default: null}
//   households: {type: int, required: true}
//   created: {type: int, required: true}
//   updated: {type: int, required: true}
//   reraised: {type: int, required: true}
//   by_rule: {type: str, required: true}
//   seconds: {type: float, required: true}
CREATE (:SuggestionRun {run: $run, ran_at: datetime(), as_of: date($as_of),
                        since: CASE WHEN $since IS NULL THEN null ELSE date($since) END, load_id: $load_id,
                        households: $households, created: $created, updated: $updated, reraised: $reraised,
                        by_rule: $by_rule, seconds: $seconds})
