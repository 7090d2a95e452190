// title: Overview counts
// title_ko: 전체 현황
// description: >
//   How much is in the graph: source records by kind, resolved people, households and
//   addresses, person records not yet resolved, and the period the calls cover.
// description_ko: >
//   그래프에 들어 있는 자료의 양: 원천 기록 종류별 건수, 동일인 식별된 사람·세대·주소 수, 아직
//   식별되지 않은 인물 기록 수, 신고 기간.
// mode: read
// app: true
// params: {}
// columns:
//   item: What is counted (label or a derived item)
//   item_ko: Korean label
//   count: How many
//   first: Earliest date (calls, services, council cases)
//   last: Latest date
// kinds:
//   item: code
//   item_ko: code
//   count: number
//   first: date
//   last: date
CALL () {
  // Counts come from the count store, first/last dates from range indexes read in index order.
  // Each count sits alone in its own CALL: with other projections beside count(n) in one WITH,
  // the planner scans every node of the label instead (5.9 M PersonRecords: ~1 s at national).
  CALL () { MATCH (c:Call) RETURN count(c) AS count }
  WITH count, head(COLLECT { MATCH (c:Call) WHERE c.received_at IS NOT NULL
                             RETURN date(c.received_at) ORDER BY c.received_at LIMIT 1 }) AS first,
              head(COLLECT { MATCH (c:Call) WHERE c.received_at IS NOT NULL
                             RETURN date(c.received_at) ORDER BY c.received_at DESC LIMIT 1 }) AS last
  RETURN 'Call' AS item, '112 신고' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:PersonRecord) RETURN count(n) AS count }
  WITH count, null AS first, null AS last
  RETURN 'PersonRecord' AS item, '인물 기록' AS item_ko, count, first, last
  UNION ALL
  // Resolution keeps at most one RESOLVES_TO per record (resolution/cypher/write_resolves_to.cypher),
  // so unresolved = records - RESOLVES_TO relationships: two count-store reads, no scan.
  CALL () { MATCH (n:PersonRecord) RETURN count(n) AS records }
  CALL () { MATCH (:PersonRecord)-[x:RESOLVES_TO]->() RETURN count(x) AS resolved }
  WITH records - resolved AS count, null AS first, null AS last
  RETURN 'UnresolvedRecord' AS item, '미식별 인물 기록' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:Person) RETURN count(n) AS count }
  WITH count, null AS first, null AS last
  RETURN 'Person' AS item, '사람(동일인 식별)' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:Household) RETURN count(n) AS count }
  WITH count, null AS first, null AS last
  RETURN 'Household' AS item, '세대' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:Address) RETURN count(n) AS count }
  WITH count, null AS first, null AS last
  RETURN 'Address' AS item, '주소' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:Agency) RETURN count(n) AS count }
  WITH count, null AS first, null AS last
  RETURN 'Agency' AS item, '기관' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:PoliceMeasure) RETURN count(n) AS count }
  WITH count, head(COLLECT { MATCH (n:PoliceMeasure) WHERE n.date IS NOT NULL
                             RETURN n.date ORDER BY n.date LIMIT 1 }) AS first,
              head(COLLECT { MATCH (n:PoliceMeasure) WHERE n.date IS NOT NULL
                             RETURN n.date ORDER BY n.date DESC LIMIT 1 }) AS last
  RETURN 'PoliceMeasure' AS item, '경찰 보호조치' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:RiskAssessment) RETURN count(n) AS count }
  WITH count, head(COLLECT { MATCH (n:RiskAssessment) WHERE n.date IS NOT NULL
                             RETURN n.date ORDER BY n.date LIMIT 1 }) AS first,
              head(COLLECT { MATCH (n:RiskAssessment) WHERE n.date IS NOT NULL
                             RETURN n.date ORDER BY n.date DESC LIMIT 1 }) AS last
  RETURN 'RiskAssessment' AS item, '위험성 평가' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:Service) RETURN count(n) AS count }
  WITH count, head(COLLECT { MATCH (n:Service) WHERE n.date IS NOT NULL
                             RETURN n.date ORDER BY n.date LIMIT 1 }) AS first,
              head(COLLECT { MATCH (n:Service) WHERE n.date IS NOT NULL
                             RETURN n.date ORDER BY n.date DESC LIMIT 1 }) AS last
  RETURN 'Service' AS item, '기관 지원' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:CouncilCase) RETURN count(n) AS count }
  WITH count, head(COLLECT { MATCH (n:CouncilCase) WHERE n.meeting_date IS NOT NULL
                             RETURN n.meeting_date ORDER BY n.meeting_date LIMIT 1 }) AS first,
              head(COLLECT { MATCH (n:CouncilCase) WHERE n.meeting_date IS NOT NULL
                             RETURN n.meeting_date ORDER BY n.meeting_date DESC LIMIT 1 }) AS last
  RETURN 'CouncilCase' AS item, '협의회 안건' AS item_ko, count, first, last
  UNION ALL
  CALL () { MATCH (n:CouncilMeasure) RETURN count(n) AS count }
  WITH count, head(COLLECT { MATCH (n:CouncilMeasure) WHERE n.start_date IS NOT NULL
                             RETURN n.start_date ORDER BY n.start_date LIMIT 1 }) AS first,
              head(COLLECT { MATCH (n:CouncilMeasure) WHERE n.start_date IS NOT NULL
                             RETURN n.start_date ORDER BY n.start_date DESC LIMIT 1 }) AS last
  RETURN 'CouncilMeasure' AS item, '협의회 지원계획' AS item_ko, count, first, last
}
RETURN item, item_ko, count, first, last
