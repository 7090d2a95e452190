// title: Agency caseload
// title_ko: 기관별 사례 수
// description: >
//   Per agency: calls handled, services given, services it received on referral and referrals it
//   made, council cases attended and council measures assigned to it.
// mode: read
// params: {}
// kinds:
//   agency_id: id
//   agency_name: agency
//   agency_type: code
//   district: agency
//   calls: number
//   services: number
//   referrals_received: number
//   referrals_made: number
//   cases_attended: number
//   council_measures: number
MATCH (a:Agency)
// Calls, referrals made, cases attended and measures assigned are the only nodes linked to an
// agency by HANDLED_BY, REFERRED_BY, ATTENDED and ASSIGNED_TO (tests/integration/test_app_reads.py
// checks the graph): counted without naming the far label they are read from the degree store,
// not by visiting a national station's 155 k calls. Services given and received on referral are
// counted by the summaries (derived/cypher/16_agency_caseload.cypher).
OPTIONAL MATCH (f:AgencyCaseload {agency_id: a.agency_id})
WITH a, f,
     COUNT { (a)<-[:HANDLED_BY]-() } AS calls,
     COUNT { (a)<-[:REFERRED_BY]-() } AS referrals_made,
     COUNT { (a)-[:ATTENDED]->() } AS cases_attended,
     COUNT { (a)<-[:ASSIGNED_TO]-() } AS council_measures
WITH a, calls, coalesce(f.services, 0) AS services, coalesce(f.referrals_received, 0) AS referrals_received,
     referrals_made, cases_attended, council_measures
RETURN a.agency_id AS agency_id, a.name AS agency_name, a.type AS agency_type, a.district AS district, calls, services,
       referrals_received, referrals_made, cases_attended, council_measures
ORDER BY calls + services + cases_attended + council_measures DESC, agency_id
