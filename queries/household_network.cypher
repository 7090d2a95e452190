// title: Household network
// title_ko: 세대 관계망
// description: >
//   The people around a household and what connects them, one row per edge, ready for a network
//   view (cytoscape: node ids are `Label:key`). People: the household's members, then people
//   linked to them by a shared call, council case or a RELATED_TO relation, `hops` times (0–3;
//   Cypher cannot take a variable-length bound from a parameter, so the expansion is written out
//   for three levels and `hops` switches levels off). For every person: their households, calls,
//   police measures, risk assessments, services and council cases (person records are folded
//   into the person: the edge carries the record's role), the council measures of those cases,
//   and the agencies of all of these. Edges are ordered household first, then relations,
//   person–record edges, record–record edges and record–agency edges, and cut at `limit`;
//   `total_edges` and `omitted_edges` say how much was left out.
// description_ko: >
//   세대를 중심으로 한 사람과 기록의 관계망(간선 1개 = 1행, 노드 id는 `Label:key`). 세대 구성원에서
//   시작하여 같은 신고·협의회 안건을 공유하거나 RELATED_TO 관계로 이어진 사람을 `hops`단계(0–3)까지
//   넓힙니다(Cypher는 가변 길이 상한에 매개변수를 쓸 수 없어 3단계까지 고정으로 쓰고 `hops`로
//   끕니다). 각 사람의 세대, 신고, 경찰 보호조치, 위험성평가, 지원, 협의회 안건과 그 지원계획, 관련
//   기관을 포함합니다. 세대 → 관계 → 사람–기록 → 기록–기록 → 기록–기관 순으로 `limit`개까지 보여 주고
//   `omitted_edges`에 생략된 수를 표시합니다.
// mode: read
// params:
//   household_id: {type: str, required: true, description: Household (Household.household_id)}
//   hops: {type: int, default: 2, description: Person-to-person steps from the members (0-3)}
//   limit: {type: int, default: 300, description: Most edges to return}
// columns:
//   source_id: Source node id (Label:key)
//   source_label: Source node label
//   source_key: Source record key (person_id, call_id, service_key, …)
//   source_caption: Short caption for display
//   source_props: Display properties of the source
//   rel_type: Relationship type (MEMBER_OF, INVOLVED_IN, SUBJECT_OF, HANDLED_BY, …)
//   role: Role or relation on the edge (victim, suspect, 배우자, …)
//   target_id: Target node id
//   target_label: Target node label
//   target_key: Target record key
//   target_caption: Short caption
//   target_props: Display properties of the target
//   total_edges: Edges found before the limit
//   omitted_edges: Edges left out by the limit
// kinds:
//   source_id: id
//   source_label: code
//   source_key: id
//   source_caption: text
//   source_props: {name: name, birth_date: birth, sex: code, received_at: date, category: code,
//       priority: code, weapon: code, injury: code, outcome: code, date: date, field: code,
//       client_role: code, agency_id: id, type: code, end_date: date, grade: code, meeting_date: date,
//       case_type: code, risk_level: code, status: code, due_date: date, done_date: date, reason: text,
//       district: address}
//   rel_type: code
//   role: code
//   target_id: id
//   target_label: code
//   target_key: id
//   target_caption: text
//   target_props: {name: name, birth_date: birth, sex: code, received_at: date, category: code,
//       priority: code, weapon: code, injury: code, outcome: code, date: date, field: code,
//       client_role: code, agency_id: id, type: code, end_date: date, grade: code, meeting_date: date,
//       case_type: code, risk_level: code, status: code, due_date: date, done_date: date, reason: text,
//       district: address}
//   total_edges: number
//   omitted_edges: number
MATCH (h:Household {household_id: $household_id})
OPTIONAL MATCH (h)<-[:MEMBER_OF]-(m:Person)
WITH h, collect(DISTINCT m) AS ring0
WITH h, ring0, CASE WHEN $hops >= 1 THEN COLLECT {
    UNWIND ring0 AS p
    MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN|SUBJECT_OF]->(:Call|CouncilCase)
          <-[:INVOLVED_IN|SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(q:Person)
    RETURN q
    UNION
    UNWIND ring0 AS p
    MATCH (p)-[:RELATED_TO]-(q:Person) RETURN q } ELSE [] END AS ring1
WITH h, COLLECT { UNWIND ring0 + ring1 AS x RETURN DISTINCT x } AS ring1
WITH h, ring1, CASE WHEN $hops >= 2 THEN COLLECT {
    UNWIND ring1 AS p
    MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN|SUBJECT_OF]->(:Call|CouncilCase)
          <-[:INVOLVED_IN|SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(q:Person)
    RETURN q
    UNION
    UNWIND ring1 AS p
    MATCH (p)-[:RELATED_TO]-(q:Person) RETURN q } ELSE [] END AS ring2
WITH h, COLLECT { UNWIND ring1 + ring2 AS x RETURN DISTINCT x } AS ring2
WITH h, ring2, CASE WHEN $hops >= 3 THEN COLLECT {
    UNWIND ring2 AS p
    MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN|SUBJECT_OF]->(:Call|CouncilCase)
          <-[:INVOLVED_IN|SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(q:Person)
    RETURN q
    UNION
    UNWIND ring2 AS p
    MATCH (p)-[:RELATED_TO]-(q:Person) RETURN q } ELSE [] END AS ring3
WITH h, COLLECT { UNWIND ring2 + ring3 AS x RETURN DISTINCT x } AS people
WITH h, people, COLLECT {
    UNWIND people AS p
    MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN|SUBJECT_OF]->(e) RETURN DISTINCT e } AS events
