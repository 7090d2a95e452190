// title: Records of households (replay)
// description: >
//   For the load-by-load replay (suggest/replay.py): the record ids of each given household's
//   members as the graph holds them now. Record ids are the one key that outlives re-resolution,
//   so a suggestion raised after month 3 can be matched to the household its people are in at
//   the end. Ids only.
// mode: read
// params:
//   household_ids: {type: list, required: true}
UNWIND $household_ids AS hid
MATCH (h:Household {household_id: hid})<-[:MEMBER_OF]-(:Person)<-[:RESOLVES_TO]-(r:PersonRecord)
RETURN hid AS household_id, collect(DISTINCT r.record_id) AS record_ids
