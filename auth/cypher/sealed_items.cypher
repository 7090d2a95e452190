// title: Sealed nodes
// description: >
//   Which nodes hold sealed values (kind, key, and the agency name, record source or call category),
//   never the values; at most `limit`.
// mode: read
// params:
//   limit: {type: int, default: 200}
CALL () {
  MATCH (a:Agency) WHERE a.phone_sealed IS NOT NULL OR a.district_sealed IS NOT NULL
  RETURN 'agency' AS kind, a.agency_id AS key, a.name AS label
  UNION ALL
  MATCH (p:PersonRecord) WHERE p.address_sealed IS NOT NULL OR p.phone_sealed IS NOT NULL
  RETURN 'record' AS kind, p.record_id AS key, p.source AS label
  UNION ALL
  MATCH (c:Call) WHERE c.address_sealed IS NOT NULL
  RETURN 'call' AS kind, c.call_id AS key, c.category AS label
}
RETURN kind, key, label ORDER BY kind, key LIMIT $limit
