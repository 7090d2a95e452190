// title: Calls and repeat calls per day
// description: >
//   One (:Derived:CallRepeatDay {day, calls, repeat_calls}) per day with a call naming a resolved
//   victim: calls counts them, repeat_calls those whose victim (any of them) was the victim of
//   another call in the 365 days before. The overview's repeat-call rate sums the days of its
//   period; walking every call and each victim's earlier calls took over a minute at the national
//   size. Read from each person's victim_call_ids / victim_call_at (02_person_victim_calls: dated,
//   oldest first). Written only where changed; days without such calls any more are removed.
// mode: write
CALL () {
  MATCH (p:Person) WHERE p.victim_call_ids IS NOT NULL
  UNWIND range(0, size(p.victim_call_ids) - 1) AS i
  WITH p.victim_call_ids[i] AS call_id, p.victim_call_at[i] AS at,
       any(j IN range(0, i - 1) WHERE p.victim_call_at[j] < p.victim_call_at[i]
           AND p.victim_call_at[j] >= p.victim_call_at[i] - duration({days: 365})) AS repeat
  // A call with two victims counts once, as a repeat when either had an earlier call.
  WITH call_id, at, max(CASE WHEN repeat THEN 1 ELSE 0 END) AS repeat
  WITH date(at) AS day, count(*) AS calls, sum(repeat) AS repeat_calls
  RETURN collect({day: day, calls: calls, repeat_calls: repeat_calls}) AS days
}
CALL (days) {
  MATCH (d:CallRepeatDay)
  WHERE d.day IS NOT NULL AND NOT d.day IN [x IN days | x.day]
  DELETE d
}
CALL (days) {
  UNWIND days AS x
  MERGE (d:Derived:CallRepeatDay {day: x.day})
  WITH d, x
  WHERE d.calls IS NULL OR d.calls <> x.calls OR d.repeat_calls <> x.repeat_calls
  SET d.calls = x.calls, d.repeat_calls = x.repeat_calls
}
