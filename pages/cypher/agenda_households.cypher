// title: Households on the council's agenda
// title_ko: 협의회 안건 가구
// description: Those of the given households with a member who is the victim or offender of a council case (what the council role may open).
// mode: read
// params:
//   household_ids: {type: list, required: true}
MATCH (h:Household) WHERE h.household_id IN $household_ids
  AND EXISTS { (h)<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(:PersonRecord)-[:SUBJECT_OF]->(:CouncilCase) }
RETURN h.household_id AS household_id
