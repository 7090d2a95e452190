// title: Shelter agencies
// description: >
//   The addresses, phones and element ids of the agencies of the shelter types (auth/shelters.py: the
//   values every view masks).
// mode: read
// params:
//   types: {type: list, required: true, description: Agency types that are shelters}
MATCH (a:Agency) WHERE a.type IN $types
RETURN collect(DISTINCT a.address) AS addresses, collect(DISTINCT a.phone) AS phones,
       collect(DISTINCT elementId(a)) AS ids
