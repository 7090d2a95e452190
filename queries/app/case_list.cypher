// title: Council agenda items
// title_ko: 협의회 안건 목록
// description: Every council case with its meeting, type, risk level, status, submitting agency, and how many of its measures are open past their due date on `as_of` (default today).
// mode: read
// params:
//   as_of: {type: date, default: null}
// kinds:
//   case_id: id
//   meeting_date: date
//   meeting_no: code
//   case_type: code
//   risk_level: code
//   status: code
//   submitted_by: agency
//   measures: number
//   overdue: number
WITH coalesce(date($as_of), date()) AS as_of
MATCH (k:CouncilCase)
OPTIONAL MATCH (k)-[:SUBMITTED_BY]->(s:Agency)
RETURN k.case_id AS case_id, k.meeting_date AS meeting_date, k.meeting_no AS meeting_no,
       k.case_type AS case_type, k.risk_level AS risk_level, k.status AS status,
       coalesce(s.name, k.submitted_by) AS submitted_by,
       COUNT { (k)<-[:FOR_CASE]-(:CouncilMeasure) } AS measures,
       COUNT { (k)<-[:FOR_CASE]-(m:CouncilMeasure)
               WHERE m.due_date < as_of AND (m.done_date IS NULL OR m.done_date > as_of)
                 AND NOT coalesce(m.status, '') IN ['완료', '중단'] } AS overdue
ORDER BY k.meeting_date DESC, k.case_id
