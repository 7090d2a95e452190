// title: Repeat-call rate, walking every call (the form the summary replaced)
// title_ko: 재신고율
// description: >
//   Of the calls received between `from` and `to` (inclusive; empty = no bound) that name a
//   resolved victim, how many are repeat calls: the same victim was the victim of another call in
//   the 365 days before.
// mode: read
// params:
//   from: {type: date, default: null}
//   to: {type: date, default: null}
MATCH (c:Call)<-[:INVOLVED_IN {role: 'victim'}]-(:PersonRecord)-[:RESOLVES_TO]->(v:Person)
WHERE c.received_at IS NOT NULL
  AND ($from IS NULL OR date(c.received_at) >= date($from)) AND ($to IS NULL OR date(c.received_at) <= date($to))
WITH DISTINCT c, v
WITH c, EXISTS {
  MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(p:Call)
  WHERE p <> c AND p.received_at < c.received_at AND p.received_at >= c.received_at - duration({days: 365})
} AS repeat
WITH c, max(CASE WHEN repeat THEN 1 ELSE 0 END) AS repeat
RETURN count(c) AS calls, sum(repeat) AS repeat_calls,
       CASE WHEN count(c) = 0 THEN null ELSE round(100.0 * sum(repeat) / count(c), 1) END AS rate_pct
