// title: Repeat-call rate
// title_ko: 재신고율
// description: >
//   Of the calls received between `from` and `to` (inclusive; empty = no bound) that name a
//   resolved victim, how many are repeat calls: the same victim was the victim of another call in
//   the 365 days before. Sums the per-day counts the summaries keep
//   (derived/cypher/15_call_repeat_days.cypher).
// mode: read
// params:
//   from: {type: date, default: null}
//   to: {type: date, default: null}
// kinds:
//   calls: number
//   repeat_calls: number
//   rate_pct: number
MATCH (d:CallRepeatDay)
WHERE d.day >= coalesce(date($from), date('0001-01-01')) AND d.day <= coalesce(date($to), date('9999-12-31'))
WITH sum(d.calls) AS calls, sum(d.repeat_calls) AS repeat_calls
RETURN calls, repeat_calls,
       CASE WHEN calls = 0 THEN null ELSE round(100.0 * repeat_calls / calls, 1) END AS rate_pct
