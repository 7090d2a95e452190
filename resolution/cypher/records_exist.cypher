// title: Which record ids exist
// description: The given record_ids that name a PersonRecord.
// mode: read
// params:
//   ids: {type: list}
MATCH (r:PersonRecord) WHERE r.record_id IN $ids
RETURN r.record_id AS record_id
