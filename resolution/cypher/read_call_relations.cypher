// title: Relations to the victim on calls
// description: For every call, each person record with a relation to the call's victim record.
// mode: read
MATCH (v:PersonRecord)-[:INVOLVED_IN {role: 'victim'}]->(c:Call)<-[io:INVOLVED_IN]-(o:PersonRecord)
WHERE io.relation_to_victim IS NOT NULL AND o <> v
RETURN v.record_id AS victim_record, o.record_id AS other_record, io.relation_to_victim AS relation,
       c.call_id AS call_id
