// title: One page of a pattern table sorted by a column
// title_ko: 열로 정렬한 패턴 표의 한 쪽
// description: >
//   Rows `skip` … `skip + limit − 1` of a materialised pattern table sorted by column `sort`
//   (`descending` or not), as derived/tables.py ordered them at the refresh: a slice of the
//   column's PatternOrder ranks, then an index seek per row, so the cost does not grow with the
//   table. `ordered` is false (and no rows) when the table has no order for the column (it was
//   materialised before orders were kept): the caller then sorts with pattern_rows. No row when
//   the table was never materialised.
// mode: read
// params:
//   pattern: {type: str, required: true}
//   sort: {type: str, required: true}
//   descending: {type: bool, default: false}
//   skip: {type: int, default: 0}
//   limit: {type: int, default: 20}
// kinds:
//   total: number
//   ordered: code
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
OPTIONAL MATCH (o:PatternOrder {pattern: t.pattern, version: t.version, sort: $sort, descending: $descending})
WITH t, o, coalesce(o.ranks[$skip..$skip + $limit], []) AS ranks
RETURN t.rows AS total, o IS NOT NULL AS ordered,
       COLLECT {
         UNWIND range(0, size(ranks) - 1) AS i
         MATCH (r:PatternRow {pattern: t.pattern, version: t.version, rank: ranks[i]})
         RETURN properties(r) ORDER BY i
       } AS rows
