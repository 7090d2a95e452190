// title: Households a suggestion run looks at
// description: >
//   The households touched by the run's new facts: calls received, and services, risk assessments
//   and police measures dated, from `from_day` to `as_of` (the day after the previous run, or the
//   start of the recent window on a first run); and, following a load, the records that load
//   created (late arrivals dated before `from_day` but on or after `recent_from`). Households of
//   the people those name (victims, suspects, child witnesses, clients, subjects). Ids only.
// mode: read
// params:
//   from_day: {type: date, required: true, description: First day of the period}
//   as_of: {type: date, required: true, description: Last day of the period}
//   load_id: {type: str, default: null, description: The load followed up, if any}
//   recent_from: {type: date, required: true, description: Oldest day a late arrival may have}
CALL () {
  MATCH (c:Call) WHERE c.received_at >= localdatetime({date: date($from_day)})
    AND c.received_at < localdatetime({date: date($as_of) + duration({days: 1})})
  RETURN c AS e
  UNION
  MATCH (s:Service) WHERE s.date >= date($from_day) AND s.date <= date($as_of)
  RETURN s AS e
  UNION
  MATCH (a:RiskAssessment) WHERE a.date >= date($from_day) AND a.date <= date($as_of)
  RETURN a AS e
  UNION
  MATCH (m:PoliceMeasure) WHERE m.date >= date($from_day) AND m.date <= date($as_of)
  RETURN m AS e
  UNION
  MATCH (r:PersonRecord) WHERE $load_id IS NOT NULL AND r.load_id = $load_id AND r.first_load_id = $load_id
  MATCH (r)-[:INVOLVED_IN|SUBJECT_OF]->(e)
  WHERE NOT e:CouncilCase AND coalesce(date(e.received_at), e.date) >= date($recent_from)
    AND coalesce(date(e.received_at), e.date) <= date($as_of)
  RETURN e
}
MATCH (e)<-[:INVOLVED_IN|SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
RETURN DISTINCT h.household_id AS household_id
ORDER BY household_id
