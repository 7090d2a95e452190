// title: Seal a person record's address
// description: >
//   Rewrite the address of each person record of `rows` as sealed (placeholder, ciphertext, keyed hash).
// mode: write
// params:
//   rows: {type: list, required: true, description: "{key, address or phone, sealed, ref} per node"}
UNWIND $rows AS row MATCH (n:PersonRecord {record_id: row.key})
SET n.address = row.address, n.address_sealed = row.sealed, n.address_ref = row.ref
