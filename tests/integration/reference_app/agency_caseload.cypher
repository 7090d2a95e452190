// title: Agency caseload, counting through the end labels (the form before degrees)
// title_ko: 기관별 사례 수
// description: >
//   Per agency: calls handled, services given, services it received on referral and referrals it
//   made, council cases attended and council measures assigned to it.
// mode: read
// params: {}
MATCH (a:Agency)
WITH a,
     COUNT { (a)<-[:HANDLED_BY]-(:Call) } AS calls,
     COUNT { (a)<-[:BY_AGENCY]-(:Service) } AS services,
     COUNT { (a)<-[:BY_AGENCY]-(s:Service) WHERE EXISTS { (s)-[:REFERRED_BY]->(:Agency) } } AS referrals_received,
     COUNT { (a)<-[:REFERRED_BY]-(:Service) } AS referrals_made,
     COUNT { (a)-[:ATTENDED]->(:CouncilCase) } AS cases_attended,
     COUNT { (a)<-[:ASSIGNED_TO]-(:CouncilMeasure) } AS council_measures
RETURN a.agency_id AS agency_id, a.name AS agency_name, a.type AS agency_type, a.district AS district, calls, services,
       referrals_received, referrals_made, cases_attended, council_measures
ORDER BY calls + services + cases_attended + council_measures DESC, agency_id
