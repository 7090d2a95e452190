// title: Police referrals per month
// title_ko: 월별 경찰 연계 의뢰
// description: >
//   Services a partner gave after a referral by police (a 의뢰기관 of type 경찰서 or 지구대·파출소,
//   as linkage_yoy counts them: its partner_type 'all'), dated from `from` up to the day before
//   `to`, per calendar year and month: what the overview's year-on-year change compares when a
//   year is covered only in part. Read through the services' date index (only the months asked).
// mode: read
// params:
//   from: {type: date, required: true}
//   to: {type: date, required: true}
// kinds:
//   year: number
//   month: number
//   referrals: number
MATCH (s:Service)
WHERE s.date >= date($from) AND s.date < date($to)
  AND EXISTS { (s)-[:REFERRED_BY]->(ref:Agency) WHERE ref.type IN ['경찰서', '지구대·파출소'] }
WITH s.date.year AS year, s.date.month AS month, count(*) AS referrals
RETURN year, month, referrals
ORDER BY year, month
