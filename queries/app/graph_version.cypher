// title: Graph version
// title_ko: 그래프 버전
// description: The store's id (a bulk import makes a new store), node counts by label (from the count store), the newest load id, when the derived summaries were last refreshed and the latest risk scoring run; the app's caches of whole-graph reads are dropped when any of them changes, and the app warms itself again (pages/freshness.py).
// mode: read
// params: {}
// kinds:
//   store_id: id
//   loads: number
//   calls: number
//   records: number
//   persons: number
//   households: number
//   measures: number
//   decisions: number
//   summaries_refreshed: date
//   last_load: code
//   risk_scored: id
CALL db.info() YIELD id AS store_id
RETURN store_id, COUNT { (:Load) } AS loads, COUNT { (:Call) } AS calls, COUNT { (:PersonRecord) } AS records,
       COUNT { (:Person) } AS persons, COUNT { (:Household) } AS households, COUNT { (:CouncilMeasure) } AS measures,
       COUNT { (:ReviewDecision) } AS decisions,
       COLLECT { MATCH (d:DerivedSummary) RETURN d.refreshed_at } AS summaries_refreshed,
       COLLECT { MATCH (l:Load) RETURN l.load_id ORDER BY l.load_id DESC LIMIT 1 } AS last_load,
       COLLECT { MATCH (s:RiskScoring) RETURN s.run } AS risk_scored
