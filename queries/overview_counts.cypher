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
CALL () {
  OPTIONAL MATCH (c:Call) WITH count(c) AS count, min(date(c.received_at)) AS first, max(date(c.received_at)) AS last
  RETURN 'Call' AS item, '112 신고' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:PersonRecord) WITH count(n) AS count, null AS first, null AS last
  RETURN 'PersonRecord' AS item, '인물 기록' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:PersonRecord) WHERE NOT (n)-[:RESOLVES_TO]->(:Person) WITH count(n) AS count, null AS first, null AS last
  RETURN 'UnresolvedRecord' AS item, '미식별 인물 기록' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:Person) WITH count(n) AS count, null AS first, null AS last
  RETURN 'Person' AS item, '사람(동일인 식별)' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:Household) WITH count(n) AS count, null AS first, null AS last
  RETURN 'Household' AS item, '세대' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:Address) WITH count(n) AS count, null AS first, null AS last
  RETURN 'Address' AS item, '주소' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:Agency) WITH count(n) AS count, null AS first, null AS last
  RETURN 'Agency' AS item, '기관' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:PoliceMeasure) WITH count(n) AS count, min(n.date) AS first, max(n.date) AS last
  RETURN 'PoliceMeasure' AS item, '경찰 보호조치' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:RiskAssessment) WITH count(n) AS count, min(n.date) AS first, max(n.date) AS last
  RETURN 'RiskAssessment' AS item, '위험성 평가' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:Service) WITH count(n) AS count, min(n.date) AS first, max(n.date) AS last
  RETURN 'Service' AS item, '기관 지원' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:CouncilCase) WITH count(n) AS count, min(n.meeting_date) AS first, max(n.meeting_date) AS last
  RETURN 'CouncilCase' AS item, '협의회 안건' AS item_ko, count, first, last
  UNION ALL
  OPTIONAL MATCH (n:CouncilMeasure) WITH count(n) AS count, min(n.start_date) AS first, max(n.start_date) AS last
  RETURN 'CouncilMeasure' AS item, '협의회 지원계획' AS item_ko, count, first, last
}
RETURN item, item_ko, count, first, last
