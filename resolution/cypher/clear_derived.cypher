// title: Clear derived household links and review pairs
// description: Households, relations and review pairs are rebuilt from scratch on every run (auto-commit,
//   in batches). Decisions (ReviewDecision) are never touched.
// mode: write
MATCH ()-[r:MEMBER_OF|LIVES_AT|RELATED_TO|POSSIBLE_MATCH]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
