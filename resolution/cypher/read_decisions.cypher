// title: Review decisions
// description: Every analyst decision (confirm = must-link, split = cannot-link) on a record pair.
// mode: read
MATCH (d:ReviewDecision)
RETURN d.pair_id AS pair_id, d.record_a AS record_a, d.record_b AS record_b, d.decision AS decision,
       d.by AS by, d.at AS at, d.reason AS reason
ORDER BY d.at
