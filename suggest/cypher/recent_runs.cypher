// title: The latest suggestion runs
// description: >
//   The newest `limit` SuggestionRun nodes (aggregates: day, what counted as new, the load,
//   households looked at, created, updated, raised again, per rule), newest first: the digest.
// mode: read
// params:
//   limit: {type: int, default: 5}
MATCH (r:SuggestionRun)
RETURN r.run AS run, r.as_of AS as_of, r.since AS since, r.load_id AS load_id, r.households AS households,
       r.created AS created, r.updated AS updated, r.reraised AS reraised, r.by_rule AS by_rule,
       r.seconds AS seconds
ORDER BY r.run DESC LIMIT $limit
