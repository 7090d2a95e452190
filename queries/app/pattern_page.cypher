// title: One page of a pattern table
// title_ko: 패턴 표의 한 쪽
// description: >
//   Rows `skip` … `skip + limit − 1` of a materialised pattern table (derived/tables.py) in the
//   pattern query's own order, with the table's row count: an index seek on (pattern, version,
//   rank), so the cost does not grow with the table. No row when the table was never materialised.
// mode: read
// params:
//   pattern: {type: str, required: true}
//   skip: {type: int, default: 0}
//   limit: {type: int, default: 20}
// kinds:
//   total: number
//   refreshed_at: date
//   rows: {pattern: code, version: code, rank: number, search_open: secret, search_named: secret,
//       search_long: code, person_id: id, name: name, household_id: id, calls_in_window: number,
//       total_calls: number, first_call_at: date, last_call_at: date, call_ids: id,
//       window_call_ids: id, address_id: id, address: address, district: address, household_ids: id,
//       categories: code, victims: number, victim_person_ids: id, relations: code, victim_id: id,
//       victim_name: name, suspect_id: id, suspect_name: name, relation: code, first_severity: number,
//       last_severity: number, increase: number, rises: number, falls: number, severities: number,
//       agencies: number, agency_ids: id, agency_types: code, members: number, contacts: number,
//       first_contact: date, last_contact: date, service_keys: id, birth_date: birth, exposure: code,
//       witnessed_call_ids: id, household_call_ids: id, calls: number}
MATCH (t:Derived:PatternTable {pattern: $pattern})
RETURN t.rows AS total, t.refreshed_at AS refreshed_at,
       COLLECT {
         MATCH (r:PatternRow {pattern: t.pattern, version: t.version})
         WHERE r.rank >= $skip AND r.rank < $skip + $limit
         RETURN properties(r) ORDER BY r.rank
       } AS rows
