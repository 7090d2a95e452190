// title: Resolution model
// title_ko: 식별 모델
// description: >
//   The thresholds and the Fellegi–Sunter model (m and u per comparison level, JSON) of the latest
//   entity-resolution run: the review page shows a pair's score against them, and each field's
//   level with its m and u. Aggregate figures only, no personal data.
// mode: read
// params: {}
// kinds:
//   match: number
//   review: number
//   model: code
MATCH (r:ResolutionRun)
WITH r ORDER BY r.run_at DESC LIMIT 1
RETURN r.match_threshold AS match, r.review_threshold AS review, r.model AS model
