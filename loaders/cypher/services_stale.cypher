// title: Remove stale links of Service
// description: A service has one agency, referrer and call. After a file is written, a link of a re-loaded Service that this load did not
//   write again belongs to an earlier version of the record and is deleted. Runs only when the
//   graph already held Service nodes before the load (a separate pass, because a DELETE in the write query
//   would make the planner materialise every batch).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Keys of one batch: [{key}]"}
//   load_id: {type: str, required: true}
UNWIND $rows AS row
MATCH (:Service {service_key: row.key})-[old:FOR_CALL|BY_AGENCY|REFERRED_BY]->()
WHERE old.load_id <> $load_id
DELETE old
