// title: Police-to-partner referrals per year
// title_ko: 연도별 경찰–협력기관 연계
// description: >
//   Services a partner agency gave after a referral by police (the service's 의뢰기관 is an agency
//   of type 경찰서 or 지구대·파출소), per calendar year of the service and partner type, with the
//   change from the year before. Partner type from the serving agency's type:
//   medical = 의료기관, 해바라기센터, 정신건강복지센터; correction = 가해자교정기관, 보호관찰소;
//   counselling = 가정폭력상담소, 성폭력상담소, 다문화가족지원센터; shelter = 보호시설, 청소년쉼터;
//   child_protection = 아동보호전문기관; legal = 법률지원기관; local_government = 읍면동주민센터;
//   education = 교육기관; other = anything else. The row partner_type = 'all' counts every
//   police-referred service (the seed article's "+28 %" is of this kind).
// description_ko: >
//   경찰(기관유형 경찰서·지구대·파출소)이 의뢰하여 협력기관이 제공한 지원 건수를 지원 연도·협력기관
//   유형별로 세고 전년 대비 증감을 보여 줍니다. 유형 구분: 의료(의료기관, 해바라기센터,
//   정신건강복지센터), 교정(가해자교정기관, 보호관찰소), 상담(가정폭력상담소, 성폭력상담소,
//   다문화가족지원센터), 보호시설(보호시설, 청소년쉼터), 아동보호(아동보호전문기관), 법률(법률지원기관),
//   행정(읍면동주민센터), 교육(교육기관), 기타. partner_type이 'all'인 행은 경찰 의뢰 지원 전체입니다(기사의 "28% 증가").
// mode: read
// app: true
// params: {}
// columns:
//   year: Calendar year of the service
//   partner_type: Partner type (see description), or all for every partner
//   partner_type_ko: Korean label
//   referrals: Police-referred services that year
//   previous_year_referrals: The year before (null if none)
//   change: referrals - previous_year_referrals
//   change_pct: Change in percent of the previous year
//   service_keys: The first 20 of the services counted, in service_key order
// kinds:
//   year: number
//   partner_type: code
//   partner_type_ko: code
//   referrals: number
//   previous_year_referrals: number
//   change: number
//   change_pct: number
//   service_keys: id

// Reads the per-year counts the summaries keep (derived/), not every service.
MATCH (n:ReferralYearCount)
WITH n.partner_type AS ptype, collect({year: n.year, referrals: n.referrals, keys: n.service_keys}) AS per_year
UNWIND per_year AS y
WITH ptype, y, [p IN per_year WHERE p.year = y.year - 1 | p.referrals][0] AS prev
RETURN y.year AS year, ptype AS partner_type,
       CASE ptype WHEN 'medical' THEN '의료' WHEN 'correction' THEN '교정' WHEN 'counselling' THEN '상담'
         WHEN 'shelter' THEN '보호시설' WHEN 'child_protection' THEN '아동보호' WHEN 'legal' THEN '법률'
         WHEN 'local_government' THEN '행정' WHEN 'education' THEN '교육'
         WHEN 'all' THEN '전체' ELSE '기타' END AS partner_type_ko,
       y.referrals AS referrals, prev AS previous_year_referrals, y.referrals - prev AS change,
       CASE WHEN prev IS NULL OR prev = 0 THEN null ELSE round(100.0 * (y.referrals - prev) / prev, 1) END AS change_pct,
       y.keys AS service_keys
ORDER BY year, partner_type
