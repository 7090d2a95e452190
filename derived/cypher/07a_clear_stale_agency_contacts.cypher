// title: Drop agency contacts of households that no longer exist
// description: >
//   Entity resolution rebuilds households; an AgencyContact of a household id no longer in the
//   graph is removed (08_household_contacts recounts those of the households that remain). Runs
//   before 08, so a fresh load scans no contacts here (after 08 it scanned all 1.7 M national ones:
//   16.8 s).
// mode: write
MATCH (c:AgencyContact)
WHERE NOT EXISTS { MATCH (:Household {household_id: c.household_id}) }
CALL (c) { DELETE c } IN TRANSACTIONS OF 10000 ROWS
