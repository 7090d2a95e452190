// title: Each household's contacts with each agency
// description: >
//   One (:Derived:AgencyContact {household_id, agency_id, contacts, first_contact, last_contact})
//   per household and agency that handled a call naming a member, gave a member a service or risk
//   assessment, attended a council case about a member or holds a measure of one: contacts counts
//   the distinct calls, services, assessments, cases and measures, first/last_contact their
//   dates. The agencies page lists an agency's households from these (a national police station
//   touches 133 k households: walking them per click took 10–20 s). Nodes, not relationships, so
//   the explorer does not draw 1.7 M extra links. Written only where changed; contacts with
//   agencies no longer in touch are removed.
// mode: write
MATCH (h:Household)
CALL (h) {
  CALL (h) {
    OPTIONAL MATCH (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
    OPTIONAL CALL (r) {
      MATCH (r)-[:INVOLVED_IN]->(x:Call)-[:HANDLED_BY]->(a:Agency) RETURN a, date(x.received_at) AS day, x AS what
      UNION
      // (not `x:Service|RiskAssessment`: a statement may not mix `|` with the `:Derived:…` below)
      MATCH (r)-[:SUBJECT_OF]->(x)-[:BY_AGENCY]->(a:Agency) WHERE x:Service OR x:RiskAssessment
      RETURN a, x.date AS day, x AS what
      UNION
      MATCH (r)-[:SUBJECT_OF]->(x:CouncilCase)<-[:ATTENDED]-(a:Agency) RETURN a, x.meeting_date AS day, x AS what
      UNION
      MATCH (r)-[:SUBJECT_OF]->(:CouncilCase)<-[:FOR_CASE]-(x:CouncilMeasure)-[:ASSIGNED_TO]->(a:Agency)
      RETURN a, x.start_date AS day, x AS what
    }
    WITH a, count(DISTINCT what) AS contacts, min(day) AS first_contact, max(day) AS last_contact
    WHERE a IS NOT NULL
    RETURN collect({agency_id: a.agency_id, contacts: contacts, first_contact: first_contact,
                    last_contact: last_contact}) AS wanted
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
} IN TRANSACTIONS OF 2000 ROWS
