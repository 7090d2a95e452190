// title: Load council measures
// description: MERGE one CouncilMeasure per row, FOR_CASE its council case and ASSIGNED_TO the
//   responsible agency (a different case or agency left by an earlier load is removed by council_measures_stale).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MERGE (cm:CouncilMeasure {measure_id: row.key})
  ON CREATE SET cm.first_load_id = $load_id
SET cm.case_id = row.props.case_id, cm.field = row.props.field, cm.agency_id = row.props.agency_id,
    cm.description = row.props.description, cm.status = row.props.status,
    cm.reason = row.props.reason,
    cm.start_date = date(row.start_date), cm.due_date = date(row.due_date),
    cm.done_date = date(row.done_date), cm.source_file = row.file, cm.source_row = row.row, cm.load_id = $load_id
WITH cm, row
MATCH (cc:CouncilCase {case_id: row.case_id})
MERGE (cm)-[f:FOR_CASE]->(cc)
  ON CREATE SET f.first_load_id = $load_id
SET f.source_file = row.file, f.source_row = row.row, f.load_id = $load_id
WITH cm, row
MATCH (a:Agency {agency_id: row.agency_id})
MERGE (cm)-[t:ASSIGNED_TO]->(a)
  ON CREATE SET t.first_load_id = $load_id
SET t.source_file = row.file, t.source_row = row.row, t.load_id = $load_id
