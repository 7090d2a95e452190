// title: Agencies in contact with each household
// description: >
//   From the members' records (calls handled, services, risk assessments, police measures — the
//   "direct" contacts): Household.contact_agency_ids (sorted), contact_agency_count, contact_count
//   (distinct record keys), first_contact, last_contact, contact_call_ids, contact_service_keys.
//   Household.agency_ids adds the council's agencies (submitting, attending, assigned a measure)
//   and feeds agency co-involvement. Household.on_council_agenda: a member is the subject of a
//   council case. Membership periods are not applied here (household_agencies applies them).
// mode: write
MATCH (h:Household)
CALL (h) {
  CALL (h) {
    OPTIONAL MATCH (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
    OPTIONAL CALL (r) {
      MATCH (r)-[:INVOLVED_IN]->(c:Call)-[:HANDLED_BY]->(a:Agency)
      RETURN a, 'call' AS kind, c.call_id AS key, date(c.received_at) AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(s:Service)-[:BY_AGENCY]->(a:Agency)
      RETURN a, 'service' AS kind, s.service_key AS key, s.date AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(x:RiskAssessment)-[:BY_AGENCY]->(a:Agency)
      RETURN a, 'risk_assessment' AS kind, x.assessment_id AS key, x.date AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(m:PoliceMeasure)-[:FOR_CALL]->(:Call)-[:HANDLED_BY]->(a:Agency)
      RETURN a, 'police_measure' AS kind, m.measure_id AS key, m.date AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(:CouncilCase)-[:SUBMITTED_BY]->(a:Agency)
      RETURN a, 'council' AS kind, null AS key, null AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(:CouncilCase)<-[:ATTENDED]-(a:Agency)
      RETURN a, 'council' AS kind, null AS key, null AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(:CouncilCase)<-[:FOR_CASE]-(:CouncilMeasure)-[:ASSIGNED_TO]->(a:Agency)
      RETURN a, 'council' AS kind, null AS key, null AS day
    }
    WITH DISTINCT a, kind, key, day, kind <> 'council' AS direct
    RETURN collect(DISTINCT a.agency_id) AS all_ids,
           collect(DISTINCT CASE WHEN direct THEN a.agency_id END) AS ids,
           count(DISTINCT CASE WHEN direct THEN key END) AS contacts,
           min(CASE WHEN direct THEN day END) AS first_contact,
           max(CASE WHEN direct THEN day END) AS last_contact,
           collect(DISTINCT CASE kind WHEN 'call' THEN key END) AS call_ids,
           collect(DISTINCT CASE kind WHEN 'service' THEN key END) AS service_keys
  }
  WITH h, contacts, first_contact, last_contact,
       COLLECT { UNWIND all_ids AS x RETURN x ORDER BY x } AS all_ids,
       COLLECT { UNWIND ids AS x RETURN x ORDER BY x } AS ids,
       COLLECT { UNWIND call_ids AS x RETURN x ORDER BY x } AS call_ids,
       COLLECT { UNWIND service_keys AS x RETURN x ORDER BY x } AS service_keys,
       EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) } AS agenda
  WHERE coalesce(h.agency_ids, []) <> all_ids OR coalesce(h.contact_agency_ids, []) <> ids
     OR coalesce(h.contact_count, 0) <> contacts OR coalesce(h.contact_call_ids, []) <> call_ids
     OR coalesce(h.contact_service_keys, []) <> service_keys OR h.on_council_agenda IS NULL
     OR h.on_council_agenda <> agenda
     OR coalesce(toString(h.first_contact), '') <> coalesce(toString(first_contact), '')
     OR coalesce(toString(h.last_contact), '') <> coalesce(toString(last_contact), '')
  SET h.agency_ids = CASE WHEN size(all_ids) > 0 THEN all_ids END,
      h.contact_agency_ids = CASE WHEN size(ids) > 0 THEN ids END,
      h.contact_agency_count = CASE WHEN size(ids) > 0 THEN size(ids) END,
      h.contact_count = CASE WHEN contacts > 0 THEN contacts END,
      h.first_contact = first_contact, h.last_contact = last_contact,
      h.contact_call_ids = CASE WHEN size(call_ids) > 0 THEN call_ids END,
      h.contact_service_keys = CASE WHEN size(service_keys) > 0 THEN service_keys END,
      h.on_council_agenda = agenda
} IN TRANSACTIONS OF 5000 ROWS
