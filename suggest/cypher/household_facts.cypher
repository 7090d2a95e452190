// title: What the suggestion rules read of a household
// description: >
//   For each of `household_ids`, up to `as_of`: its members (birth date, stored risk score), every
//   call naming a member (role, severity and its weapon and injury flags from derived/, the load that
//   created it, the call's resolved suspects), the victim–suspect pairs of those suspects with each
//   pair's first call (so a rule can tell a suspect's new victim), the agencies in contact with the
//   household and when first and last (derived AgencyContact), the council cases naming a member,
//   and how many of the members' records `load_id` created. suggest/rules.py decides from these.
// mode: read
// params:
//   household_ids: {type: list, required: true}
//   as_of: {type: date, required: true}
//   load_id: {type: str, default: null}
UNWIND $household_ids AS hid
MATCH (h:Household {household_id: hid})
WITH h, localdatetime({date: date($as_of) + duration({days: 1})}) AS until
CALL (h) {
  MATCH (h)<-[:MEMBER_OF]-(p:Person)
  RETURN collect({person_id: p.person_id, birth_date: toString(p.birth_date), birth_year: p.birth_year,
                  risk_points: p.risk_points, risk_level: p.risk_level}) AS members
}
CALL (h, until) {
  MATCH (h)<-[:MEMBER_OF]-(p:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[i:INVOLVED_IN]->(c:Call)
  WHERE c.received_at < until
  WITH DISTINCT p, i.role AS role, c
  RETURN collect({person_id: p.person_id, role: role, call_id: c.call_id, at: toString(c.received_at),
                  severity: c.severity, weapon: c.weapon, injury: c.injury,
                  first_load_id: c.first_load_id,
                  suspects: COLLECT { MATCH (c)<-[:INVOLVED_IN {role: 'suspect'}]-(:PersonRecord)
                                            -[:RESOLVES_TO]->(s:Person) RETURN DISTINCT s.person_id }}) AS calls
}
CALL (h, until) {
  MATCH (h)<-[:MEMBER_OF]-(:Person)-[:VICTIM_SUSPECT_PAIR]->(s:Person)
  WITH DISTINCT s
  MATCH (v:Person)-[pr:VICTIM_SUSPECT_PAIR]->(s)
  WHERE pr.call_at[0] < until
  RETURN collect({suspect_id: s.person_id, victim_id: v.person_id, first_at: toString(pr.call_at[0]),
                  first_call_id: pr.call_ids[0]}) AS pairs
}
CALL (h) {
  MATCH (ac:AgencyContact {household_id: h.household_id})
  WHERE ac.agency_id IS NOT NULL AND ac.first_contact <= date($as_of)   // both keys: the composite index
  RETURN collect({agency_id: ac.agency_id, first: toString(ac.first_contact), last: toString(ac.last_contact)}) AS contacts
}
CALL (h) {
  WITH h WHERE h.on_council_agenda   // derived/ (08): only households ever tabled have cases to read
  MATCH (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(cc:CouncilCase)
  RETURN collect(DISTINCT {case_id: cc.case_id, meeting_date: toString(cc.meeting_date), status: cc.status}) AS cases
}
RETURN h.household_id AS household_id, members, calls, pairs, contacts, cases,
       COUNT { MATCH (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
               WHERE $load_id IS NOT NULL AND r.first_load_id = $load_id } AS load_records
