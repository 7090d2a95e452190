// title: Remove the victim–suspect pairs
// description: VICTIM_SUSPECT_PAIR relationships are rebuilt on every refresh (auto-commit, in batches).
// mode: write
MATCH ()-[r:VICTIM_SUSPECT_PAIR]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
