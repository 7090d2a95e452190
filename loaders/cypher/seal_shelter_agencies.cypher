// title: Shelter agencies already in the graph
// description: >
//   The ids of the graph's agencies of the shelter types (loaders/shelter_seal.py).
// mode: read
// params:
//   types: {type: list, required: true, description: Agency types that are shelters}
MATCH (a:Agency) WHERE a.type IN $types RETURN collect(a.agency_id) AS ids
