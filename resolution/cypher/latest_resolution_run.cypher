// title: Latest resolution run
// description: The most recent ResolutionRun, with its thresholds and model as JSON, and the people it merged and split (counts; person ids as JSON lists). No personal data.
// mode: read
MATCH (r:ResolutionRun)
RETURN r.run_id AS run_id, toString(r.run_at) AS run_at, r.records AS records, r.persons AS persons,
       r.match_threshold AS match_threshold, r.review_threshold AS review_threshold, r.prior AS prior,
       r.model AS model, r.merged_count AS merged_count,
       r.split_count AS split_count, r.merged AS merged, r.split AS split
ORDER BY r.run_at DESC
LIMIT 1
