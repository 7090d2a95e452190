// title: Agency names
// title_ko: 기관명
// description: >
//   The names of the given agencies, so that pages name an agency instead of showing its code
//   (agencies are public bodies; a shelter's location is sealed by the loader, its name is not).
// mode: read
// params:
//   agency_ids: {type: list, required: true, description: Agency codes (agency_id)}
// kinds:
//   agency_id: id
//   name: agency
UNWIND $agency_ids AS id
MATCH (a:Agency {agency_id: id})
RETURN a.agency_id AS agency_id, a.name AS name
