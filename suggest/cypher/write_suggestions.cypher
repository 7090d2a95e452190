// title: Write agenda suggestions
// description: >
//   One batch of suggestions a run created, updated or raised again, one node per household: its
//   status (open, accepted, dismissed), reasons (JSON: rule, person, facts, day, detail), the union
//   of the facts behind them (call ids, `agency:` codes), the people and suspects named, the
//   priority, when first and last raised, and the run. Decisions (suggest/cypher/decide.cypher)
//   set the status; a run sets it back to open only for a dismissed suggestion with new facts.
// mode: write
// params:
//   rows: {type: list, required: true}
//   run: {type: str, required: true}
UNWIND $rows AS r
MERGE (s:Suggestion {household_id: r.household_id})
SET s.status = r.status, s.reasons = r.reasons, s.rules = r.rules, s.fact_ids = r.fact_ids,
    s.person_ids = r.person_ids, s.offender_ids = r.offender_ids, s.priority = r.priority,
    s.first_raised_on = date(r.first_raised_on), s.raised_on = date(r.raised_on),
    s.latest_fact_on = date(r.latest_fact_on), s.raised_count = r.raised_count,
    s.news_since_decision = r.news_since_decision, s.run = $run
