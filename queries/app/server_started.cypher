// title: Server start time
// title_ko: 서버 시작 시각
// description: Which Neo4j process answers, by its JVM's process id and start time (epoch milliseconds). A restart forgets every query plan, so the app warms itself again when this changes (pages/freshness.py). A user who may not call dbms.queryJmx gets an error here; the app then goes by the graph version alone.
// mode: read
// params: {}
// kinds:
//   pid: number
//   started_ms: number
CALL dbms.queryJmx('java.lang:type=Runtime') YIELD attributes
RETURN attributes.Pid.value AS pid, attributes.StartTime.value AS started_ms
