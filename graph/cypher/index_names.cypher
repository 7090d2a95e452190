// title: Index names
// description: >
//   The name of every index.
// mode: read
SHOW INDEXES YIELD name RETURN name
