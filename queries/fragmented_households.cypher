// title: Fragmented households
// title_ko: 여러 기관에 흩어진 세대
// description: >
//   Households that at least `min_agencies` different agencies had contact with (calls handled,
//   services, risk assessments, police measures — as in household_agencies) but that were never
//   put on the council's agenda (no member is the victim or offender of a council case). These
//   are the households the seed article says are "scattered across services".
// description_ko: >
//   `min_agencies`개 이상 기관이 접촉했지만(신고 처리, 지원, 위험성평가, 경찰 보호조치) 실무협의회
//   안건에 한 번도 오르지 않은(구성원이 협의회 안건의 피해자·가해자가 아닌) 세대.
// mode: read
// app: true
// params:
//   min_agencies: {type: int, default: 3, description: Fewest distinct agencies}
// columns:
//   household_id: The household
//   agencies: Number of distinct agencies
//   agency_ids: Their agency codes
//   agency_types: Their agency types
//   members: Number of members
//   contacts: Number of distinct contacts
//   first_contact: First contact date
//   last_contact: Last contact date
//   call_ids: Calls naming a member
//   service_keys: Services given to a member
// kinds:
//   household_id: id
//   agencies: number
//   agency_ids: id
//   agency_types: code
//   members: number
//   contacts: number
//   first_contact: date
//   last_contact: date
//   call_ids: id
//   service_keys: id

// Reads the agency contacts per household (derived/).
MATCH (h:Household) WHERE h.contact_agency_count >= $min_agencies AND h.on_council_agenda = false
RETURN h.household_id AS household_id, h.contact_agency_count AS agencies, h.contact_agency_ids AS agency_ids,
       COLLECT { MATCH (a:Agency) WHERE a.agency_id IN h.contact_agency_ids RETURN DISTINCT a.type ORDER BY a.type }
         AS agency_types,
       COUNT { (h)<-[:MEMBER_OF]-(:Person) } AS members, h.contact_count AS contacts,
       h.first_contact AS first_contact, h.last_contact AS last_contact,
       coalesce(h.contact_call_ids, []) AS call_ids, coalesce(h.contact_service_keys, []) AS service_keys
ORDER BY agencies DESC, contacts DESC, household_id
