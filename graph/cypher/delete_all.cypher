// title: Delete everything
// description: >
//   Every relationship, then every node, in inner transactions of 10,000 (Runner.wipe; two statements
//   run as a script: auto-commit).
// mode: write
MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS;
MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS
