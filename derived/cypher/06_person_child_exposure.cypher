// title: Children exposed to violence
// description: >
//   Person.exposure (witness, household or both), witnessed_call_ids (calls the person witnessed as
//   a child, role child_witness), household_call_ids (calls naming another member of one of the
//   person's households as victim or suspect while the person was under 18: from the birth date, or
//   1 July of the birth year), exposed_calls (distinct calls of both kinds) and exposed_last_call_at.
//   Absent for everyone else. People born more than 18 years before the first call are skipped for
//   the household part: no call can fall in their childhood.
// mode: write
CALL () { MATCH (c:Call) WHERE c.received_at IS NOT NULL RETURN date(min(c.received_at)) AS first_day }
MATCH (k:Person)
CALL (k, first_day) {
  WITH k, first_day,
       coalesce(k.birth_date, CASE WHEN k.birth_year IS NOT NULL
                                   THEN date({year: toInteger(k.birth_year), month: 7, day: 1}) END) AS born
  WITH k, born,
       COLLECT { MATCH (k)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'child_witness'}]->(c:Call)
                 RETURN DISTINCT c } AS witnessed,
       CASE WHEN born IS NULL OR first_day IS NULL OR born + duration({years: 18}) <= first_day THEN []
            ELSE COLLECT {
              MATCH (k)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(o:Person)<-[:RESOLVES_TO]-(:PersonRecord)
                    -[ri:INVOLVED_IN]->(c:Call)
              WHERE o <> k AND ri.role IN ['victim', 'suspect'] AND c.received_at IS NOT NULL
                AND date(c.received_at) < born + duration({years: 18}) AND date(c.received_at) >= born
              RETURN DISTINCT c } END AS household_calls
  WITH k, COLLECT { UNWIND witnessed AS c RETURN c.call_id ORDER BY c.call_id } AS w_ids,
       COLLECT { UNWIND household_calls AS c RETURN c.call_id ORDER BY c.call_id } AS h_ids,
       COLLECT { UNWIND witnessed + household_calls AS c RETURN DISTINCT c } AS all_calls
  WITH k, w_ids, h_ids, all_calls,
       CASE WHEN size(w_ids) > 0 AND size(h_ids) > 0 THEN 'both' WHEN size(w_ids) > 0 THEN 'witness'
            WHEN size(h_ids) > 0 THEN 'household' END AS exposure,
       COLLECT { UNWIND all_calls AS c RETURN c.received_at ORDER BY c.received_at DESC LIMIT 1 }[0] AS last_at
  WHERE coalesce(k.witnessed_call_ids, []) <> w_ids OR coalesce(k.household_call_ids, []) <> h_ids
     OR coalesce(toString(k.exposed_last_call_at), '') <> coalesce(toString(last_at), '')
  SET k.exposure = exposure,
      k.witnessed_call_ids = CASE WHEN size(w_ids) > 0 THEN w_ids END,
      k.household_call_ids = CASE WHEN size(h_ids) > 0 THEN h_ids END,
      k.exposed_calls = CASE WHEN size(all_calls) > 0 THEN size(all_calls) END,
      k.exposed_last_call_at = last_at
} IN CONCURRENT TRANSACTIONS OF 5000 ROWS
