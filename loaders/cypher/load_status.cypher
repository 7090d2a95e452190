// title: Load status
// description: The Load node of one load id (status, bundle, counts), if any.
// mode: read
// params:
//   load_id: {type: str, required: true}
MATCH (l:Load {load_id: $load_id})
RETURN l.status AS status, l.bundle AS bundle, l.rows_loaded AS rows_loaded, l.runs AS runs
