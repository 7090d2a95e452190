// title: The latest suggestion run
// description: >
//   The newest SuggestionRun (its day is what the next run counts new facts after), and the day of
//   the newest call in the graph (the data's horizon: a run is as of that day unless told).
// mode: read
// params: {}
OPTIONAL MATCH (r:SuggestionRun) WITH r ORDER BY r.run DESC LIMIT 1
CALL () {
  MATCH (c:Call) WHERE c.received_at IS NOT NULL
  RETURN date(c.received_at) AS horizon ORDER BY c.received_at DESC LIMIT 1
}
RETURN r.run AS run, r.as_of AS as_of, horizon
