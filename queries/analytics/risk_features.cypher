// title: Risk features per victim (analytics pull)
// description: For every person who was the victim on a call before `as_of`, the history the risk score uses, from records dated before `as_of` only. Used by queries/risk.py.
// mode: read
// params:
//   as_of: {type: date, required: true, description: Cut-off date; only earlier records are used}
WITH date($as_of) AS as_of
MATCH (v:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
WHERE c.received_at < localdatetime({date: as_of})
WITH as_of, v, collect(DISTINCT c) AS calls
WITH as_of, v, [c IN calls | {call_id: c.call_id, at: c.received_at, priority: c.priority, weapon: c.weapon,
         injury: c.injury, outcome: c.outcome, child_present: c.child_present,
         order: EXISTS { (c)<-[:FOR_CALL]-(m:PoliceMeasure)
                         WHERE m.type STARTS WITH '임시조치' OR m.type STARTS WITH '잠정조치'
                            OR m.type IN ['긴급임시조치', '긴급응급조치'] },
         child_witness: EXISTS { (c)<-[:INVOLVED_IN {role: 'child_witness'}]-(:PersonRecord) }}] AS calls,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
                     <-[rs:INVOLVED_IN {role: 'suspect'}]-(:PersonRecord)
               WHERE c.received_at < localdatetime({date: as_of}) AND rs.relation_to_victim IS NOT NULL
               RETURN DISTINCT rs.relation_to_victim } AS relations,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
                     <-[:INVOLVED_IN {role: 'suspect'}]-(:PersonRecord)-[:RESOLVES_TO]->(s:Person)
               WHERE c.received_at < localdatetime({date: as_of}) AND s <> v
               MATCH (s)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'suspect'}]->(c2:Call)
                     <-[:INVOLVED_IN {role: 'victim'}]-(:PersonRecord)-[:RESOLVES_TO]->(o:Person)
               WHERE c2.received_at < localdatetime({date: as_of}) AND o <> v AND o <> s
               RETURN DISTINCT o.person_id } AS suspects_other_victims,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN|SUBJECT_OF]->(e)-[:HANDLED_BY|BY_AGENCY]->(a:Agency)
               WHERE coalesce(e.date, date(e.received_at)) < as_of
               RETURN DISTINCT a.agency_id } AS agencies,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(ra:RiskAssessment)
               WHERE ra.date < as_of
               RETURN {date: ra.date, grade: ra.grade,
                       yes: size([k IN keys(ra) WHERE k STARTS WITH 'item_' AND ra[k] = true])}
               ORDER BY ra.date DESC LIMIT 1 } AS assessment,
     COUNT { MATCH (v)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(k:Person)
             WHERE k <> v AND k.birth_date IS NOT NULL AND k.birth_date > as_of - duration({years: 18}) } AS household_children
RETURN v.person_id AS person_id, v.name AS name,
       COLLECT { MATCH (v)-[m:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY m.from DESC, h.household_id LIMIT 1 }[0] AS household_id, calls, relations,
       size(suspects_other_victims) AS suspect_other_victims, size(agencies) AS agencies,
       assessment[0] AS assessment, household_children
