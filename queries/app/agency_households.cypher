// title: Households an agency touches
// title_ko: 기관이 관여한 가구
// description: >
//   Households with a member named on a call the agency handled, given a service or risk
//   assessment by it, or on a council case it attended or holds a measure of; with contact counts
//   and the first and last contact date: the `limit` households with most contacts (a national
//   police station touches 133 k; the page shows the first 500). The contacts are counted by the
//   summaries (`jss summaries`, run by every load and resolution).
// mode: read
// params:
//   agency_id: {type: str, required: true}
//   limit: {type: int, default: 500}
// kinds:
//   household_id: id
//   contacts: number
//   first_contact: date
//   last_contact: date
MATCH (c:AgencyContact {agency_id: $agency_id})
// counted by the summaries (derived/cypher/08_household_contacts.cypher). The predicate on
// contacts and the order by (agency_id, contacts) let the index hand the rows over in order, so
// only the first `limit` are read (sorting all 133 k of a national police station took 180 ms)
WHERE c.contacts >= 0
WITH c ORDER BY c.agency_id DESC, c.contacts DESC, c.household_id LIMIT $limit
RETURN c.household_id AS household_id, c.contacts AS contacts, c.first_contact AS first_contact,
       c.last_contact AS last_contact
