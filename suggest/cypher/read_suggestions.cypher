// title: Stored suggestions of some households
// description: >
//   The agenda suggestions stored for `household_ids` (one per household), as a run merges new
//   reasons into them (suggest/store.py).
// mode: read
// params:
//   household_ids: {type: list, required: true}
MATCH (s:Suggestion) WHERE s.household_id IN $household_ids
RETURN s.household_id AS household_id, s.status AS status, s.reasons AS reasons, s.fact_ids AS fact_ids,
       s.raised_count AS raised_count, s.first_raised_on AS first_raised_on, s.raised_on AS raised_on
