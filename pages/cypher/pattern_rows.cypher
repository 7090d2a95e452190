// title: Search and sort a pattern table
// title_ko: 패턴 표 검색·정렬
// description: >
//   The rows of a materialised pattern table that contain `needle` (lower case) in one of
//   `search_columns` (a list's items are searched one by one), sorted by column `sort` (a list
//   column by its length; empty cells last) ascending or `descending`, ties in the pattern's own
//   order; returns the number of matching rows and rows `skip` … `skip + limit − 1`. The page
//   chooses `search_columns` from the declared columns the user may search (no address or phone
//   column, no names for a user who sees them masked), so a search cannot reveal withheld text.
// mode: read
// params:
//   pattern: {type: str, required: true}
//   needle: {type: str, default: null}
//   search_columns: {type: list, default: []}
//   sort: {type: str, default: null}
//   descending: {type: bool, default: false}
//   skip: {type: int, default: 0}
//   limit: {type: int, default: 20}
MATCH (t:Derived:PatternTable {pattern: $pattern})
CALL (t) {
  MATCH (r:PatternRow {pattern: t.pattern, version: t.version})
  WITH r, properties(r) AS m
  WHERE $needle IS NULL OR any(k IN $search_columns WHERE
          CASE WHEN m[k] IS :: LIST<ANY> THEN any(x IN m[k] WHERE toLower(toString(x)) CONTAINS $needle)
               ELSE toLower(toString(m[k])) CONTAINS $needle END)
  WITH r, m, CASE WHEN $sort IS NULL THEN null
                  WHEN m[$sort] IS :: LIST<ANY> THEN size(m[$sort]) ELSE m[$sort] END AS key
  ORDER BY key IS NULL, CASE WHEN $descending THEN key END DESC, CASE WHEN $descending THEN null ELSE key END,
           r.rank
  RETURN collect(m) AS rows
}
RETURN size(rows) AS total, rows[$skip..$skip + $limit] AS rows
