// title: Drop agency contacts of households that no longer exist
// description: >
//   Entity resolution rebuilds households; an AgencyContact of a household id no longer in the
//   graph is removed (08_household_contacts recounts those of the households that remain).
// mode: write
MATCH (c:AgencyContact)
WHERE NOT EXISTS { MATCH (:Household {household_id: c.household_id}) }
CALL (c) { DELETE c } IN TRANSACTIONS OF 10000 ROWS
