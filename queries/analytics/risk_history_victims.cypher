// title: Victims for the risk history (analytics pull, one page)
// description: >
//   The next `page` people by person_id after `after` who are named as the victim on a call (any
//   date): name, sex and birth year (for the fairness report, not model inputs), the current
//   household (the latest membership), how many other people live in their households and the
//   birth date of the youngest of them (children in the household, at any cut-off). One record per
//   page: `nodes`, `last` and `rows`, one list per victim in the order `columns` names. Used by
//   queries/risk_history.py.
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (v:Person) WHERE v.person_id > $after
  AND EXISTS { (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(:Call) }
WITH v ORDER BY v.person_id LIMIT $page
CALL (v) {
  OPTIONAL MATCH (v)-[m:MEMBER_OF]->(h:Household)
  WITH h ORDER BY m.from DESC, h.household_id
  RETURN head(collect(h.household_id)) AS household_id
}
CALL (v) {
  OPTIONAL MATCH (v)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(k:Person) WHERE k <> v
  RETURN count(DISTINCT k) AS others, max(k.birth_date) AS youngest
}
WITH count(v) AS nodes, max(v.person_id) AS last,
     collect([v.person_id, v.name, v.sex, v.birth_year, household_id, others, toString(youngest)]) AS rows
RETURN nodes, last, ['person_id', 'name', 'sex', 'birth_year', 'household_id', 'household_others',
                     'youngest_other_born'] AS columns, rows
