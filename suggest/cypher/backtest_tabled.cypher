// title: When the council tabled each household
// description: >
//   For the back-test (suggest/backtest.py): each household with a member who is the victim or
//   offender of a council case, and the first meeting day of such a case. Ids and days only.
// mode: read
// params: {}
MATCH (cc:CouncilCase)<-[:SUBJECT_OF]-(:PersonRecord)-[:RESOLVES_TO]->(:Person)-[:MEMBER_OF]->(h:Household)
WHERE cc.meeting_date IS NOT NULL
RETURN h.household_id AS household_id, min(cc.meeting_date) AS tabled_on
