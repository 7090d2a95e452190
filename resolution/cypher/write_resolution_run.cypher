// title: Write the resolution run
// description: >
//   One ResolutionRun per distinct result of entity resolution (keyed by a hash of its model and
//   counts), with when it last ran, its counts and thresholds, and the Fellegi–Sunter model it
//   used as JSON (m and u per comparison level, λ, what training saw). Earlier runs are kept, so a
//   stored score can be read against the run that made it; running again over the same records
//   only moves run_at. The people it merged and split (person ids only, JSON lists of at most 200,
//   complete counts) are kept from the first run that found this result: a repeat finds no change and must not erase what the first found.
// mode: write
// params:
//   run_id: {type: str, required: true}
//   run_at: {type: str, required: true}
//   records: {type: int, required: true}
//   persons: {type: int, required: true}
//   match_threshold: {type: float, required: true}
//   review_threshold: {type: float}
//   prior: {type: float}
//   model: {type: str}
//   merged_count: {type: int, default: 0}
//   split_count: {type: int, default: 0}
//   merged: {type: str, default: "[]"}
//   split: {type: str, default: "[]"}
MERGE (r:ResolutionRun {run_id: $run_id})
SET r.run_at = datetime($run_at), r.records = $records, r.persons = $persons,
    r.match_threshold = $match_threshold, r.review_threshold = $review_threshold,
    r.prior = $prior, r.model = $model
WITH r, r.merged IS NULL OR $merged_count + $split_count > 0 AS changed
SET r.merged_count = CASE WHEN changed THEN $merged_count ELSE r.merged_count END,
    r.split_count = CASE WHEN changed THEN $split_count ELSE r.split_count END,
    r.merged = CASE WHEN changed THEN $merged ELSE r.merged END,
    r.split = CASE WHEN changed THEN $split ELSE r.split END
