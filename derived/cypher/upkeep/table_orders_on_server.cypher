// title: Sort columns on the server
// description: >
//   Both orders of the columns `sorts` sorted by the server from their keys (`keys[rank][c]`): only for
//   columns whose values Python cannot order as Cypher does (derived/orders.py). Sorting every column
//   this way costs about five times the Python sort (repeat_victims' 18 orders at national: 54-58 s
//   against 9-11 s).
// mode: write
// params:
//   pattern: {type: str, required: true}
//   version: {type: str, required: true}
//   sorts: {type: list, required: true}
//   keys: {type: list, required: true}
UNWIND range(0, size($sorts) - 1) AS c
UNWIND [false, true] AS descending
CALL (c, descending) {
  UNWIND range(0, size($keys) - 1) AS rank
  WITH rank, $keys[rank][c] AS key
  ORDER BY key IS NULL, CASE WHEN descending THEN key END DESC, CASE WHEN descending THEN null ELSE key END, rank
  RETURN collect(rank) AS ranks
}
CREATE (:Derived:PatternOrder {pattern: $pattern, version: $version, sort: $sorts[c], descending: descending,
                               ranks: ranks})
