// title: Search for a user who sees names masked
// title_ko: 가려진 이름 검색 (협의회·기관)
// description: >
//   The candidates of a council or agency user's search (queries/gate.py: Gate.search): people
//   whose canonical name starts with one of `starts`, ends with one of `ends` or has a word
//   starting with one of `word_starts` (the visible characters of a masked name: its first and
//   last syllable, a Latin name's initials; queries/name_search.py computes the lists), and people
//   whose person, household or call id is `q`. The gate keeps those in the user's scope
//   (households_in_scope.cypher) and decides on the masked name alone. At most `cap` people, taken
//   in person_id order (a hash, so a cut never depends on the hidden syllables); the gate asks
//   for one more than it reads to know whether there were more. One row of parallel lists, the
//   i-th entries of each describing one person. Never matches other spellings, phones or addresses: the user
//   does not see them, so a match would confirm a hidden value.
// mode: read
// params:
//   starts: {type: list, required: true}
//   ends: {type: list, required: true}
//   word_starts: {type: list, required: true}
//   q: {type: str, required: true}
//   cap: {type: int, default: 20000}
// kinds:
//   person_ids: id
//   names: name
//   birth_years: number
//   by_id: code
//   member_persons: id
//   member_households: id
CALL () {
  UNWIND $starts AS s
  MATCH (p:Person) WHERE p.name STARTS WITH s RETURN p, false AS by_id
  UNION
  UNWIND $ends AS e
  MATCH (p:Person) WHERE p.name ENDS WITH e RETURN p, false AS by_id
  UNION
  UNWIND $word_starts AS w
  MATCH (p:Person) WHERE p.name CONTAINS w RETURN p, false AS by_id
  UNION
  MATCH (p:Person {person_id: $q}) RETURN p, true AS by_id
  UNION
  MATCH (p:Person)-[:MEMBER_OF]->(:Household {household_id: $q}) RETURN p, true AS by_id
  UNION
  MATCH (:Call {call_id: $q})<-[:INVOLVED_IN]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person) RETURN p, true AS by_id
}
WITH p, max(by_id) AS by_id
ORDER BY p.person_id
LIMIT $cap
// Every household of the person, current first (the membership begun last): a person who moved
// is in the scope when any of them is.
WITH p, by_id, COLLECT { MATCH (p)-[m:MEMBER_OF]->(h:Household) RETURN h.household_id
                         ORDER BY m.from DESC, h.household_id } AS households
ORDER BY p.person_id
// One row of parallel lists: a few thousand people (a surname at the jeju scale) arrive in a
// tenth of the time the same people take as rows. Memberships as two more parallel lists, one
// entry per (person, household), each person's current household first.
// (collect skips nulls: an unknown name is '', an unknown birth year 0)
WITH collect({p: p, by_id: by_id, households: households}) AS people
CALL (people) {
  UNWIND people AS x
  UNWIND x.households AS h
  RETURN collect(x.p.person_id) AS member_persons, collect(h) AS member_households
}
RETURN [x IN people | x.p.person_id] AS person_ids, [x IN people | coalesce(x.p.name, '')] AS names,
       [x IN people | coalesce(x.p.birth_year, 0)] AS birth_years, [x IN people | x.by_id] AS by_id,
       member_persons, member_households
