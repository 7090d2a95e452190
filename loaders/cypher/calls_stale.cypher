// title: Remove stale links of Call
// description: A call has one precinct. After a file is written, a link of a re-loaded Call that this load did not
//   write again belongs to an earlier version of the record and is deleted. Runs only when the
//   graph already held Call nodes before the load (a separate pass, because a DELETE in the write query
//   would make the planner materialise every batch).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Keys of one batch: [{key}]"}
//   load_id: {type: str, required: true}
UNWIND $rows AS row
MATCH (:Call {call_id: row.key})-[old:HANDLED_BY]->(:Agency)
WHERE old.load_id <> $load_id
DELETE old
