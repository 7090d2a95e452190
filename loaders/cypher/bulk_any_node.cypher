// title: Is the database empty
// description: >
//   True when the database holds any node (a bulk load imports only into an empty one).
// mode: read
MATCH (n) RETURN count(n) > 0 AS any
