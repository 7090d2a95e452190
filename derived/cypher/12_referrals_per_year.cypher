// title: Police referrals per year and partner type
// description: >
//   One (:Derived:ReferralYearCount {year, partner_type, referrals, service_keys}) per calendar year of the
//   service and partner type (as linkage_yoy defines them, plus 'all'), for services a partner gave
//   after a referral by police; service_keys keeps the first 20 of them in key order. Rebuilt on every refresh;
//   linkage_yoy reads these instead of every service.
// mode: write
CALL () { MATCH (n:ReferralYearCount) DELETE n }
MATCH (s:Service)-[:REFERRED_BY]->(ref:Agency)
WHERE ref.type IN ['경찰서', '지구대·파출소'] AND s.date IS NOT NULL
OPTIONAL MATCH (s)-[:BY_AGENCY]->(p:Agency)
WITH s, CASE
    WHEN p.type IN ['의료기관', '해바라기센터', '정신건강복지센터'] THEN 'medical'
    WHEN p.type IN ['가해자교정기관', '보호관찰소'] THEN 'correction'
    WHEN p.type IN ['가정폭력상담소', '성폭력상담소', '다문화가족지원센터'] THEN 'counselling'
    WHEN p.type IN ['보호시설', '청소년쉼터'] THEN 'shelter'
    WHEN p.type = '아동보호전문기관' THEN 'child_protection'
    WHEN p.type = '법률지원기관' THEN 'legal'
    WHEN p.type = '읍면동주민센터' THEN 'local_government'
    WHEN p.type = '교육기관' THEN 'education'
    ELSE 'other' END AS partner_type
UNWIND [partner_type, 'all'] AS ptype
WITH s, ptype ORDER BY s.service_key  // the same 20 keys whatever order the store returns services in
WITH s.date.year AS year, ptype, count(*) AS referrals, collect(s.service_key)[..20] AS keys
CREATE (:Derived:ReferralYearCount {year: year, partner_type: ptype, referrals: referrals, service_keys: keys})
