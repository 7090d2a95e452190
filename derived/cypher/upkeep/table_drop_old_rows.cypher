// title: Drop a pattern table's old rows
// description: >
//   Delete the rows of `pattern` of every version but `version`, in inner transactions (run as a script:
//   auto-commit).
// mode: write
// params:
//   pattern: {type: str, required: true}
//   version: {type: str, required: true}
MATCH (r:PatternRow {pattern: $pattern}) WHERE r.version <> $version
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