WITH h, people, events + COLLECT {
    UNWIND events AS e
    MATCH (e:CouncilCase)<-[:FOR_CASE]-(m:CouncilMeasure) RETURN DISTINCT m } AS events
CALL (h, people, events) {
  MATCH (h)-[:LIVES_AT]->(a:Address) RETURN h AS s, 'LIVES_AT' AS rel, null AS role, a AS t, 0 AS rank
  UNION ALL
  UNWIND people AS p
  MATCH (p)-[:MEMBER_OF]->(hh:Household) RETURN p AS s, 'MEMBER_OF' AS rel, null AS role, hh AS t, 0 AS rank
  UNION ALL
  UNWIND people AS p
  MATCH (p)-[r:RELATED_TO]->(q:Person) WHERE q IN people
  RETURN p AS s, 'RELATED_TO' AS rel, r.relation AS role, q AS t, 1 AS rank
  UNION ALL
  UNWIND people AS p
  MATCH (p)<-[:RESOLVES_TO]-(:PersonRecord)-[x:INVOLVED_IN|SUBJECT_OF]->(e)
  RETURN DISTINCT p AS s, type(x) AS rel, x.role AS role, e AS t, 2 AS rank
  UNION ALL
  UNWIND events AS e
  MATCH (e)-[x:FOR_CALL|FOR_CASE]->(t) WHERE t IN events
  RETURN e AS s, type(x) AS rel, null AS role, t, 3 AS rank
  UNION ALL
  UNWIND events AS e
  MATCH (e)-[x:HANDLED_BY|BY_AGENCY|REFERRED_BY|SUBMITTED_BY|ASSIGNED_TO]->(a:Agency)
  RETURN e AS s, type(x) AS rel, null AS role, a AS t, 4 AS rank
  UNION ALL
  UNWIND events AS e
  MATCH (e:CouncilCase)<-[:ATTENDED]-(a:Agency)
  RETURN a AS s, 'ATTENDED' AS rel, null AS role, e AS t, 4 AS rank
}
WITH s, rel, role, t, rank
ORDER BY rank, elementId(s), rel, elementId(t)
WITH collect({s: s, rel: rel, role: role, t: t}) AS edges
WITH size(edges) AS total, edges[..$limit] AS shown
UNWIND shown AS e
WITH e, total, size(shown) AS shown_n, [n IN [e.s, e.t] |
  [lab IN [head([l IN labels(n) WHERE l IN ['Person', 'Household', 'Address', 'Call', 'PoliceMeasure',
        'RiskAssessment', 'Service', 'CouncilCase', 'CouncilMeasure', 'Agency']])] |
    {label: lab,
     key: CASE lab WHEN 'Person' THEN n.person_id WHEN 'Household' THEN n.household_id
            WHEN 'Address' THEN n.address_id WHEN 'Call' THEN n.call_id WHEN 'Service' THEN n.service_key
            WHEN 'RiskAssessment' THEN n.assessment_id WHEN 'CouncilCase' THEN n.case_id
            WHEN 'Agency' THEN n.agency_id ELSE n.measure_id END,
     caption: CASE lab WHEN 'Person' THEN coalesce(n.name, n.person_id)
            WHEN 'Household' THEN '세대 ' + n.household_id
            WHEN 'Address' THEN coalesce(n.text, n.road_address, n.lot_address, n.address_id)
            WHEN 'Call' THEN coalesce(n.category, '신고') + ' ' + coalesce(toString(date(n.received_at)), '')
            WHEN 'Service' THEN coalesce(n.field, '지원') + ' ' + coalesce(toString(n.date), '')
            WHEN 'PoliceMeasure' THEN coalesce(n.type, '보호조치') + ' ' + coalesce(toString(n.date), '')
            WHEN 'RiskAssessment' THEN '위험성평가 ' + coalesce(n.grade, '')
            WHEN 'CouncilCase' THEN '협의회 ' + n.case_id
            WHEN 'CouncilMeasure' THEN coalesce(n.field, '지원계획') + ' (' + coalesce(n.status, '') + ')'
            ELSE coalesce(n.name, n.agency_id) END,
     props: CASE lab WHEN 'Person' THEN n {.name, .birth_date, .sex}
            WHEN 'Call' THEN n {.received_at, .category, .priority, .weapon, .injury, .outcome}
            WHEN 'Service' THEN n {.date, .field, .client_role, .agency_id}
            WHEN 'PoliceMeasure' THEN n {.date, .type, .end_date}
            WHEN 'RiskAssessment' THEN n {.date, .grade}
            WHEN 'CouncilCase' THEN n {.meeting_date, .case_type, .risk_level, .status}
            WHEN 'CouncilMeasure' THEN n {.field, .status, .due_date, .done_date, .reason}
            WHEN 'Agency' THEN n {.name, .type, .district}
            WHEN 'Address' THEN n {.district}
            ELSE {} END}][0]] AS ends
RETURN ends[0].label + ':' + ends[0].key AS source_id, ends[0].label AS source_label, ends[0].key AS source_key,
       ends[0].caption AS source_caption, ends[0].props AS source_props, e.rel AS rel_type, e.role AS role,
       ends[1].label + ':' + ends[1].key AS target_id, ends[1].label AS target_label, ends[1].key AS target_key,
       ends[1].caption AS target_caption, ends[1].props AS target_props,
       total AS total_edges, total - shown_n AS omitted_edges
