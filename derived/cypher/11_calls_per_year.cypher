// title: Calls per year and category
// description: >
//   One (:Derived:CallYearCount {year, category, calls}) per calendar year of reception and call category
//   (미기재 when none), rebuilt on every refresh; calls_yoy reads these instead of every call.
// mode: write
CALL () { MATCH (n:CallYearCount) DELETE n }
MATCH (c:Call)
WHERE c.received_at IS NOT NULL
WITH c.received_at.year AS year, coalesce(c.category, '미기재') AS category, count(*) AS calls
CREATE (:Derived:CallYearCount {year: year, category: category, calls: calls})
