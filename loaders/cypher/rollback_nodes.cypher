// title: Roll back nodes of a load
// description: Detach-delete up to `limit` nodes a load created (first_load_id), except the Load node
//   itself, which is kept with status rolled_back; run until none are left.
// mode: write
// params:
//   load_id: {type: str, required: true}
//   limit: {type: int, default: 10000}
MATCH (n)
WHERE n.first_load_id = $load_id AND NOT n:Load
WITH n LIMIT $limit
DETACH DELETE n
