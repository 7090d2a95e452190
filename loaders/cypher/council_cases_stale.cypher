// title: Remove stale links of CouncilCase
// description: Submitter, attendance list and victim/offender follow the latest export. After a file is written, a link of a re-loaded CouncilCase that this load did not
//   write again belongs to an earlier version of the record and is deleted. Runs only when the
//   graph already held CouncilCase nodes before the load (a separate pass, because a DELETE in the write query
//   would make the planner materialise every batch).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Keys of one batch: [{key}]"}
//   load_id: {type: str, required: true}
UNWIND $rows AS row
MATCH (:CouncilCase {case_id: row.key})-[old:SUBMITTED_BY|ATTENDED|SUBJECT_OF]-()
WHERE old.load_id <> $load_id
DELETE old
