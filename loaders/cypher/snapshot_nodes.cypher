// title: Snapshot of the loaded nodes
// description: >
//   Every loaded node (not Load, not Derived) with its labels, its key (whichever key property it has)
//   and its properties (loaders/snapshot.py).
// mode: read
MATCH (n) WHERE NOT n:Load AND NOT n:Derived
RETURN labels(n) AS labels,
       coalesce(n.agency_id, n.call_id, n.record_id, n.assessment_id, n.service_key, n.case_id,
         n.measure_id, n.address_id, n.person_id, n.household_id, n.pair_id) AS key,
       properties(n) AS props
