// title: Agencies already in the graph
// description: >
//   Every Agency id in the graph (few: fetched once per load, loaders/refs.py).
// mode: read
MATCH (a:Agency) RETURN a.agency_id AS id
