// title: Records at newly sealed places
// description: >
//   The person records and calls whose readable address is one of `texts` (kind record or call, key,
//   address).
// mode: read
// params:
//   texts: {type: list, required: true}
CALL () {
  MATCH (n:PersonRecord) WHERE n.address_sealed IS NULL AND n.address IN $texts
  RETURN 'record' AS kind, n.record_id AS key, n.address AS address
  UNION ALL
  MATCH (n:Call) WHERE n.address_sealed IS NULL AND n.address IN $texts
  RETURN 'call' AS kind, n.call_id AS key, n.address AS address
}
RETURN kind, key, address
