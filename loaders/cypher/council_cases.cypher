// title: Load council cases
// description: MERGE one CouncilCase per row, victim and offender PersonRecords (SUBJECT_OF with that
//   role), SUBMITTED_BY the tabling agency and ATTENDED from each attending agency (attendances no
//   longer listed are removed by council_cases_stale).
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MERGE (cc:CouncilCase {case_id: row.key})
  ON CREATE SET cc.first_load_id = $load_id
SET cc.meeting_no = row.props.meeting_no, cc.submitted_by = row.props.submitted_by,
    cc.case_type = row.props.case_type, cc.risk_level = row.props.risk_level,
    cc.attending = row.props.attending, cc.status = row.props.status,
    cc.meeting_date = date(row.meeting_date), cc.source_file = row.file, cc.source_row = row.row, cc.load_id = $load_id
WITH cc, row
CALL (cc, row) {
  UNWIND row.persons AS person
  MERGE (p:PersonRecord {record_id: person.key})
    ON CREATE SET p.first_load_id = $load_id
  SET p.source = person.props.source, p.name = person.props.name, p.name_norm = person.props.name_norm,
    p.birth_year = person.props.birth_year, p.birth_raw = person.props.birth_raw,
    p.sex = person.props.sex, p.phone = person.props.phone, p.address = person.props.address,
    p.client_ref = person.props.client_ref, p.agency_id = person.props.agency_id,
    p.address_sealed = person.props.address_sealed, p.address_ref = person.props.address_ref,
    p.phone_sealed = person.props.phone_sealed, p.phone_ref = person.props.phone_ref,
    p.birth_date = date(person.birth_date), p.source_file = row.file, p.source_row = row.row, p.load_id = $load_id
  MERGE (p)-[s:SUBJECT_OF]->(cc)
    ON CREATE SET s.first_load_id = $load_id
  SET s.role = person.role, s.source_file = row.file, s.source_row = row.row, s.load_id = $load_id
}
CALL (cc, row) {
  MATCH (a:Agency {agency_id: row.submitted_by})
  MERGE (cc)-[b:SUBMITTED_BY]->(a)
    ON CREATE SET b.first_load_id = $load_id
  SET b.source_file = row.file, b.source_row = row.row, b.load_id = $load_id
}
CALL (cc, row) {
  UNWIND row.attending AS agency_id
  MATCH (a:Agency {agency_id: agency_id})
  MERGE (a)-[t:ATTENDED]->(cc)
    ON CREATE SET t.first_load_id = $load_id
  SET t.source_file = row.file, t.source_row = row.row, t.load_id = $load_id
}
