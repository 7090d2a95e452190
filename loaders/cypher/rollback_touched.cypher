// title: Nodes of a load touched later
// description: How many nodes the load created that a later load wrote again (they are deleted too).
// mode: read
// params:
//   load_id: {type: str, required: true}
MATCH (n)
WHERE n.first_load_id = $load_id AND n.load_id <> $load_id AND NOT n:Load
RETURN count(n) AS touched
