// title: Households in the user's scope
// title_ko: 열람 범위 안의 가구
// description: >
//   Those of `household_ids` that the scope covers: `agenda` (the council) covers households with
//   a member who is the victim or offender of a council case; `suggested` (the council's
//   secretary) covers those and the households with an agenda suggestion (suggest/) that is open
//   or accepted (a dismissed one's household leaves it); `agency` (an agency's worker) covers
//   households with a member the agency served, was referred or referred, handled a call of,
//   assessed, or was assigned a council measure for. The one statement of the scope rule: every
//   scoped read of the data gate (queries/gate.py) goes through it. The `all` scope (analysts,
//   after a purpose) is never asked.
// mode: read
// params:
//   household_ids: {type: list, required: true, description: Households to check}
//   scope: {type: str, required: true, description: "agenda, suggested or agency"}
//   agency_id: {type: str, default: null, description: The agency of an agency scope}
// kinds:
//   household_id: id
MATCH (h:Household) WHERE h.household_id IN $household_ids
  AND (($scope IN ['agenda', 'suggested']
        AND EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) })
    OR ($scope = 'suggested'
        AND EXISTS { MATCH (s:Suggestion {household_id: h.household_id}) WHERE s.status IN ['open', 'accepted'] })
    OR ($scope = 'agency' AND $agency_id IS NOT NULL
        AND EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF|INVOLVED_IN]->(e)
                     WHERE EXISTS { (e)-[:BY_AGENCY|REFERRED_BY|HANDLED_BY]->(:Agency {agency_id: $agency_id}) }
                        OR EXISTS { (e)<-[:FOR_CASE]-(:CouncilMeasure)-[:ASSIGNED_TO]->(:Agency {agency_id: $agency_id}) } }))
RETURN h.household_id AS household_id
