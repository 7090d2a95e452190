// title: Remove stale links of PoliceMeasure
// description: A measure names at most one call. After a file is written, a link of a re-loaded PoliceMeasure that this load did not
//   write again belongs to an earlier version of the record and is deleted. Runs only when the
//   graph already held PoliceMeasure nodes before the load (a separate pass, because a DELETE in the write query
//   would make the planner materialise every batch).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Keys of one batch: [{key}]"}
//   load_id: {type: str, required: true}
UNWIND $rows AS row
MATCH (:PoliceMeasure {measure_id: row.key})-[old:FOR_CALL]->(:Call)
WHERE old.load_id <> $load_id
DELETE old
