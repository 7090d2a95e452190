// title: Remove stale links of RiskAssessment
// description: An assessment has one call and one agency. After a file is written, a link of a re-loaded RiskAssessment that this load did not
//   write again belongs to an earlier version of the record and is deleted. Runs only when the
//   graph already held RiskAssessment nodes before the load (a separate pass, because a DELETE in the write query
//   would make the planner materialise every batch).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Keys of one batch: [{key}]"}
//   load_id: {type: str, required: true}
UNWIND $rows AS row
MATCH (:RiskAssessment {assessment_id: row.key})-[old:FOR_CALL|BY_AGENCY]->()
WHERE old.load_id <> $load_id
DELETE old
