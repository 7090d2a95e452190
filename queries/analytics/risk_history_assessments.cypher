// title: Risk assessments for the risk history (analytics pull, one page)
// description: >
//   The next `page` checklists (RiskAssessment) by assessment_id after `after`, whatever their
//   date: date, grade, the number of items answered yes (`items_yes`, which the loader sets to
//   that count; counted from the items when absent), the agencies that filled them in and the
//   resolved people they are about. One record per page: `nodes`, `last` and `rows`, one list per
//   checklist in the order `columns` names. Used by queries/risk_history.py.
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (ra:RiskAssessment) WHERE ra.assessment_id > $after
WITH ra ORDER BY ra.assessment_id LIMIT $page
WITH count(ra) AS nodes, max(ra.assessment_id) AS last,
     collect([ra.assessment_id, toString(ra.date), ra.grade,
              coalesce(ra.items_yes, size([k IN keys(ra) WHERE k STARTS WITH 'item_' AND ra[k] = true])),
              COLLECT { MATCH (ra)-[:BY_AGENCY]->(a:Agency) RETURN DISTINCT a.agency_id },
              COLLECT { MATCH (ra)<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person)
                        RETURN DISTINCT p.person_id }]) AS rows
RETURN nodes, last, ['assessment_id', 'date', 'grade', 'yes', 'agencies', 'people'] AS columns, rows
