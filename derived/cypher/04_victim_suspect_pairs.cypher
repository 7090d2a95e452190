// title: Victim–suspect pairs
// description: >
//   One (victim:Person)-[:VICTIM_SUSPECT_PAIR]->(suspect:Person) per resolved pair named together on
//   at least one dated call (victim record and suspect record on the same call, different people),
//   with the calls oldest first: call_ids, call_at, severities (Call.severity), calls (count),
//   relation (as recorded on the latest call; the largest value if its suspect records disagree)
//   and relations (every recorded relation, sorted). escalation and serial_offenders read these.
//   Written only where they changed: a victim's pairs no longer named are deleted, changed ones
//   set, new ones created. Deleting every pair and creating it again took 150–181 s of each
//   national refresh even when nothing had changed.
// mode: write
MATCH (v:Person)
WHERE v.victim_call_count IS NOT NULL OR EXISTS { (v)-[:VICTIM_SUSPECT_PAIR]->() }
CALL (v) {
  CALL (v) {
    OPTIONAL MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
          <-[rs:INVOLVED_IN {role: 'suspect'}]-(:PersonRecord)-[:RESOLVES_TO]->(s:Person)
    WHERE v <> s AND c.received_at IS NOT NULL
    WITH s, c, max(rs.relation_to_victim) AS relation, collect(DISTINCT rs.relation_to_victim) AS recorded
    ORDER BY c.received_at, c.call_id
    // collect([x]) keeps a null relation in place, so the last element is the latest call's
    WITH s, collect(c.call_id) AS call_ids, collect(c.received_at) AS call_at, collect(c.severity) AS severities,
         collect([relation]) AS per_call, collect(recorded) AS recorded
    WHERE s IS NOT NULL
    RETURN collect({s: s, calls: size(call_ids), call_ids: call_ids, call_at: call_at, severities: severities,
                    relation: per_call[-1][0],
                    relations: COLLECT { UNWIND recorded AS xs UNWIND xs AS x RETURN DISTINCT x ORDER BY x }})
           AS wanted
  }
  CALL (v, wanted) {
    MATCH (v)-[old:VICTIM_SUSPECT_PAIR]->(s)
    WHERE NOT s IN [w IN wanted | w.s]
    DELETE old
  }
  CALL (v, wanted) {
    UNWIND wanted AS w
    WITH w, w.s AS s
    OPTIONAL MATCH (v)-[e:VICTIM_SUSPECT_PAIR]->(s)
    CALL (v, s, w, e) {
      WITH * WHERE e IS NULL
      CREATE (v)-[:VICTIM_SUSPECT_PAIR {calls: w.calls, call_ids: w.call_ids, call_at: w.call_at,
                                        severities: w.severities, relation: w.relation, relations: w.relations}]->(s)
    }
    CALL (w, e) {
      WITH * WHERE e IS NOT NULL
        AND (e.calls <> w.calls OR e.call_ids <> w.call_ids OR e.call_at <> w.call_at
             OR coalesce(e.severities, []) <> w.severities OR coalesce(e.relations, []) <> w.relations
             OR coalesce(e.relation, '') <> coalesce(w.relation, ''))
      SET e.calls = w.calls, e.call_ids = w.call_ids, e.call_at = w.call_at, e.severities = w.severities,
          e.relation = w.relation, e.relations = w.relations
    }
  }
} IN TRANSACTIONS OF 5000 ROWS
