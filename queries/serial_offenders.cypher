// title: Serial offenders
// title_ko: 다수 피해자 가해자
// description: >
//   People recorded as the suspect on 112 calls against at least `min_victims` distinct victims
//   (resolved persons), with the victims' person_ids and the call_ids that show it.
// description_ko: >
//   서로 다른 피해자 `min_victims`명 이상에 대한 112 신고에서 가해자로 기록된 사람과 그 피해자
//   person_id, 근거 신고번호.
// mode: read
// app: true
// params:
//   min_victims: {type: int, default: 2, description: Fewest distinct victims}
// columns:
//   person_id: The suspect (Person.person_id)
//   name: Canonical name
//   household_id: The suspect's household, if resolved
//   victims: Number of distinct victims
//   victim_person_ids: The victims' person_ids
//   relations: Relations to the victims as recorded (배우자, 전연인, …)
//   call_ids: Calls naming the suspect and one of these victims
//   first_call_at: First such call
//   last_call_at: Last such call
// kinds:
//   person_id: id
//   name: name
//   household_id: id
//   victims: number
//   victim_person_ids: id
//   relations: code
//   call_ids: id
//   first_call_at: date
//   last_call_at: date

// Reads the suspect summaries (derived/, from the victim–suspect pairs).
MATCH (s:Person) WHERE s.suspect_victims >= $min_victims
RETURN s.person_id AS person_id, s.name AS name,
       COLLECT { MATCH (s)-[:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY h.household_id LIMIT 1 }[0]
         AS household_id,
       s.suspect_victims AS victims, s.suspect_victim_ids AS victim_person_ids,
       coalesce(s.suspect_relations, []) AS relations, s.suspect_call_ids AS call_ids,
       s.suspect_first_call_at AS first_call_at, s.suspect_last_call_at AS last_call_at
ORDER BY victims DESC, size(call_ids) DESC, person_id
