// title: Decide on a suggestion
// description: >
//   The council's secretary accepts a suggestion (it becomes a proposed agenda item) or dismisses
//   it with a reason. Only a suggestion in one of `from_statuses` changes; the decision is kept as
//   a SuggestionDecision (who, when, why, the facts and rules it saw), so a dismissed suggestion is
//   raised again only with facts it did not have (suggest/store.py). Returns the new status, or no
//   row when the suggestion is absent or not in such a status.
// mode: write
// params:
//   household_id: {type: str, required: true}
//   decision: {type: str, required: true, description: "accept or dismiss"}
//   status: {type: str, required: true, description: "accepted or dismissed"}
//   from_statuses: {type: list, required: true}
//   reason: {type: str, default: null}
//   by: {type: str, required: true}
MATCH (s:Suggestion {household_id: $household_id}) WHERE s.status IN $from_statuses
SET s.status = $status, s.decided_by = $by, s.decided_at = datetime(), s.decision_reason = $reason,
    s.news_since_decision = false
CREATE (:SuggestionDecision {decision_id: randomUUID(), household_id: $household_id, decision: $decision,
                             reason: $reason, by: $by, at: datetime(), fact_ids: s.fact_ids, rules: s.rules})
RETURN s.status AS status
