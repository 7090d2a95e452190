// title: Person records
// title_ko: 인물 기록 수
// description: >
//   How many person records there are: entity resolution's match threshold rises with it
//   (resolution.engine.match_threshold_for), and the review page and the details panel show the
//   thresholds a score was measured against. Read from the count store.
// mode: read
// params: {}
// kinds:
//   records: number
MATCH (r:PersonRecord) RETURN count(r) AS records
