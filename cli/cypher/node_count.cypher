// title: Node count
// description: >
//   How many nodes the graph holds (`jss demo` loads the preset only into an empty one).
// mode: read
MATCH (n) RETURN count(n) AS n
