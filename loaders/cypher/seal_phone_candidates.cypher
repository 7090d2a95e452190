// title: Records with newly sealed phones
// description: >
//   The person records whose readable phone is one of `phones`.
// mode: read
// params:
//   phones: {type: list, required: true}
MATCH (n:PersonRecord) WHERE n.phone_sealed IS NULL AND n.phone IN $phones
RETURN n.record_id AS key, n.phone AS phone
