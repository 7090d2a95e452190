// title: Load police measures
// description: MERGE one PoliceMeasure per row, the person it is about (PersonRecord, SUBJECT_OF
//   role subject) and FOR_CALL when the row names a call.
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MERGE (m:PoliceMeasure {measure_id: row.key})
  ON CREATE SET m.first_load_id = $load_id
SET m.call_id = row.props.call_id, m.type = row.props.type,
    m.date = date(row.date), m.end_date = date(row.end_date),
    m.source_file = row.file, m.source_row = row.row, m.load_id = $load_id
MERGE (p:PersonRecord {record_id: row.person.key})
  ON CREATE SET p.first_load_id = $load_id
SET p.source = row.person.props.source, p.name = row.person.props.name,
    p.name_norm = row.person.props.name_norm, p.birth_year = row.person.props.birth_year,
    p.birth_raw = row.person.props.birth_raw, p.sex = row.person.props.sex,
    p.phone = row.person.props.phone, p.address = row.person.props.address,
    p.client_ref = row.person.props.client_ref, p.agency_id = row.person.props.agency_id,
    p.address_sealed = row.person.props.address_sealed, p.address_ref = row.person.props.address_ref,
    p.phone_sealed = row.person.props.phone_sealed, p.phone_ref = row.person.props.phone_ref,
    p.birth_date = date(row.person.birth_date), p.source_file = row.file, p.source_row = row.row, p.load_id = $load_id
MERGE (p)-[s:SUBJECT_OF]->(m)
  ON CREATE SET s.first_load_id = $load_id
SET s.role = 'subject', s.source_file = row.file, s.source_row = row.row, s.load_id = $load_id
WITH m, row
MATCH (c:Call {call_id: row.call_id})
MERGE (m)-[f:FOR_CALL]->(c)
  ON CREATE SET f.first_load_id = $load_id
SET f.source_file = row.file, f.source_row = row.row, f.load_id = $load_id
