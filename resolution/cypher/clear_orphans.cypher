// title: Remove resolved nodes nothing points to any more
// description: People, addresses and households left without records after a re-run (auto-commit, in batches).
// mode: write
MATCH (n) WHERE (n:Person AND NOT (n)<-[:RESOLVES_TO]-())
   OR (n:Address AND NOT (n)<-[:AT]-() AND NOT (n)<-[:LIVES_AT]-())
   OR (n:Household AND NOT (n)<-[:MEMBER_OF]-())
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
