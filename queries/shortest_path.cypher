// title: Shortest connection between two people
// title_ko: 두 사람 사이의 최단 연결
// description: >
//   The shortest chain linking two resolved people through shared calls, police measures, risk
//   assessments, services, council cases and measures, households and RELATED_TO relations
//   (agencies and addresses are not used: everyone shares a police station). One row per step;
//   person records are folded into their person (the step names the record as evidence), so
//   one step is e.g. person → call or call → person. Cypher cannot take a variable-length
//   bound from a parameter: the search is written with a fixed bound of 16 graph relationships
//   (8 steps) and `max_hops` (at most 8) filters the steps. No row when there is no such chain.
// description_ko: >
//   두 사람(동일인 식별된 Person)을 공동 신고·경찰 보호조치·위험성평가·지원·협의회 안건·세대·
//   RELATED_TO 관계로 잇는 가장 짧은 연결(기관과 주소는 쓰지 않습니다). 단계마다 1행이며, 인물
//   기록은 사람에 합쳐 근거로 표시합니다. Cypher는 가변 길이 상한에 매개변수를 쓸 수 없어 관계 16개
//   (8단계) 고정 상한으로 찾고 `max_hops`(최대 8)로 거릅니다. 연결이 없으면 결과가 없습니다.
// mode: read
// params:
//   person_a: {type: str, required: true, description: First person (person_id)}
//   person_b: {type: str, required: true, description: Second person (person_id)}
//   max_hops: {type: int, default: 4, description: Most steps (1-8)}
// columns:
//   step: Step number, from person_a
//   hops: Steps in the whole chain
//   from_id: Node id (Label:key) the step starts at
//   from_label: Its label
//   from_caption: Its caption
//   rel_type: Relationship type
//   role: Role or relation on the step
//   to_id: Node id the step ends at
//   to_label: Its label
//   to_caption: Its caption
//   record_ids: Person records behind the step (evidence)
// kinds:
//   step: number
//   hops: number
//   from_id: id
//   from_label: code
//   from_caption: text
//   rel_type: code
//   role: code
//   to_id: id
//   to_label: code
//   to_caption: text
//   record_ids: id
MATCH (a:Person {person_id: $person_a}), (b:Person {person_id: $person_b})
WHERE a <> b
MATCH path = shortestPath((a)-[:RESOLVES_TO|INVOLVED_IN|SUBJECT_OF|RELATED_TO|MEMBER_OF|FOR_CALL|FOR_CASE*..16]-(b))
WITH path, size([r IN relationships(path) WHERE type(r) <> 'RESOLVES_TO']) AS hops
WHERE hops <= $max_hops
WITH hops, nodes(path) AS ns, relationships(path) AS rs
UNWIND range(0, size(rs) - 1) AS i
WITH hops, ns, rs, i WHERE type(rs[i]) <> 'RESOLVES_TO'
WITH hops, i, rs[i] AS r,
     CASE WHEN ns[i]:PersonRecord THEN ns[i - 1] ELSE ns[i] END AS s,
     CASE WHEN ns[i + 1]:PersonRecord THEN ns[i + 2] ELSE ns[i + 1] END AS t,
     [n IN [ns[i], ns[i + 1]] WHERE n:PersonRecord | n.record_id] AS record_ids
ORDER BY i
WITH hops, collect({r: r, s: s, t: t, record_ids: record_ids}) AS steps
UNWIND range(0, size(steps) - 1) AS j
WITH hops, j, steps[j] AS st
WITH hops, j, st, [n IN [st.s, st.t] |
  [lab IN [head([l IN labels(n) WHERE l IN ['Person', 'Household', 'Call', 'PoliceMeasure',
        'RiskAssessment', 'Service', 'CouncilCase', 'CouncilMeasure']])] |
    {label: lab,
     key: CASE lab WHEN 'Person' THEN n.person_id WHEN 'Household' THEN n.household_id
            WHEN 'Call' THEN n.call_id WHEN 'Service' THEN n.service_key
            WHEN 'RiskAssessment' THEN n.assessment_id WHEN 'CouncilCase' THEN n.case_id ELSE n.measure_id END,
     caption: CASE lab WHEN 'Person' THEN coalesce(n.name, n.person_id)
            WHEN 'Household' THEN '세대 ' + n.household_id
            WHEN 'Call' THEN coalesce(n.category, '신고') + ' ' + coalesce(toString(date(n.received_at)), '')
            WHEN 'Service' THEN coalesce(n.field, '지원') + ' ' + coalesce(toString(n.date), '')
            WHEN 'PoliceMeasure' THEN coalesce(n.type, '보호조치') + ' ' + coalesce(toString(n.date), '')
            WHEN 'RiskAssessment' THEN '위험성평가 ' + coalesce(n.grade, '')
            WHEN 'CouncilCase' THEN '협의회 ' + n.case_id
            ELSE coalesce(n.field, '지원계획') END}][0]] AS ends
RETURN j + 1 AS step, hops, ends[0].label + ':' + ends[0].key AS from_id, ends[0].label AS from_label,
       ends[0].caption AS from_caption, type(st.r) AS rel_type, coalesce(st.r.role, st.r.relation) AS role,
       ends[1].label + ':' + ends[1].key AS to_id, ends[1].label AS to_label, ends[1].caption AS to_caption,
       st.record_ids AS record_ids
ORDER BY step
