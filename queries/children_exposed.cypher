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
// kinds:
//   person_id: id
//   name: name
//   birth_date: birth
//   household_id: id
//   exposure: code
//   witnessed_call_ids: id
//   household_call_ids: id
//   calls: number
//   last_call_at: date

// Reads the child-exposure summaries (derived/).
MATCH (k:Person) WHERE k.exposed_calls > 0
RETURN k.person_id AS person_id, k.name AS name, k.birth_date AS birth_date,
       COLLECT { MATCH (k)-[:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY h.household_id LIMIT 1 }[0]
         AS household_id,
       k.exposure AS exposure, coalesce(k.witnessed_call_ids, []) AS witnessed_call_ids,
       coalesce(k.household_call_ids, []) AS household_call_ids, k.exposed_calls AS calls,
       k.exposed_last_call_at AS last_call_at
ORDER BY calls DESC, person_id
