// title: Load calls
// description: MERGE one Call per row and its HANDLED_BY relationship to the precinct (a HANDLED_BY
//   to another agency left by an earlier load is removed by calls_stale). `location` is a WGS-84
//   point made of the row's [longitude, latitude] (values.coordinates), removed when the row has none.
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MERGE (c:Call {call_id: row.key})
  ON CREATE SET c.first_load_id = $load_id
SET c.category = row.props.category, c.priority = row.props.priority, c.address = row.props.address,
    c.agency_id = row.props.agency_id, c.outcome = row.props.outcome, c.weapon = row.props.weapon,
    c.injury = row.props.injury, c.child_present = row.props.child_present,
    c.summary = row.props.summary, c.address_sealed = row.props.address_sealed, c.address_ref = row.props.address_ref,
    c.received_at = localdatetime(row.received_at), c.source_file = row.file, c.source_row = row.row, c.load_id = $load_id,
    c.location = CASE WHEN row.location IS NULL THEN null
                      ELSE point({longitude: row.location[0], latitude: row.location[1]}) END
WITH c, row
MATCH (a:Agency {agency_id: row.agency_id})
MERGE (c)-[h:HANDLED_BY]->(a)
  ON CREATE SET h.first_load_id = $load_id
SET h.source_file = row.file, h.source_row = row.row, h.load_id = $load_id
