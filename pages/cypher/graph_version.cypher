// title: Graph version
// title_ko: 그래프 버전
// description: Node counts by label (from the count store) the newest load id and when the derived summaries were last refreshed; the app's caches of whole-graph reads are dropped when any of them changes.
// mode: read
// params: {}
RETURN COUNT { (:Load) } AS loads, COUNT { (:Call) } AS calls, COUNT { (:PersonRecord) } AS records,
       COUNT { (:Person) } AS persons, COUNT { (:Household) } AS households, COUNT { (:CouncilMeasure) } AS measures,
       COUNT { (:ReviewDecision) } AS decisions,
       COLLECT { MATCH (d:DerivedSummary) RETURN d.refreshed_at } AS summaries_refreshed,
       COLLECT { MATCH (l:Load) RETURN l.load_id ORDER BY l.load_id DESC LIMIT 1 } AS last_load
