// title: Each suspect's victims
// description: >
//   Person.suspect_victims (distinct victims), suspect_victim_ids (sorted), suspect_call_ids (the
//   calls naming the person as suspect and one of them, oldest first), suspect_first_call_at,
//   suspect_last_call_at and suspect_relations (sorted), from the VICTIM_SUSPECT_PAIR
//   relationships. Absent for people never recorded as a suspect against someone else.
// mode: write
MATCH (s:Person)
WHERE s.suspect_victims IS NOT NULL OR EXISTS { ()-[:VICTIM_SUSPECT_PAIR]->(s) }
CALL (s) {
  CALL (s) {
    OPTIONAL MATCH (v:Person)-[pr:VICTIM_SUSPECT_PAIR]->(s)
    WITH v, pr ORDER BY v.person_id
    RETURN collect(v.person_id) AS victims, collect(pr) AS pairs
  }
  WITH s, victims,
       COLLECT { UNWIND pairs AS pr UNWIND range(0, size(pr.call_ids) - 1) AS i
                 WITH DISTINCT pr.call_ids[i] AS id, pr.call_at[i] AS at
                 RETURN {id: id, at: at} AS x ORDER BY at, id } AS calls,
       COLLECT { UNWIND pairs AS pr UNWIND coalesce(pr.relations, []) AS x RETURN DISTINCT x ORDER BY x } AS relations
  WITH s, victims, [x IN calls | x.id] AS ids, calls, relations
  WHERE coalesce(s.suspect_victim_ids, []) <> victims OR coalesce(s.suspect_call_ids, []) <> ids
     OR coalesce(s.suspect_relations, []) <> relations
     OR coalesce(toString(s.suspect_first_call_at), '') <> coalesce(toString(calls[0].at), '')
     OR coalesce(toString(s.suspect_last_call_at), '') <> coalesce(toString(calls[-1].at), '')
  SET s.suspect_victims = CASE WHEN size(victims) > 0 THEN size(victims) END,
      s.suspect_victim_ids = CASE WHEN size(victims) > 0 THEN victims END,
      s.suspect_call_ids = CASE WHEN size(ids) > 0 THEN ids END,
      s.suspect_relations = CASE WHEN size(relations) > 0 THEN relations END,
      s.suspect_first_call_at = calls[0].at, s.suspect_last_call_at = calls[-1].at
} IN CONCURRENT TRANSACTIONS OF 5000 ROWS
