// title: Agency co-involvement
// title_ko: 기관 간 공동 관여
// description: >
//   Pairs of agencies that had contact with the same households (calls handled, services, risk
//   assessments, police measures, council cases and measures — as in household_agencies), with
//   the number of shared households and up to 20 of their household_ids. Shows which agencies
//   in practice work on the same families.
// description_ko: >
//   같은 세대와 접촉한(신고 처리, 지원, 위험성평가, 경찰 보호조치, 협의회) 기관 쌍과 공유 세대 수,
//   세대 번호(최대 20개). 실제로 같은 가족을 함께 돕는 기관을 보여 줍니다.
// mode: read
// app: true
// params:
//   min_households: {type: int, default: 2, description: Fewest shared households}
//   limit: {type: int, default: 10000, description: At most this many pairs, the strongest first (the agencies page draws 120)}
// columns:
//   agency_a: First agency code (alphabetical)
//   agency_a_name: Its name
//   agency_a_type: Its type
//   agency_b: Second agency code
//   agency_b_name: Its name
//   agency_b_type: Its type
//   shared_households: Households both agencies had contact with
//   household_ids: Up to 20 of those household_ids
// kinds:
//   agency_a: id
//   agency_a_name: agency
//   agency_a_type: code
//   agency_b: id
//   agency_b_name: agency
//   agency_b_type: code
//   shared_households: number
//   household_ids: id

// Reads the co-involvement links (derived/): one per agency pair with shared households.
MATCH (a1:Agency)-[r:CO_INVOLVED]->(a2:Agency) WHERE r.households >= $min_households
RETURN a1.agency_id AS agency_a, a1.name AS agency_a_name, a1.type AS agency_a_type,
       a2.agency_id AS agency_b, a2.name AS agency_b_name, a2.type AS agency_b_type,
       r.households AS shared_households, r.household_ids AS household_ids
ORDER BY shared_households DESC, agency_a, agency_b
LIMIT $limit
