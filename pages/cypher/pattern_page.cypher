// title: One page of a pattern table
// title_ko: 패턴 표의 한 쪽
// description: >
//   Rows `skip` … `skip + limit − 1` of a materialised pattern table (derived/tables.py) in the
//   pattern query's own order, with the table's row count: an index seek on (pattern, version,
//   rank), so the cost does not grow with the table. No row when the table was never materialised.
// mode: read
// params:
//   pattern: {type: str, required: true}
//   skip: {type: int, default: 0}
//   limit: {type: int, default: 20}
MATCH (t:Derived:PatternTable {pattern: $pattern})
RETURN t.rows AS total, t.refreshed_at AS refreshed_at,
       COLLECT {
         MATCH (r:PatternRow {pattern: t.pattern, version: t.version})
         WHERE r.rank >= $skip AND r.rank < $skip + $limit
         RETURN properties(r) ORDER BY r.rank
       } AS rows
