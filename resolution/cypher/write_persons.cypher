// title: Write canonical people
// description: MERGE one Person per cluster with its best-evidence values.
// mode: write
// params:
//   rows: {type: list}
//   run_at: {type: str}
UNWIND $rows AS row
MERGE (p:Person {person_id: row.person_id})
SET p.name = row.name, p.birth_date = CASE WHEN row.birth_date IS NULL THEN null ELSE date(row.birth_date) END,
    p.birth_year = row.birth_year, p.sex = row.sex, p.phone = row.phone, p.record_count = row.records,
    p.resolved_at = $run_at
