// title: Suggestions by status, ranked
// description: >
//   The stored agenda suggestions of `statuses`, highest priority first (then the newest fact,
//   then the household id): ids, rules, reasons (JSON of ids, days and counts), dates and the
//   decision. For `jss suggest`; the app reads its own (queries/app/), through the data gate.
// mode: read
// params:
//   statuses: {type: list, required: true}
//   limit: {type: int, default: 50}
MATCH (s:Suggestion) WHERE s.status IN $statuses
RETURN s.household_id AS household_id, s.status AS status, s.priority AS priority, s.rules AS rules,
       s.person_ids AS person_ids, s.offender_ids AS offender_ids, s.first_raised_on AS first_raised_on,
       s.raised_on AS raised_on, s.latest_fact_on AS latest_fact_on, s.raised_count AS raised_count,
       s.reasons AS reasons, s.decided_at AS decided_at
ORDER BY priority DESC, latest_fact_on DESC, household_id
LIMIT $limit
