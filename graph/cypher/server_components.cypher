// title: Server version
// description: >
//   The server's name, version and edition (Runner.ping, run on the system database).
// mode: read
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions[0] AS version, edition
