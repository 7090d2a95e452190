// title: Latest resolution run
// description: The most recent ResolutionRun, with its thresholds and model as JSON (no personal data).
// mode: read
MATCH (r:ResolutionRun)
RETURN r.run_id AS run_id, toString(r.run_at) AS run_at, r.records AS records, r.persons AS persons,
       r.match_threshold AS match_threshold, r.review_threshold AS review_threshold, r.prior AS prior,
       r.model AS model
ORDER BY r.run_at DESC
LIMIT 1
