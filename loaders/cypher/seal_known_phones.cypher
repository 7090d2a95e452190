// title: Sealed phones already in the graph
// description: >
//   The keyed hashes (refs) of every sealed phone already in the graph (loaders/shelter_seal.py).
// mode: read
CALL () { MATCH (a:Agency) WHERE a.phone_ref IS NOT NULL RETURN a.phone_ref AS ref
          UNION MATCH (p:PersonRecord) WHERE p.phone_ref IS NOT NULL RETURN p.phone_ref AS ref }
RETURN collect(DISTINCT ref) AS refs
