// title: Store column orders
// description: >
//   One PatternOrder node per order of `orders` ({sort, descending, ranks}): the row ranks of the table
//   in that column's order, sorted in Python by derived/orders.py with the key and direction of
//   queries/app/pattern_rows.cypher (empty cells last, ties in the pattern's own order).
// mode: write
// params:
//   pattern: {type: str, required: true}
//   version: {type: str, required: true}
//   orders: {type: list, required: true}
UNWIND $orders AS o
CREATE (:Derived:PatternOrder {pattern: $pattern, version: $version, sort: o.sort, descending: o.descending,
                               ranks: o.ranks})
