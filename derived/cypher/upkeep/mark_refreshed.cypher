// title: Record a refresh
// description: >
//   The DerivedSummary node of the pattern summaries: when they were last refreshed, how long it took
//   and each step's seconds (JSON). The app's graph version reads it.
// mode: write
// params:
//   refreshed_at: {type: str, required: true}
//   seconds: {type: float, required: true}
//   steps: {type: str, required: true, description: JSON of each step's seconds}
MERGE (d:Derived:DerivedSummary {name: 'patterns'})
SET d.refreshed_at = $refreshed_at, d.seconds = $seconds, d.steps = $steps
