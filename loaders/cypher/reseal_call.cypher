// title: Seal a call's address
// description: >
//   Rewrite the address of each call of `rows` as sealed, and drop its coordinates.
// mode: write
// params:
//   rows: {type: list, required: true, description: "{key, address or phone, sealed, ref} per node"}
UNWIND $rows AS row MATCH (n:Call {call_id: row.key})
SET n.address = row.address, n.address_sealed = row.sealed, n.address_ref = row.ref, n.location = null
