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
MATCH (s:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[rs:INVOLVED_IN {role: 'suspect'}]->(c:Call)
      <-[:INVOLVED_IN {role: 'victim'}]-(:PersonRecord)-[:RESOLVES_TO]->(v:Person)
WHERE v <> s
WITH s, collect(DISTINCT v.person_id) AS victim_ids, collect(DISTINCT c) AS calls,
     collect(DISTINCT rs.relation_to_victim) AS relations
WHERE size(victim_ids) >= $min_victims
OPTIONAL MATCH (s)-[:MEMBER_OF]->(h:Household)
WITH s, victim_ids, calls, relations, min(h.household_id) AS household_id
UNWIND calls AS c
WITH s, victim_ids, relations, household_id, c ORDER BY c.received_at, c.call_id
WITH s, victim_ids, relations, household_id, collect(c) AS calls
RETURN s.person_id AS person_id, s.name AS name, household_id, size(victim_ids) AS victims,
       COLLECT { UNWIND victim_ids AS x RETURN x ORDER BY x } AS victim_person_ids, relations,
       [c IN calls | c.call_id] AS call_ids, calls[0].received_at AS first_call_at,
       calls[-1].received_at AS last_call_at
ORDER BY victims DESC, size(call_ids) DESC, person_id
