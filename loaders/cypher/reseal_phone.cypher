// title: Seal a person record's phone
// description: >
//   Rewrite the phone of each person record of `rows` as sealed.
// mode: write
// params:
//   rows: {type: list, required: true, description: "{key, address or phone, sealed, ref} per node"}
UNWIND $rows AS row MATCH (n:PersonRecord {record_id: row.key})
SET n.phone = row.phone, n.phone_sealed = row.sealed, n.phone_ref = row.ref
