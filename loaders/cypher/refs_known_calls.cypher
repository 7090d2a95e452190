// title: Calls already in the graph
// description: >
//   Which of `ids` name a Call already in the graph (loaders/refs.py: references a bundle does not hold
//   itself).
// mode: read
// params:
//   ids: {type: list, required: true, description: Ids to look up}
MATCH (n:Call) WHERE n.call_id IN $ids RETURN collect(n.call_id) AS found
