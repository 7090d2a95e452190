// title: Households named by their members
// title_ko: 구성원 이름으로 부르는 가구
// description: >
//   For each of `household_ids`: the names of its first two members (most source records first,
//   then the older, then by person_id), how many members it has, and its current address (the
//   LIVES_AT link without an end, else the latest): its text, 읍·면·동 (district: a road address's
//   text names none) and 시. A sealed shelter's address has only its placeholder text. The data gate (Gate.household_names)
//   keeps the households in the user's scope, masks the names as the role may see them and reduces
//   the address to its 읍·면·동 (a sealed shelter's address has none), so a page can say
//   "김*자 · 박*수 외 2명 (이도이동)" instead of a household id.
// mode: read
// params:
//   household_ids: {type: list, required: true}
// kinds:
//   household_id: id
//   names: name
//   members: number
//   address: address
//   district: address
//   city: address
UNWIND $household_ids AS hid
MATCH (h:Household {household_id: hid})
CALL (h) {
  OPTIONAL MATCH (p:Person)-[:MEMBER_OF]->(h)
  WITH p, COUNT { (p)<-[:RESOLVES_TO]-(:PersonRecord) } AS records
  ORDER BY records DESC, p.birth_year, p.person_id
  RETURN [n IN collect(p.name) WHERE n IS NOT NULL][..2] AS names, count(p) AS members
}
CALL (h) {
  OPTIONAL MATCH (h)-[l:LIVES_AT]->(a:Address)
  WITH a, l ORDER BY l.to IS NULL DESC, l.from DESC, a.address_id
  WITH head(collect(a)) AS a
  RETURN a.text AS address, a.district AS district, a.city AS city
}
RETURN h.household_id AS household_id, names, members, address, district, city
