// title: Walk a pattern table in order, keeping the rows a search matches
// title_ko: 패턴 표를 순서대로 읽으며 검색에 맞는 행 고르기
// description: >
//   Of the `size` rows at positions `start` … `start + size − 1` of a materialised pattern table,
//   in its own order or (with `sort`) in the column's stored order, the first `want` rows whose
//   search text contains `needle` (or `named_needle` in `search_named`; a row too long for the
//   index is searched value by value in `search_columns`), in that order: `matched` counts them,
//   `rows` holds those after the first `drop`. The page reads chunk after chunk until it has a
//   page: for a search that matches most rows (where a text-index read would return them all) one
//   chunk is enough. `ordered` is false when the column has no stored order.
// mode: read
// params:
//   pattern: {type: str, required: true}
//   needle: {type: str, required: true}
//   named_needle: {type: str, default: null}
//   search_columns: {type: list, default: []}
//   sort: {type: str, default: null}
//   descending: {type: bool, default: false}
//   start: {type: int, default: 0}
//   size: {type: int, default: 2000}
//   want: {type: int, default: 20}
//   drop: {type: int, default: 0}
// kinds:
//   table_rows: number
//   ordered: code
//   read: number
//   matched: number
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
WITH t, $sort IS NULL OR o IS NOT NULL AS ordered,
     CASE WHEN $sort IS NULL THEN [i IN range($start, $start + $size - 1) WHERE i < t.rows]
          ELSE coalesce(o.ranks[$start..$start + $size], []) END AS ranks
WITH t, ordered, ranks,
     COLLECT {
       UNWIND range(0, size(ranks) - 1) AS i
       MATCH (r:PatternRow {pattern: t.pattern, version: t.version, rank: ranks[i]})
       WHERE r.search_open CONTAINS $needle OR r.search_named CONTAINS $named_needle
          OR (r.search_long AND any(k IN $search_columns WHERE
                CASE WHEN r[k] IS :: LIST<ANY> THEN any(x IN r[k] WHERE toLower(toString(x)) CONTAINS $needle)
                     ELSE toLower(toString(r[k])) CONTAINS $needle END))
       RETURN i ORDER BY i LIMIT $want
     } AS hits
// properties only of the hits the page shows (the first `drop` hits belong to earlier pages)
RETURN t.rows AS table_rows, ordered, size(ranks) AS read, size(hits) AS matched,
       COLLECT {
         UNWIND hits[$drop..] AS i
         MATCH (r:PatternRow {pattern: t.pattern, version: t.version, rank: ranks[i]})
         RETURN properties(r) ORDER BY i
       } AS rows
