// title: Stored risk scores (one page)
// description: >
//   The next `page` people by person_id after `after` holding a stored risk score, with what a
//   scoring run compares to decide whether to write it again (risk/scores.py). One record per
//   page: `nodes`, `last` and `rows`, one list per person (person_id, points, level, grade, graded
//   on as text, inputs, bins).
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (p:Person) USING INDEX p:Person(person_id)
WHERE p.person_id > $after AND p.risk_run IS NOT NULL
WITH p ORDER BY p.person_id LIMIT $page
WITH count(p) AS nodes, max(p.person_id) AS last,
     collect([p.person_id, p.risk_points, p.risk_level, p.risk_grade, toString(p.risk_graded_on), p.risk_inputs,
              p.risk_bins]) AS rows
RETURN nodes, last, rows
