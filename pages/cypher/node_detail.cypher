// title: Explorer node details
// title_ko: 탐색 항목 상세
// description: >
//   One node's properties (with provenance) and, for a Person, up to 10 of the source records
//   resolved to it (newest load first) with the resolution score and method, and how many there
//   are; for a Household its members.
// mode: read
// params:
//   id: {type: str, required: true, description: Element id}
MATCH (n) WHERE elementId(n) = $id
RETURN elementId(n) AS id, head(labels(n)) AS label, properties(n) AS props,
       COLLECT { MATCH (n)<-[rr:RESOLVES_TO]-(r:PersonRecord)
                 RETURN {record_id: r.record_id, source: r.source, name: r.name, birth_raw: r.birth_raw,
                         source_file: r.source_file, source_row: r.source_row,
                         score: rr.score, method: rr.method}
                 ORDER BY r.record_id LIMIT 10 } AS records,
       COUNT { (n)<-[:RESOLVES_TO]-(:PersonRecord) } AS record_count,
       COLLECT { MATCH (n)<-[:MEMBER_OF]-(p:Person) RETURN p.person_id ORDER BY p.person_id } AS members,
       COLLECT { MATCH (n)-[:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY h.household_id } AS households
