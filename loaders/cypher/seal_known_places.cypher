// title: Sealed places already in the graph
// description: >
//   The keyed hashes (refs) of every sealed address already in the graph (loaders/shelter_seal.py).
// mode: read
CALL () { MATCH (p:PersonRecord) WHERE p.address_ref IS NOT NULL RETURN p.address_ref AS ref
          UNION MATCH (c:Call) WHERE c.address_ref IS NOT NULL RETURN c.address_ref AS ref }
RETURN collect(DISTINCT ref) AS refs
