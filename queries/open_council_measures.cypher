// title: Overdue council measures
// title_ko: 기한이 지난 협의회 지원계획
// description: >
//   Council measures whose due date is before `as_of` (default today) and that were not done by
//   then (no done date on or before `as_of`, status not 완료), with the responsible agency and the
//   recorded reason. `reason_group` separates 상황변화 (circumstances changed) from 기관미이행 (the
//   agency did not act) so follow-up can go to the right place.
// description_ko: >
//   완료예정일이 `as_of`(기본값 오늘) 이전인데 그때까지 완료되지 않은(완료일이 없거나 `as_of` 이후,
//   상태가 완료가 아닌) 협의회 지원계획과 담당기관, 기록된 미완료사유. `reason_group`은 상황변화와
//   기관미이행을 구분합니다.
// mode: read
// app: true
// params:
//   as_of: {type: date, default: null, description: Reference date YYYY-MM-DD (default today)}
// columns:
//   measure_id: Council measure (지원계획번호)
//   case_id: Council case (안건번호)
//   field: Field (의료, 법률, …)
//   agency_id: Responsible agency
//   agency_name: Its name
//   agency_type: Its type
//   description: What was planned
//   due_date: Due date
//   days_overdue: Days past the due date at as_of
//   status: Status as recorded (계획, 진행, 중단)
//   reason: Reason recorded for not being done
//   reason_group: 상황변화, 기관미이행, 기타 or 미기재 (none recorded)
// kinds:
//   measure_id: id
//   case_id: id
//   field: code
//   agency_id: id
//   agency_name: agency
//   agency_type: code
//   description: text
//   due_date: date
//   days_overdue: number
//   status: code
//   reason: text
//   reason_group: code
WITH coalesce(date($as_of), date()) AS as_of
MATCH (m:CouncilMeasure)
WHERE m.due_date IS NOT NULL AND m.due_date < as_of
  AND (m.done_date IS NULL OR m.done_date > as_of)
  AND (coalesce(m.status, '') <> '완료' OR m.done_date > as_of)
OPTIONAL MATCH (m)-[:ASSIGNED_TO]->(a:Agency)
OPTIONAL MATCH (m)-[:FOR_CASE]->(k:CouncilCase)
RETURN m.measure_id AS measure_id, coalesce(k.case_id, m.case_id) AS case_id, m.field AS field,
       coalesce(a.agency_id, m.agency_id) AS agency_id, a.name AS agency_name, a.type AS agency_type,
       m.description AS description, m.due_date AS due_date,
       duration.inDays(m.due_date, as_of).days AS days_overdue, m.status AS status, m.reason AS reason,
       CASE WHEN m.reason IS NULL OR trim(m.reason) = '' THEN '미기재'
            WHEN m.reason CONTAINS '상황변화' THEN '상황변화'
            WHEN m.reason CONTAINS '미이행' THEN '기관미이행' ELSE '기타' END AS reason_group
ORDER BY days_overdue DESC, measure_id
