// title: Risk features per victim (analytics pull)
// description: >
//   For every person who was the victim on a call before `as_of`, the history the risk score and
//   the fitted risk model use, from records dated before `as_of` only: the calls, the suspects'
//   relations and their other victims and calls, agencies, the latest checklist, police measures,
//   services, council cases and the household. Sex and birth year come along for the model's
//   fairness report only (they are not model inputs). Used by queries/risk.py and risk/.
// mode: read
// params:
//   as_of: {type: date, required: true, description: Cut-off date; only earlier records are used}
WITH date($as_of) AS as_of
MATCH (v:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
WHERE c.received_at < localdatetime({date: as_of})
WITH as_of, v, collect(DISTINCT c) AS calls
WITH as_of, v, [c IN calls | {call_id: c.call_id, at: c.received_at, priority: c.priority, weapon: c.weapon,
         injury: c.injury, outcome: c.outcome, child_present: c.child_present, category: c.category,
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
               RETURN DISTINCT s } AS suspects
WITH as_of, v, calls, relations, suspects,
     COLLECT { UNWIND suspects AS s
               MATCH (s)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'suspect'}]->(c2:Call)
                     <-[:INVOLVED_IN {role: 'victim'}]-(:PersonRecord)-[:RESOLVES_TO]->(o:Person)
               WHERE c2.received_at < localdatetime({date: as_of}) AND o <> v AND o <> s
               RETURN DISTINCT o.person_id } AS suspects_other_victims,
     COUNT { UNWIND suspects AS s
             MATCH (s)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'suspect'}]->(c2:Call)
             WHERE c2.received_at < localdatetime({date: as_of})
             RETURN DISTINCT c2 } AS suspect_calls,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN|SUBJECT_OF]->(e)-[:HANDLED_BY|BY_AGENCY]->(a:Agency)
               WHERE coalesce(e.date, date(e.received_at)) < as_of
               RETURN DISTINCT a.agency_id } AS agencies,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(ra:RiskAssessment)
               WHERE ra.date < as_of
               RETURN {date: ra.date, grade: ra.grade,
                       yes: size([k IN keys(ra) WHERE k STARTS WITH 'item_' AND ra[k] = true])}
               ORDER BY ra.date DESC, ra.assessment_id DESC LIMIT 1 } AS assessment,
     COUNT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(ra:RiskAssessment)
             WHERE ra.date < as_of RETURN DISTINCT ra } AS assessments,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(m:PoliceMeasure)
               WHERE m.date < as_of
               RETURN DISTINCT {type: m.type, date: m.date} } AS protections,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(sv:Service)
               WHERE sv.date < as_of
               RETURN DISTINCT {date: sv.date, field: sv.field} } AS services,
     COLLECT { MATCH (v)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(cc:CouncilCase)
               WHERE cc.meeting_date < as_of
               RETURN DISTINCT cc.meeting_date } AS council_dates,
     COUNT { MATCH (v)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(k:Person)
             WHERE k <> v AND k.birth_date IS NOT NULL AND k.birth_date > as_of - duration({years: 18}) } AS household_children,
     COUNT { MATCH (v)-[:MEMBER_OF]->(:Household)<-[:MEMBER_OF]-(k:Person) WHERE k <> v
             RETURN DISTINCT k } AS household_others
RETURN v.person_id AS person_id, v.name AS name, v.sex AS sex, v.birth_year AS birth_year,
       COLLECT { MATCH (v)-[m:MEMBER_OF]->(h:Household) RETURN h.household_id ORDER BY m.from DESC, h.household_id LIMIT 1 }[0] AS household_id, calls, relations,
       size(suspects_other_victims) AS suspect_other_victims, suspect_calls, size(agencies) AS agencies,
       assessment[0] AS assessment, assessments, protections, services, council_dates,
       household_children, household_others
