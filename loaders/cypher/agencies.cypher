// title: Load agencies
// description: MERGE one Agency per row of the agencies file, with provenance.
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MERGE (a:Agency {agency_id: row.key})
  ON CREATE SET a.first_load_id = $load_id
SET a.name = row.props.name, a.type = row.props.type, a.district = row.props.district,
    a.phone = row.props.phone, a.phone_sealed = row.props.phone_sealed, a.phone_ref = row.props.phone_ref,
    a.district_sealed = row.props.district_sealed,
    a.source_file = row.file, a.source_row = row.row, a.load_id = $load_id
