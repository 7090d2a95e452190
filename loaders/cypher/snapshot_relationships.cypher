// title: Snapshot of the loaded relationships
// description: >
//   Every relationship between loaded nodes (not Load) with its type, the labels and keys of its ends
//   and its properties (loaders/snapshot.py).
// mode: read
MATCH (a)-[r]->(b) WHERE NOT a:Load AND NOT b:Load
RETURN type(r) AS type, labels(a) AS al,
       coalesce(a.agency_id, a.call_id, a.record_id, a.assessment_id, a.service_key, a.case_id,
         a.measure_id, a.address_id, a.person_id, a.household_id, a.pair_id) AS a,
       labels(b) AS bl,
       coalesce(b.agency_id, b.call_id, b.record_id, b.assessment_id, b.service_key, b.case_id,
         b.measure_id, b.address_id, b.person_id, b.household_id, b.pair_id) AS b, properties(r) AS props
