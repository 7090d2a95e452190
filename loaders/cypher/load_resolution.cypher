// title: Record entity resolution
// description: Note on the Load whether entity resolution ran after it (ran, or failed with the reason).
// mode: write
// params:
//   load_id: {type: str, required: true}
//   resolution: {type: str, required: true}
MATCH (l:Load {load_id: $load_id})
SET l.resolution = $resolution
