// title: Drop a pattern table's old orders
// description: >
//   Delete the PatternOrder nodes of `pattern` of every version but `version`.
// mode: write
// params:
//   pattern: {type: str, required: true}
//   version: {type: str, required: true}
MATCH (o:PatternOrder {pattern: $pattern}) WHERE o.version <> $version DELETE o
