// title: Complete a load
// description: Mark a Load complete with its per-file summary (JSON text) and row totals.
// mode: write
// params:
//   load_id: {type: str, required: true}
//   now: {type: str, required: true}
//   summary: {type: str, required: true, description: JSON per-file summary}
//   rows_read: {type: int, required: true}
//   rows_loaded: {type: int, required: true}
//   rows_rejected: {type: int, required: true}
MATCH (l:Load {load_id: $load_id})
SET l.status = 'complete', l.completed_at = localdatetime($now), l.summary = $summary,
    l.rows_read = $rows_read, l.rows_loaded = $rows_loaded, l.rows_rejected = $rows_rejected
