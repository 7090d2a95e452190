// title: Council cases already in the graph
// description: >
//   Which of `ids` name a CouncilCase already in the graph (loaders/refs.py).
// mode: read
// params:
//   ids: {type: list, required: true, description: Ids to look up}
MATCH (n:CouncilCase) WHERE n.case_id IN $ids RETURN collect(n.case_id) AS found
