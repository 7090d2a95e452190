// title: Constraint names
// description: >
//   The name of every constraint.
// mode: read
SHOW CONSTRAINTS YIELD name RETURN name
