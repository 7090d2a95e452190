// title: Whether the graph holds anything, and its households (replay)
// description: >
//   For the load-by-load replay (suggest/replay.py): whether any node exists (the replay loads into
//   an empty database) and the ids of every household (to count the raised households whose id is
//   gone by the end). Ids only.
// mode: read
// params:
//   with_households: {type: bool, default: false}
CALL () {
  OPTIONAL MATCH (n) WITH n LIMIT 1
  RETURN n IS NOT NULL AS any_node
}
CALL () {
  MATCH (h:Household) WHERE $with_households
  RETURN collect(h.household_id) AS household_ids
}
RETURN any_node, household_ids
