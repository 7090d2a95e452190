// title: 112 calls per year by category
// title_ko: 연도별 유형별 112 신고
// description: >
//   112 calls per calendar year and category with the change from the year before (count and
//   percent). `relationship_crime` marks the relationship-crime categories (가정폭력, 스토킹,
//   데이트폭력, 아동학대, 성폭력, 노인학대); 기타 is listed but is not one. A year with no calls of a
//   category has no row (so its next year's change is against null).
// description_ko: >
//   연도·사건종별 112 신고 건수와 전년 대비 증감(건수, %). `relationship_crime`은 관계성 범죄 유형
//   (가정폭력, 스토킹, 데이트폭력, 아동학대, 성폭력, 노인학대)인지 표시합니다(기타는 아님).
// mode: read
// app: true
// params: {}
// columns:
//   year: Calendar year of reception
//   category: Call category (사건종별)
//   relationship_crime: Whether the category is a relationship crime
//   calls: Calls that year
//   previous_year_calls: Calls the year before (null if none)
//   change: calls - previous_year_calls
//   change_pct: Change in percent of the previous year
// kinds:
//   year: number
//   category: code
//   relationship_crime: code
//   calls: number
//   previous_year_calls: number
//   change: number
//   change_pct: number

// Reads the per-year counts the summaries keep (derived/), not every call.
MATCH (n:CallYearCount)
WITH n.category AS category, collect({year: n.year, calls: n.calls}) AS per_year
UNWIND per_year AS y
WITH category, y, [p IN per_year WHERE p.year = y.year - 1 | p.calls][0] AS prev
RETURN y.year AS year, category,
       category IN ['가정폭력', '스토킹', '데이트폭력', '아동학대', '성폭력', '노인학대'] AS relationship_crime,
       y.calls AS calls, prev AS previous_year_calls, y.calls - prev AS change,
       CASE WHEN prev IS NULL OR prev = 0 THEN null ELSE round(100.0 * (y.calls - prev) / prev, 1) END AS change_pct
ORDER BY year, category
