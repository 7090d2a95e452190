// title: Person records for resolution (one page)
// description: Person records ordered by record_id after `after`, with the call they belong to (their
//   own call, or the call of the measure / assessment / service they are the subject of), their role
//   and the date they were seen (call received, measure / service / assessment date, council meeting).
//   A sealed address is read as its keyed hashes (`address_ref`), a sealed phone as missing.
//   previous_person is the person the record resolved to before this run (none for a new record),
//   from which the run tells which people it merged or split (resolution/changes.py).
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (r:PersonRecord) WHERE r.record_id > $after
WITH r ORDER BY r.record_id LIMIT $page
CALL (r) {
  OPTIONAL MATCH (r)-[i:INVOLVED_IN]->(c:Call)
  OPTIONAL MATCH (r)-[:SUBJECT_OF]->(x)
  OPTIONAL MATCH (x)-[:FOR_CALL]->(xc:Call)
  RETURN head(collect(c.call_id)) AS own_call, head(collect(i.role)) AS role,
         head(collect(xc.call_id)) AS subject_call,
         head(collect(coalesce(date(c.received_at), x.date, x.meeting_date))) AS seen
}
RETURN r.record_id AS record_id, r.source AS source, r.name AS name,
       coalesce(toString(r.birth_date), r.birth_raw, toString(r.birth_year)) AS birth,
       r.sex AS sex, CASE WHEN r.phone_sealed IS NULL THEN r.phone END AS phone,
       coalesce(r.address_ref, r.address) AS address, r.agency_id AS agency_id,
       r.client_ref AS client_ref, coalesce(own_call, subject_call) AS context, role, seen,
       COLLECT { MATCH (r)-[:RESOLVES_TO]->(p:Person) RETURN p.person_id AS id LIMIT 1 }[0] AS previous_person
