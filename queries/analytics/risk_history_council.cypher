// title: Council cases for the risk history (analytics pull, one page)
// description: >
//   The next `page` council cases by case_id after `after`, whatever their date: the meeting date
//   and the resolved people they are about. One record per page: `nodes`, `last` and `rows`, one
//   list per case in the order `columns` names. Used by queries/risk_history.py.
// mode: read
// params:
//   after: {type: str, default: ""}
//   page: {type: int, default: 50000}
MATCH (cc:CouncilCase) WHERE cc.case_id > $after
WITH cc ORDER BY cc.case_id LIMIT $page
WITH count(cc) AS nodes, max(cc.case_id) AS last,
     collect([cc.case_id, toString(cc.meeting_date),
              COLLECT { MATCH (cc)<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person)
                        RETURN DISTINCT p.person_id }]) AS rows
RETURN nodes, last, ['case_id', 'date', 'people'] AS columns, rows
