// title: Last call
// description: >
//   When the latest call was received (risk/dataset.py: the end of the history).
// mode: read
MATCH (c:Call) RETURN max(c.received_at)
