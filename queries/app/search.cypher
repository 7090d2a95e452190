// title: Explorer search
// title_ko: 인물·가구 검색
// description: >
//   People whose canonical name contains `name_q` (Hangul, partial, spaces removed), whose recorded
//   phone contains `digits` (at least 4), who live at an address containing `q`, or whose person,
//   household or call id is `q`; with their household.
// mode: read
// params:
//   q: {type: str, required: true}
//   name_q: {type: str, required: true}
//   digits: {type: str, default: ""}
//   limit: {type: int, default: 25}
// kinds:
//   person_id: id
//   name: name
//   birth_date: birth
//   birth_year: number
//   sex: code
//   household_id: id
//   matched: code
CALL () {
  MATCH (p:Person) WHERE size($name_q) >= 1 AND replace(coalesce(p.name, ''), ' ', '') CONTAINS $name_q
  RETURN p, 'name' AS matched
  UNION
  MATCH (p:Person {person_id: $q}) RETURN p, 'id' AS matched
  UNION
  MATCH (r:PersonRecord) WHERE size($digits) >= 4 AND r.phone CONTAINS $digits
  MATCH (r)-[:RESOLVES_TO]->(p:Person) RETURN p, 'phone' AS matched
  UNION
  MATCH (a:Address)
  WHERE size($q) >= 2 AND (a.address_id = $q OR coalesce(a.text, '') CONTAINS $q
        OR coalesce(a.road_address, '') CONTAINS $q OR coalesce(a.lot_address, '') CONTAINS $q)
  MATCH (p:Person)-[:MEMBER_OF]->(:Household)-[:LIVES_AT]->(a) RETURN p, 'address' AS matched
  UNION
  MATCH (p:Person)-[:MEMBER_OF]->(:Household {household_id: $q}) RETURN p, 'household' AS matched
  UNION
  MATCH (:Call {call_id: $q})<-[:INVOLVED_IN]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person) RETURN p, 'call' AS matched
}
WITH p, collect(DISTINCT matched) AS matched
// the current household: the membership begun last (a person who moved has several)
WITH p, matched, COLLECT { MATCH (p)-[m:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY m.from DESC, h.household_id LIMIT 1 }[0] AS household_id
RETURN p.person_id AS person_id, p.name AS name, p.birth_date AS birth_date, p.birth_year AS birth_year,
       p.sex AS sex, household_id, matched
ORDER BY p.name, p.person_id
LIMIT $limit
