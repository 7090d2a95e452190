// title: Resample outdated indexes
// description: >
//   Bring the planner's index samples up to date, synchronously (graph/schema.py: resample_outdated).
// mode: write
CALL db.resampleOutdatedIndexes()
