// title: Load call persons
// description: MERGE one PersonRecord per person named on a call, INVOLVED_IN the call with the role
//   and relation to the victim as relationship properties.
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MATCH (c:Call {call_id: row.call_id})
MERGE (p:PersonRecord {record_id: row.key})
  ON CREATE SET p.first_load_id = $load_id
SET p.source = row.props.source, p.name = row.props.name, p.name_norm = row.props.name_norm,
    p.birth_year = row.props.birth_year, p.birth_raw = row.props.birth_raw, p.sex = row.props.sex,
    p.phone = row.props.phone, p.address = row.props.address, p.client_ref = row.props.client_ref,
    p.agency_id = row.props.agency_id, p.address_sealed = row.props.address_sealed,
    p.address_ref = row.props.address_ref, p.phone_sealed = row.props.phone_sealed, p.phone_ref = row.props.phone_ref,
    p.birth_date = date(row.birth_date), p.source_file = row.file, p.source_row = row.row, p.load_id = $load_id
MERGE (p)-[r:INVOLVED_IN]->(c)
  ON CREATE SET r.first_load_id = $load_id
SET r.role = row.role, r.relation_to_victim = row.relation,
    r.source_file = row.file, r.source_row = row.row, r.load_id = $load_id
