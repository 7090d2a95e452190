// title: Remove stale links of CouncilMeasure
// description: A measure has one case and one responsible agency. After a file is written, a link of a re-loaded CouncilMeasure that this load did not
//   write again belongs to an earlier version of the record and is deleted. Runs only when the
//   graph already held CouncilMeasure nodes before the load (a separate pass, because a DELETE in the write query
//   would make the planner materialise every batch).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Keys of one batch: [{key}]"}
//   load_id: {type: str, required: true}
UNWIND $rows AS row
MATCH (:CouncilMeasure {measure_id: row.key})-[old:FOR_CASE|ASSIGNED_TO]->()
WHERE old.load_id <> $load_id
DELETE old
