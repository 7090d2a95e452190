// title: Council figures
// title_ko: 실무협의회 실적
// description: >
//   The working council's headline figures for meetings between `from` and `to` (inclusive; empty
//   = no bound): cases, measures decided for them, measures by field, average number of
//   attending agencies per case, and cases submitted by an agency that is not police (agency
//   type other than 경찰서 / 지구대·파출소). The figures of the seed article (70 cases, 277
//   measures, 7 agencies per case, 8 non-police submissions) are of this kind. Each case's own
//   figures come from the summaries (`jss summaries`, run by every load and resolution).
// description_ko: >
//   `from`부터 `to`까지(포함, 비우면 제한 없음) 열린 실무협의회의 안건 수, 결정된 지원계획 수, 분야별
//   지원계획, 안건당 평균 참석기관 수, 경찰이 아닌 기관(기관유형이 경찰서·지구대·파출소가 아닌)이 제출한
//   안건 수. 기사의 수치(70건, 277건, 평균 7개 기관, 비경찰 제출 8건)와 같은 지표입니다.
//   안건별 수치는 요약(jss summaries)이 미리 계산합니다.
// mode: read
// app: true
// params:
//   from: {type: date, default: null, description: First meeting date YYYY-MM-DD (inclusive)}
//   to: {type: date, default: null, description: Last meeting date YYYY-MM-DD (inclusive)}
// columns:
//   period_from: First meeting date in the period
//   period_to: Last meeting date in the period
//   cases: Council cases
//   measures: Council measures of those cases
//   measures_per_case: measures / cases
//   measures_by_field: List of {field, measures}
//   avg_attending_agencies: Average attending agencies per case
//   avg_outside_agencies: Average attending agencies per case that are not police
//   non_police_submissions: Cases submitted by a non-police agency
//   non_police_case_ids: Those case_ids
//   case_ids: All case_ids in the period
// kinds:
//   period_from: date
//   period_to: date
//   cases: number
//   measures: number
//   measures_per_case: number
//   measures_by_field: {field: code, measures: number}
//   avg_attending_agencies: number
//   avg_outside_agencies: number
//   non_police_submissions: number
//   non_police_case_ids: id
//   case_ids: id
MATCH (k:CouncilCase)
// each case's agencies and measures are counted by the summaries (derived/cypher/
// 13_council_case_figures.cypher): walking them per request took 40–170 ms at national (2,900 cases)
WHERE ($from IS NULL OR k.meeting_date >= date($from)) AND ($to IS NULL OR k.meeting_date <= date($to))
WITH k ORDER BY k.case_id
WITH collect(k) AS cases, avg(k.attending_agencies) AS avg_attending, avg(k.outside_agencies) AS avg_outside,
     min(k.meeting_date) AS period_from, max(k.meeting_date) AS period_to,
     collect(CASE WHEN k.non_police_submission THEN k.case_id END) AS non_police_ids
CALL (cases) {
  UNWIND cases AS k
  UNWIND k.measure_fields AS field
  WITH field, count(*) AS n
  ORDER BY n DESC, field
  RETURN collect({field: field, measures: n}) AS by_field, sum(n) AS measures
}
RETURN period_from, period_to, size(cases) AS cases, measures,
       CASE WHEN size(cases) = 0 THEN null ELSE round(toFloat(measures) / size(cases), 2) END AS measures_per_case,
       by_field AS measures_by_field, round(avg_attending, 2) AS avg_attending_agencies,
       round(avg_outside, 2) AS avg_outside_agencies,
       size(non_police_ids) AS non_police_submissions, non_police_ids AS non_police_case_ids,
       [k IN cases | k.case_id] AS case_ids
