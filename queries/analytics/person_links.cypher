// title: Person links (analytics pull)
// description: Pairs of resolved people named together on a call or council case, or linked by RELATED_TO, with how many records link them. Used by queries/analytics.py.
// mode: read
// params: {}
MATCH (a:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN|SUBJECT_OF]->(e:Call|CouncilCase)
      <-[:INVOLVED_IN|SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(b:Person)
WHERE a.person_id < b.person_id
RETURN a.person_id AS a, b.person_id AS b, count(DISTINCT e) AS weight
UNION ALL
MATCH (a:Person)-[:RELATED_TO]-(b:Person)
WHERE a.person_id < b.person_id
RETURN DISTINCT a.person_id AS a, b.person_id AS b, 1 AS weight
