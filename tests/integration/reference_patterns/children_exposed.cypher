// title: Children exposed to violence
// title_ko: 폭력에 노출된 아동
// description: >
//   Children who witnessed a 112 call (role child_witness), or who were under 18 on the date of a
//   call naming a member of their household (victim or suspect). Age comes from the resolved
//   person's birth date (or birth year); a child witness counts whatever the recorded age.
// description_ko: >
//   112 신고의 목격아동이었거나, 같은 세대 구성원(피해자·가해자)이 나오는 신고 당시 18세 미만이었던
//   아동. 나이는 동일인 식별된 사람의 생년월일(또는 출생연도)로 계산하며, 목격아동은 나이와 관계없이
//   포함합니다.
// mode: read
// app: true
// params: {}
// columns:
//   person_id: The child (Person.person_id)
//   name: Canonical name
//   birth_date: Birth date (or null)
//   household_id: The child's household
//   exposure: witness, household or both
//   witnessed_call_ids: Calls the child witnessed
//   household_call_ids: Calls naming another household member while the child was under 18
//   calls: Total distinct calls
//   last_call_at: Latest of these calls
MATCH (k:Person)
OPTIONAL MATCH (k)-[:MEMBER_OF]->(h:Household)
WITH k, min(h.household_id) AS household_id, collect(h) AS households
WITH k, household_id, households,
     COLLECT { MATCH (k)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'child_witness'}]->(c:Call)
               RETURN DISTINCT c } AS witnessed,
     coalesce(k.birth_date, CASE WHEN k.birth_year IS NOT NULL THEN date({year: toInteger(k.birth_year), month: 7, day: 1}) END) AS born
WITH k, household_id, witnessed, born,
     CASE WHEN born IS NULL THEN [] ELSE COLLECT {
       UNWIND households AS h
       MATCH (h)<-[:MEMBER_OF]-(o:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[ri:INVOLVED_IN]->(c:Call)
       WHERE o <> k AND ri.role IN ['victim', 'suspect'] AND c.received_at IS NOT NULL
         AND date(c.received_at) < born + duration({years: 18}) AND date(c.received_at) >= born
       RETURN DISTINCT c } END AS household_calls
WHERE size(witnessed) > 0 OR size(household_calls) > 0
WITH k, household_id, born, witnessed, household_calls,
     COLLECT { UNWIND witnessed + household_calls AS c RETURN DISTINCT c } AS all_calls
RETURN k.person_id AS person_id, k.name AS name, k.birth_date AS birth_date, household_id,
       CASE WHEN size(witnessed) > 0 AND size(household_calls) > 0 THEN 'both'
            WHEN size(witnessed) > 0 THEN 'witness' ELSE 'household' END AS exposure,
       COLLECT { UNWIND witnessed AS c RETURN c.call_id ORDER BY c.call_id } AS witnessed_call_ids,
       COLLECT { UNWIND household_calls AS c RETURN c.call_id ORDER BY c.call_id } AS household_call_ids,
       size(all_calls) AS calls,
       COLLECT { UNWIND all_calls AS c RETURN c.received_at ORDER BY c.received_at DESC LIMIT 1 }[0] AS last_call_at
ORDER BY calls DESC, person_id
