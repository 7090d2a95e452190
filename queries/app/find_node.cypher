// title: Node by business key
// title_ko: 업무 키로 노드 찾기
// description: The node of label `label` (Household, Person, CouncilCase, Agency, Call, Address) whose key is `key`, as {id, label, props}.
// mode: read
// params:
//   label: {type: str, required: true}
//   key: {type: str, required: true}
// kinds:
//   node: node
CALL () {
  MATCH (n:Household {household_id: $key}) WHERE $label = 'Household' RETURN n
  UNION
  MATCH (n:Person {person_id: $key}) WHERE $label = 'Person' RETURN n
  UNION
  MATCH (n:CouncilCase {case_id: $key}) WHERE $label = 'CouncilCase' RETURN n
  UNION
  MATCH (n:Agency {agency_id: $key}) WHERE $label = 'Agency' RETURN n
  UNION
  MATCH (n:Call {call_id: $key}) WHERE $label = 'Call' RETURN n
  UNION
  MATCH (n:Address {address_id: $key}) WHERE $label = 'Address' RETURN n
}
RETURN {id: elementId(n), label: head(labels(n)), props: properties(n)} AS node
LIMIT 1
