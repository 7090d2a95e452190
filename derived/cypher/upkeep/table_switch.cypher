// title: Switch a pattern table to a version
// description: >
//   Point the PatternTable of `pattern` at the rows of `version` once they are all written
//   (derived/tables.py).
// mode: write
// params:
//   pattern: {type: str, required: true}
//   version: {type: str, required: true}
//   rows: {type: int, required: true}
//   refreshed_at: {type: str, required: true}
//   params_json: {type: str, required: true}
//   row_label: {type: str, required: true}
MERGE (t:Derived:PatternTable {pattern: $pattern})
SET t.version = $version, t.rows = $rows, t.refreshed_at = $refreshed_at, t.params = $params_json,
    t.row_label = $row_label
