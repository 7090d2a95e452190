// title: How two people are connected
// title_ko: 두 사람의 연결
// description: >
//   The household explorer's "how are these two connected": every shortest chain (at most
//   `limit`) between two resolved people through shared calls, police measures, risk assessments,
//   services, council cases and measures, households and RELATED_TO relations, like the
//   catalogue's shortest_path (agencies and addresses are not used: everyone shares a police
//   station). Whole paths, not steps: the data gate checks every node of a path against the
//   user's scope (households_in_scope.cypher) and, for a council or agency user, searches again
//   around the nodes outside it (`blocked`, element ids the search may not pass through). A chain
//   has at most 2 x `max_hops` graph relationships (a person reaches an event through one of their
//   records); Cypher takes no parameter as a variable-length bound, so the search is bounded at 12
//   (6 steps) and `max_hops` (at most 6) filters the steps, which do not count RESOLVES_TO.
// mode: read
// params:
//   person_a: {type: str, required: true, description: First person (person_id)}
//   person_b: {type: str, required: true, description: Second person (person_id)}
//   max_hops: {type: int, default: 6, description: Most steps (1-6)}
//   blocked: {type: list, default: [], description: Element ids no chain may pass through}
//   limit: {type: int, default: 50, description: Most chains returned}
// kinds:
//   hops: number
//   nodes: {id: id, label: code, props: props}
//   rels: {type: code, role: code, start: id}
MATCH (a:Person {person_id: $person_a}), (b:Person {person_id: $person_b})
WHERE a <> b
MATCH path = allShortestPaths((a)-[:RESOLVES_TO|INVOLVED_IN|SUBJECT_OF|RELATED_TO|MEMBER_OF|FOR_CALL|FOR_CASE*..12]-(b))
WHERE all(n IN nodes(path) WHERE NOT elementId(n) IN $blocked)
WITH path, size([r IN relationships(path) WHERE type(r) <> 'RESOLVES_TO']) AS hops
WHERE hops <= $max_hops
WITH path, hops ORDER BY hops, [n IN nodes(path) | elementId(n)] LIMIT $limit
RETURN hops,
       [n IN nodes(path) | {id: elementId(n), label: head(labels(n)), props: properties(n)}] AS nodes,
       [r IN relationships(path) | {type: type(r), role: coalesce(r.role, r.relation),
                                    start: elementId(startNode(r))}] AS rels
