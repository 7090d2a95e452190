// title: Load services
// description: MERGE one Service per row (key agency_id/service_id), the client (PersonRecord,
//   SUBJECT_OF with the client role), BY_AGENCY, REFERRED_BY and FOR_CALL when given.
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MERGE (sv:Service {service_key: row.key})
  ON CREATE SET sv.first_load_id = $load_id
SET sv.service_id = row.props.service_id, sv.agency_id = row.props.agency_id,
    sv.client_ref = row.props.client_ref, sv.client_role = row.props.client_role,
    sv.field = row.props.field, sv.description = row.props.description,
    sv.referred_by = row.props.referred_by, sv.call_id = row.props.call_id,
    sv.date = date(row.date), sv.source_file = row.file, sv.source_row = row.row, sv.load_id = $load_id
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
MERGE (p)-[s:SUBJECT_OF]->(sv)
  ON CREATE SET s.first_load_id = $load_id
SET s.role = row.role, s.source_file = row.file, s.source_row = row.row, s.load_id = $load_id
WITH sv, row
MATCH (a:Agency {agency_id: row.agency_id})
MERGE (sv)-[b:BY_AGENCY]->(a)
  ON CREATE SET b.first_load_id = $load_id
SET b.source_file = row.file, b.source_row = row.row, b.load_id = $load_id
WITH sv, row
OPTIONAL MATCH (referrer:Agency {agency_id: row.referred_by})
FOREACH (ref IN CASE WHEN referrer IS NULL THEN [] ELSE [referrer] END |
  MERGE (sv)-[r:REFERRED_BY]->(ref)
    ON CREATE SET r.first_load_id = $load_id
  SET r.source_file = row.file, r.source_row = row.row, r.load_id = $load_id)
WITH sv, row
MATCH (c:Call {call_id: row.call_id})
MERGE (sv)-[f:FOR_CALL]->(c)
  ON CREATE SET f.first_load_id = $load_id
SET f.source_file = row.file, f.source_row = row.row, f.load_id = $load_id
