// title: Roll back relationships of a load
// description: Delete up to `limit` relationships a load created (first_load_id); run until none are left.
// mode: write
// params:
//   load_id: {type: str, required: true}
//   limit: {type: int, default: 10000}
MATCH ()-[r]->()
WHERE r.first_load_id = $load_id
WITH r LIMIT $limit
DELETE r
