// title: Agencies in contact with each household
// description: >
//   One walk from each household's members' records to the agencies they met, written two ways.
//   On the Household, from the "direct" contacts (calls handled, services, risk assessments,
//   police measures): contact_agency_ids (sorted), contact_agency_count, contact_count (distinct
//   record keys), first_contact, last_contact, contact_call_ids, contact_service_keys;
//   agency_ids adds the council's agencies (submitting, attending, assigned a measure) and feeds
//   agency co-involvement; on_council_agenda says a member is the subject of a council case.
//   Per agency, one (:Derived:AgencyContact {household_id, agency_id, contacts, first_contact,
//   last_contact}) for each agency that handled a call naming a member, gave a member a service
//   or risk assessment, attended a council case about a member or holds a measure of one:
//   contacts counts those distinct calls, services, assessments, cases and measures. The agencies
//   page lists an agency's households from these (a national police station touches 133 k
//   households); nodes, not relationships, so the explorer does not draw 1.7 M extra links.
//   Written only where changed; contacts with agencies no longer in touch are removed.
//   Membership periods are not applied here (household_agencies applies them). The two were
//   separate walks (tests/integration/reference_derived/) taking 208 s and 211 s at national.
// mode: write
MATCH (h:Household)
CALL (h) {
  CALL (h) {
    OPTIONAL MATCH (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
    OPTIONAL CALL (r) {
      MATCH (r)-[:INVOLVED_IN]->(x:Call)-[:HANDLED_BY]->(a:Agency)
      RETURN a, 'call' AS kind, x AS what, x.call_id AS key, date(x.received_at) AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(x:Service)-[:BY_AGENCY]->(a:Agency)
      RETURN a, 'service' AS kind, x AS what, x.service_key AS key, x.date AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(x:RiskAssessment)-[:BY_AGENCY]->(a:Agency)
      RETURN a, 'risk_assessment' AS kind, x AS what, x.assessment_id AS key, x.date AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(x:PoliceMeasure)-[:FOR_CALL]->(:Call)-[:HANDLED_BY]->(a:Agency)
      RETURN a, 'police_measure' AS kind, x AS what, x.measure_id AS key, x.date AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(x:CouncilCase)-[:SUBMITTED_BY]->(a:Agency)
      RETURN a, 'submitted' AS kind, x AS what, null AS key, null AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(x:CouncilCase)<-[:ATTENDED]-(a:Agency)
      RETURN a, 'attended' AS kind, x AS what, null AS key, x.meeting_date AS day
      UNION
      MATCH (r)-[:SUBJECT_OF]->(:CouncilCase)<-[:FOR_CASE]-(x:CouncilMeasure)-[:ASSIGNED_TO]->(a:Agency)
      RETURN a, 'measure' AS kind, x AS what, null AS key, x.start_date AS day
    }
    WITH DISTINCT a.agency_id AS agency, kind, what, key, day
    WHERE agency IS NOT NULL
    RETURN collect({agency: agency, kind: kind, what: what, key: key, day: day}) AS found
  }
  // The household's direct contacts (a police measure counts; the council's items do not).
  CALL (found) {
    UNWIND found AS x
    WITH x WHERE x.kind IN ['call', 'service', 'risk_assessment', 'police_measure']
    RETURN collect(DISTINCT x.agency) AS ids, count(DISTINCT x.key) AS contacts,
           min(x.day) AS first_contact, max(x.day) AS last_contact,
           collect(DISTINCT CASE x.kind WHEN 'call' THEN x.key END) AS call_ids,
           collect(DISTINCT CASE x.kind WHEN 'service' THEN x.key END) AS service_keys
  }
  // Per agency: what it did with a member (a police measure and a case it only submitted do not
  // count; the case's meeting and the measure's start date do).
  CALL (found) {
    UNWIND found AS x
    WITH x WHERE x.kind IN ['call', 'service', 'risk_assessment', 'attended', 'measure']
    WITH x.agency AS agency_id, count(DISTINCT x.what) AS contacts, min(x.day) AS first_contact,
         max(x.day) AS last_contact
    RETURN collect({agency_id: agency_id, contacts: contacts, first_contact: first_contact,
                    last_contact: last_contact}) AS wanted
  }
  WITH h, wanted, contacts, first_contact, last_contact,
       COLLECT { UNWIND found AS x RETURN DISTINCT x.agency AS id ORDER BY id } AS all_ids,
       COLLECT { UNWIND ids AS x RETURN x ORDER BY x } AS ids,
       COLLECT { UNWIND call_ids AS x RETURN x ORDER BY x } AS call_ids,
       COLLECT { UNWIND service_keys AS x RETURN x ORDER BY x } AS service_keys,
       EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) } AS agenda
  CALL (h, all_ids, ids, contacts, first_contact, last_contact, call_ids, service_keys, agenda) {
    WITH h WHERE coalesce(h.agency_ids, []) <> all_ids OR coalesce(h.contact_agency_ids, []) <> ids
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
  }
  CALL (h, wanted) {
    MATCH (old:AgencyContact {household_id: h.household_id})
    WHERE old.agency_id IS NOT NULL   // both properties of the (household_id, agency_id) index
      AND NOT old.agency_id IN [w IN wanted | w.agency_id]
    DELETE old
  }
  CALL (h, wanted) {
    UNWIND wanted AS w
    MERGE (c:Derived:AgencyContact {household_id: h.household_id, agency_id: w.agency_id})
    WITH c, w
    WHERE c.contacts IS NULL OR c.contacts <> w.contacts
       OR coalesce(c.first_contact, date('0001-01-01')) <> coalesce(w.first_contact, date('0001-01-01'))
       OR coalesce(c.last_contact, date('0001-01-01')) <> coalesce(w.last_contact, date('0001-01-01'))
    SET c.contacts = w.contacts, c.first_contact = w.first_contact, c.last_contact = w.last_contact
  }
} IN CONCURRENT TRANSACTIONS OF 2000 ROWS
