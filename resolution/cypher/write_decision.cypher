// title: Store a review decision
// description: MERGE the analyst's decision on a record pair (the latest decision on a pair wins).
// mode: write
// params:
//   pair_id: {type: str}
//   record_a: {type: str}
//   record_b: {type: str}
//   decision: {type: str}
//   by: {type: str}
//   at: {type: str}
//   reason: {type: str}
MERGE (d:ReviewDecision {pair_id: $pair_id})
SET d.record_a = $record_a, d.record_b = $record_b, d.decision = $decision, d.by = $by,
    d.at = datetime($at), d.reason = $reason
