// title: Load risk assessments
// description: MERGE one RiskAssessment per row, the victim (PersonRecord, SUBJECT_OF role victim),
//   BY_AGENCY the assessing agency, and FOR_CALL when the row names a call.
// mode: write
// params:
//   rows: {type: list, required: true, description: "Validated, normalised rows of one batch"}
//   load_id: {type: str, required: true, description: Id of the running load (provenance)}
UNWIND $rows AS row
MERGE (ra:RiskAssessment {assessment_id: row.key})
  ON CREATE SET ra.first_load_id = $load_id
SET ra.call_id = row.props.call_id, ra.agency_id = row.props.agency_id, ra.grade = row.props.grade,
    ra.items_yes = row.props.items_yes, ra.items_answered = row.props.items_answered,
    ra.item_1 = row.props.item_1, ra.item_2 = row.props.item_2, ra.item_3 = row.props.item_3,
    ra.item_4 = row.props.item_4, ra.item_5 = row.props.item_5, ra.item_6 = row.props.item_6,
    ra.item_7 = row.props.item_7, ra.item_8 = row.props.item_8, ra.item_9 = row.props.item_9,
    ra.item_10 = row.props.item_10, ra.item_11 = row.props.item_11, ra.item_12 = row.props.item_12,
    ra.item_13 = row.props.item_13, ra.item_14 = row.props.item_14, ra.item_15 = row.props.item_15,
    ra.item_16 = row.props.item_16, ra.item_17 = row.props.item_17, ra.item_18 = row.props.item_18,
    ra.item_19 = row.props.item_19, ra.item_20 = row.props.item_20, ra.item_21 = row.props.item_21,
    ra.item_22 = row.props.item_22, ra.item_23 = row.props.item_23, ra.item_24 = row.props.item_24,
    ra.item_25 = row.props.item_25, ra.item_26 = row.props.item_26, ra.item_27 = row.props.item_27,
    ra.item_28 = row.props.item_28, ra.item_29 = row.props.item_29, ra.item_30 = row.props.item_30,
    ra.date = date(row.date), ra.source_file = row.file, ra.source_row = row.row, ra.load_id = $load_id
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
MERGE (p)-[s:SUBJECT_OF]->(ra)
  ON CREATE SET s.first_load_id = $load_id
SET s.role = 'victim', s.source_file = row.file, s.source_row = row.row, s.load_id = $load_id
WITH ra, row
MATCH (a:Agency {agency_id: row.agency_id})
MERGE (ra)-[b:BY_AGENCY]->(a)
  ON CREATE SET b.first_load_id = $load_id
SET b.source_file = row.file, b.source_row = row.row, b.load_id = $load_id
WITH ra, row
MATCH (c:Call {call_id: row.call_id})
MERGE (ra)-[f:FOR_CALL]->(c)
  ON CREATE SET f.first_load_id = $load_id
SET f.source_file = row.file, f.source_row = row.row, f.load_id = $load_id
