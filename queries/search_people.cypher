// title: Find people
// title_ko: 사람 찾기
// description: >
//   Resolved people matching `text`: a part of a name in Hangul or Latin letters (spaces
//   ignored; matched on the canonical name and on every recorded spelling), phone digits (4 or
//   more, matched anywhere in a recorded phone number), a fragment of an address (recorded or
//   canonical), or an exact id (person_id, household_id, record key, client_ref, call_id). At most
//   `limit` (50) people, best matches first (ids, then whole names, then names starting with the
//   text, then other partial names and phones, then addresses), each with the household and what matched. Each kind of partial match reads at most
//   `candidates` people, so a very common fragment (a surname alone) answers quickly with some of
//   its matches: refine the text to see the others.
// description_ko: >
//   `text`와 일치하는 사람(동일인 식별된 Person): 이름 일부(한글 또는 영문, 띄어쓰기 무시, 대표
//   이름과 기록된 모든 표기), 전화번호 숫자 4자리 이상(기록된 번호 어디든), 주소 일부(기록된 주소
//   또는 표준 주소), 또는 정확한 번호(person_id, household_id, 기록 키, 내부관리번호, 신고번호).
//   최대 `limit`명(50명)을 잘 맞는 순서(번호, 이름 전체, 이름 앞부분, 이름·전화번호 일부, 주소)로 세대와 일치 항목과 함께
//   보여 줍니다. 일부 일치는 종류마다 최대 `candidates`명만 읽으므로, 성(姓)처럼 흔한 검색어는 일부
//   결과만 빠르게 보여 줍니다. 나머지는 검색어를 더 구체적으로 입력해 찾으세요.
// mode: read
// app: true
// params:
//   text: {type: str, required: true, description: Name part, phone digits, address fragment or id}
//   candidates: {type: int, default: 200, description: At most this many people per kind of partial match}
//   limit: {type: int, default: 50, description: At most this many people}
// columns:
//   person_id: Resolved person
//   name: Canonical name
//   birth_date: Birth date
//   sex: M or F
//   household_id: Household (if resolved)
//   address: The household's address
//   matched_on: What matched (id, name, phone, address, call)
//   records: Number of source records resolved to the person
// kinds:
//   person_id: id
//   name: name
//   birth_date: birth
//   sex: code
//   household_id: id
//   address: address
//   matched_on: code
//   records: number
WITH trim($text) AS q
WITH q, replace(q, ' ', '') AS qn,
     reduce(d = '', ch IN split(q, '') | CASE WHEN ch >= '0' AND ch <= '9' THEN d + ch ELSE d END) AS digits
WITH q, qn, digits, q =~ '[0-9 +()\\-]+' AS numeric
WHERE size(qn) >= 1
// One search term per kind, null where the kind does not apply: a text-index CONTAINS scan for
// null reads nothing, whereas a branch filtered only after its scan (`WHERE numeric AND …`) read
// all 3.7 M phone entries for every name search at the national scale.
WITH q, CASE WHEN NOT numeric THEN qn END AS name_q,
     CASE WHEN numeric AND size(digits) >= 4 THEN digits END AS phone_q,
     CASE WHEN NOT numeric AND size(q) >= 2 THEN q END AS address_q
CALL (q, name_q, phone_q, address_q) {
  MATCH (p:Person {person_id: q}) RETURN p, 'id' AS how, 0 AS rank
  UNION
  MATCH (p:Person)-[:MEMBER_OF]->(:Household {household_id: q}) RETURN p, 'id' AS how, 0 AS rank
  UNION
  MATCH (r:PersonRecord {record_id: q})-[:RESOLVES_TO]->(p:Person) RETURN p, 'id' AS how, 0 AS rank
  UNION
  MATCH (r:PersonRecord)-[:RESOLVES_TO]->(p:Person) WHERE r.client_ref = q RETURN p, 'id' AS how, 0 AS rank
  UNION
  MATCH (:Call {call_id: q})<-[:INVOLVED_IN]-(:PersonRecord)-[:RESOLVES_TO]->(p:Person)
  RETURN p, 'call' AS how, 0 AS rank
  UNION
  // Whole names first (range-index seeks), then names containing the text. Every partial kind
  // reads at most $candidates index entries: a surname alone matches 340 k people nationally,
  // and collecting them all to sort took seconds for a list nobody reads past the first screen.
  MATCH (p:Person) WHERE p.name = name_q RETURN p, 'name' AS how, 1 AS rank LIMIT $candidates
  UNION
  MATCH (r:PersonRecord)-[:RESOLVES_TO]->(p:Person) WHERE r.name_norm = name_q
  RETURN p, 'name' AS how, 1 AS rank LIMIT $candidates
  UNION
  MATCH (p:Person) WHERE p.name CONTAINS name_q RETURN p, 'name' AS how, 2 AS rank LIMIT $candidates
  UNION
  MATCH (r:PersonRecord)-[:RESOLVES_TO]->(p:Person) WHERE r.name_norm CONTAINS name_q
  RETURN p, 'name' AS how, 2 AS rank LIMIT $candidates
  UNION
  MATCH (r:PersonRecord)-[:RESOLVES_TO]->(p:Person) WHERE r.phone CONTAINS phone_q
  RETURN p, 'phone' AS how, 2 AS rank LIMIT $candidates
  UNION
  MATCH (p:Person) WHERE p.phone CONTAINS phone_q
  RETURN p, 'phone' AS how, 2 AS rank LIMIT $candidates
  UNION
  MATCH (r:PersonRecord)-[:RESOLVES_TO]->(p:Person) WHERE r.address CONTAINS address_q
  RETURN p, 'address' AS how, 3 AS rank LIMIT $candidates
  UNION
  MATCH (a:Address)<-[:LIVES_AT]-(:Household)<-[:MEMBER_OF]-(p:Person)
  WHERE a.text CONTAINS address_q
  RETURN p, 'address' AS how, 3 AS rank LIMIT $candidates
}
WITH p, name_q, collect(DISTINCT how) AS matched_on, min(rank) AS rank
// Exact, then prefix, then contained: a name that starts with the text ranks before one that only
// contains it (김 finds 김영자 before 이김순).
WITH p, matched_on, CASE WHEN rank < 2 THEN rank
                         WHEN rank = 2 AND 'name' IN matched_on AND replace(p.name, ' ', '') STARTS WITH name_q THEN 2
                         ELSE rank + 1 END AS rank
ORDER BY rank, size(matched_on) DESC, p.name, p.person_id
LIMIT $limit
// the current household (the membership begun last) and its address
WITH p, matched_on, rank, COLLECT { MATCH (p)-[m:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY m.from DESC, h.household_id LIMIT 1 }[0] AS household_id
OPTIONAL MATCH (:Household {household_id: household_id})-[:LIVES_AT]->(a:Address)
WITH p, matched_on, rank, household_id, min(a.text) AS address
RETURN p.person_id AS person_id, p.name AS name, p.birth_date AS birth_date, p.sex AS sex, household_id, address,
       matched_on, COUNT { (p)<-[:RESOLVES_TO]-(:PersonRecord) } AS records
ORDER BY rank, size(matched_on) DESC, name, person_id
