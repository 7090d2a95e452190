// title: Agenda suggestions of one status
// title_ko: 협의회 상정 제안 목록
// description: >
//   One page of the stored agenda suggestions (suggest/, one per household) whose status is
//   `status` (open, accepted or dismissed), highest priority first, then the newest fact, then the
//   household id (a total order, so pages never overlap), and how many there are. Each row holds
//   the suggestion's reasons (JSON of rules, ids, days and counts), its facts' ids, and the people
//   its reasons name (reason persons and suspects) with their names and birth years, for the data
//   gate to mask (queries/suggestions.py). Read by the index on (status, priority).
// mode: read
// params:
//   status: {type: str, required: true, description: "open, accepted or dismissed"}
//   skip: {type: int, default: 0, description: Rows before the page}
//   limit: {type: int, default: 25, description: Rows of the page}
// kinds:
//   total: number
//   rows: {household_id: id, status: code, reasons: code, rules: code, fact_ids: id, person_ids: id,
//       offender_ids: id, priority: number, first_raised_on: date, raised_on: date, latest_fact_on: date,
//       raised_count: number, news_since_decision: code, run: id, decided_by: name, decided_at: date,
//       decision_reason: text, people: {person_id: id, name: name, birth_year: number}}
CALL () {
  MATCH (s:Suggestion) WHERE s.status = $status AND s.priority IS NOT NULL
  RETURN count(s) AS total
}
CALL () {
  MATCH (s:Suggestion) WHERE s.status = $status AND s.priority IS NOT NULL
  WITH s ORDER BY s.priority DESC, s.latest_fact_on DESC, s.household_id SKIP $skip LIMIT $limit
  RETURN collect(s {.household_id, .status, .reasons, .rules, .fact_ids, .person_ids, .offender_ids,
                    .priority, .first_raised_on, .raised_on, .latest_fact_on, .raised_count,
                    .news_since_decision, .run, .decided_by, .decided_at, .decision_reason,
                    people: COLLECT { MATCH (p:Person)
                                      WHERE p.person_id IN coalesce(s.person_ids, [])
                                         OR p.person_id IN coalesce(s.offender_ids, [])
                                      RETURN p {.person_id, .name, .birth_year}
                                      ORDER BY p.person_id }}) AS rows
}
RETURN total, rows
