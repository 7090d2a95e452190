// title: Readable addresses of earlier loads
// description: >
//   The distinct address texts that loads other than `load_id` wrote readable (not sealed), on person
//   records and calls: parsed once each, to find those at a place this load seals.
// mode: read
// params:
//   load_id: {type: str, required: true}
CALL () {
  MATCH (n:PersonRecord) WHERE n.load_id <> $load_id AND n.address_sealed IS NULL AND n.address IS NOT NULL
  RETURN n.address AS address
  UNION
  MATCH (n:Call) WHERE n.load_id <> $load_id AND n.address_sealed IS NULL AND n.address IS NOT NULL
  RETURN n.address AS address
}
RETURN collect(address) AS texts
