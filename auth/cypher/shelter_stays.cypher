// title: Shelter stays
// description: >
//   The recorded addresses of everyone served by a shelter service (its field, or BY_AGENCY a shelter
//   agency), the element ids of those records and their canonical addresses, and every text property of
//   those addresses.
// mode: read
// params:
//   fields: {type: list, required: true, description: Service fields that are shelter stays}
//   types: {type: list, required: true, description: Agency types that are shelters}
MATCH (pr:PersonRecord)-[:SUBJECT_OF]->(s:Service)
WHERE s.field IN $fields OR EXISTS { (s)-[:BY_AGENCY]->(a:Agency) WHERE a.type IN $types }
OPTIONAL MATCH (pr)-[:AT]->(ad:Address)
WITH collect(DISTINCT pr) AS records, collect(DISTINCT ad) AS places
RETURN [r IN records | r.address] AS addresses,
       [r IN records | elementId(r)] + [p IN places | elementId(p)] AS ids,
       reduce(acc = [], p IN places |
              acc + [k IN keys(p) WHERE k <> 'address_id' AND p[k] IS :: STRING | p[k]]) AS place_texts
