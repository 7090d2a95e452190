// title: First call
// description: >
//   When the earliest call was received (risk/dataset.py: the start of the history).
// mode: read
MATCH (c:Call) RETURN min(c.received_at)
