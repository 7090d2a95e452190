// title: Accepted suggestions as council cases
// title_ko: 수용된 제안 (협의회 안건 양식)
// description: >
//   What a `council_cases` row (the data contract) needs for each accepted agenda suggestion,
//   highest priority first: the principal victim — among the household's members, those with
//   victim calls first, then those the suggestion's reasons name, then the higher stored risk
//   points, then more victim calls, then person_id — with name and birth date; the main suspect
//   (the victim's pair with most calls, then the latest; else a suspect the reasons name); the case
//   type (the victim's latest call's category); the victim's stored risk level (risk/scores.py); and
//   the agencies in contact with the household (derived AgencyContact). At most `limit` rows.
// mode: read
// params:
//   limit: {type: int, default: 5000, description: Rows to read}
// kinds:
//   household_id: id
//   priority: number
//   latest_fact_on: date
//   victim_id: id
//   victim_name: name
//   victim_birth: birth
//   suspect_id: id
//   suspect_name: name
//   suspect_birth: birth
//   case_type: code
//   risk_level: code
//   agency_ids: id
MATCH (s:Suggestion) WHERE s.status = 'accepted' AND s.priority IS NOT NULL
WITH s ORDER BY s.priority DESC, s.latest_fact_on DESC, s.household_id LIMIT $limit
CALL (s) {
  OPTIONAL MATCH (:Household {household_id: s.household_id})<-[:MEMBER_OF]-(p:Person)
  WITH p, coalesce(p.victim_call_count, 0) AS calls
  ORDER BY calls > 0 DESC, p.person_id IN coalesce(s.person_ids, []) DESC, coalesce(p.risk_points, -1) DESC,
           calls DESC, p.person_id
  RETURN head(collect(p)) AS victim
}
CALL (s, victim) {
  OPTIONAL MATCH (victim)-[pr:VICTIM_SUSPECT_PAIR]->(o:Person)
  WITH o, pr ORDER BY pr.calls DESC, pr.call_at[-1] DESC, o.person_id
  WITH head(collect(o)) AS paired
  OPTIONAL MATCH (named:Person) WHERE named.person_id IN coalesce(s.offender_ids, [])
  WITH paired, named ORDER BY named.person_id
  WITH paired, head(collect(named)) AS first_named
  RETURN coalesce(paired, first_named) AS suspect
}
CALL (victim) {
  OPTIONAL MATCH (victim)<-[:RESOLVES_TO]-(:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)
  WITH c ORDER BY c.received_at DESC, c.call_id DESC
  RETURN head(collect(c.category)) AS case_type
}
CALL (s) {
  OPTIONAL MATCH (ac:AgencyContact {household_id: s.household_id}) WHERE ac.agency_id IS NOT NULL
  WITH ac ORDER BY ac.agency_id
  RETURN collect(DISTINCT ac.agency_id) AS agency_ids
}
RETURN s.household_id AS household_id, s.priority AS priority, s.latest_fact_on AS latest_fact_on,
       victim.person_id AS victim_id, victim.name AS victim_name, victim.birth_date AS victim_birth,
       suspect.person_id AS suspect_id, suspect.name AS suspect_name, suspect.birth_date AS suspect_birth,
       case_type, victim.risk_level AS risk_level, agency_ids
ORDER BY priority DESC, latest_fact_on DESC, household_id
