// title: Explorer neighbours counted by kind or year
// title_ko: 탐색 그래프 이웃 묶음 집계
// description: >
//   The neighbours of one node (by element id) not in `exclude` whose label is one of `kinds`,
//   person records collapsed as in neighbours.cypher, counted per label, and per year when
//   `by_year` (the year of the event's date; 0 when it has none). The explorer shows a large fan
//   as summary nodes ("112 신고 944건") and splits one by kind, then by year, when it is tapped.
//   Reads one date per neighbour and no other property.
// mode: read
// params:
//   id: {type: str, required: true, description: Element id of the node whose neighbours are counted}
//   exclude: {type: list, default: [], description: Element ids already shown}
//   kinds: {type: list, required: true, description: Labels counted}
//   by_year: {type: bool, default: false, description: Count per year as well}
// kinds:
//   label: code
//   year: number
//   n: number
MATCH (n) WHERE elementId(n) = $id
CALL (n) {
  MATCH (n)-[]-(m)
  WHERE NOT m:PersonRecord AND NOT m:Load AND NOT m:ReviewDecision
  RETURN m
  UNION
  MATCH (n:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[]->(m)
  WHERE NOT m:Person AND NOT m:Address AND NOT m:Load
  RETURN m
  UNION
  MATCH (n)<-[:INVOLVED_IN|SUBJECT_OF|AT|POSSIBLE_MATCH]-(pr:PersonRecord)
  WHERE NOT n:Person
  OPTIONAL MATCH (pr)-[:RESOLVES_TO]->(p:Person)
  RETURN coalesce(p, pr) AS m
}
WITH m, head(labels(m)) AS label
WHERE label IN $kinds AND NOT elementId(m) IN $exclude
WITH label, CASE WHEN $by_year
                 THEN coalesce(coalesce(m.received_at, m.date, m.meeting_date, m.due_date, m.start_date,
                                        m.done_date).year, 0) END AS year
RETURN label, year, count(*) AS n
ORDER BY label, year DESC
