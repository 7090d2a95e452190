// title: Victim–suspect pairs
// description: >
//   One (victim:Person)-[:VICTIM_SUSPECT_PAIR]->(suspect:Person) per resolved pair named together on
//   at least one dated call (victim record and suspect record on the same call, different people),
//   with the calls oldest first: call_ids, call_at, severities (Call.severity), calls (count),
//   relation (as recorded on the latest call; the largest value if its suspect records disagree)
//   and relations (every recorded relation, sorted). escalation and serial_offenders read these.
// mode: write
MATCH (v:Person) WHERE v.victim_call_count IS NOT NULL
CALL (v) {
  MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
        <-[rs:INVOLVED_IN {role: 'suspect'}]-(:PersonRecord)-[:RESOLVES_TO]->(s:Person)
  WHERE v <> s AND c.received_at IS NOT NULL
  WITH s, c, max(rs.relation_to_victim) AS relation, collect(DISTINCT rs.relation_to_victim) AS recorded
  ORDER BY c.received_at, c.call_id
  // collect([x]) keeps a null relation in place, so the last element is the latest call's
  WITH s, collect(c.call_id) AS call_ids, collect(c.received_at) AS call_at, collect(c.severity) AS severities,
       collect([relation]) AS per_call, collect(recorded) AS recorded
  CREATE (v)-[:VICTIM_SUSPECT_PAIR {
    calls: size(call_ids), call_ids: call_ids, call_at: call_at, severities: severities,
    relation: per_call[-1][0],
    relations: COLLECT { UNWIND recorded AS xs UNWIND xs AS x RETURN DISTINCT x ORDER BY x }
  }]->(s)
} IN TRANSACTIONS OF 5000 ROWS
