// title: Services each agency gave, and how many of them came on referral
// description: >
//   One (:Derived:AgencyCaseload {agency_id, services, referrals_received}) per agency: services
//   BY_AGENCY it, and of them those REFERRED_BY an agency. The agencies page counts the rest of an
//   agency's caseload (calls, referrals made, cases attended, council measures) by degree; these
//   two need every service's label and referral, 1.8 M links at the national size (2.7 s per
//   visit). Written only where changed; caseloads of agencies no longer in the graph are removed.
// mode: write
CALL () {
  MATCH (c:AgencyCaseload)
  WHERE c.agency_id IS NOT NULL AND NOT EXISTS { MATCH (a:Agency {agency_id: c.agency_id}) }
  DELETE c
}
MATCH (a:Agency)
CALL (a) {
  OPTIONAL MATCH (a)<-[:BY_AGENCY]-(s:Service)
  RETURN count(s) AS services,
         count(CASE WHEN EXISTS { (s)-[:REFERRED_BY]->(:Agency) } THEN s END) AS referred
}
MERGE (c:Derived:AgencyCaseload {agency_id: a.agency_id})
WITH c, services, referred
WHERE c.services IS NULL OR c.services <> services OR c.referrals_received <> referred
SET c.services = services, c.referrals_received = referred
