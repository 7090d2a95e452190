// title: Mark a load rolled back
// description: Set the Load's status to rolled_back and count what a later load had also touched.
// mode: write
// params:
//   load_id: {type: str, required: true}
//   now: {type: str, required: true}
MATCH (l:Load {load_id: $load_id})
SET l.status = 'rolled_back', l.rolled_back_at = localdatetime($now)
