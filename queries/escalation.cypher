// title: Escalating victim–suspect pairs
// title_ko: 위험이 커지는 피해자–가해자 관계
// description: >
//   Victim–suspect pairs (resolved persons) with at least two calls inside the last `window_days`
//   days of their history (the window ends at the pair's latest call) whose latest call is more
//   severe than the first call of that window. Severity of one call, 0–13:
//   priority C0=4, C1=3, C2=2, C3=1, C4 or unknown=0; weapon used +3; injury +3; a restraining
//   order (police measure 긴급임시조치, 임시조치*, 잠정조치*, 긴급응급조치 for the call, or an outcome
//   임시조치 / 긴급임시조치 / 응급조치) +2; outcome 형사입건 (criminal case opened) +1. `rises`
//   counts the steps where severity went up, `falls` where it went down.
// description_ko: >
//   최근 `window_days`일(관계의 마지막 신고로 끝나는 기간) 안에 신고가 2건 이상이고 마지막 신고가 그
//   기간 첫 신고보다 심각한 피해자–가해자 쌍. 신고 1건의 심각도(0–13): 긴급도 C0=4, C1=3, C2=2,
//   C3=1, C4·미상=0; 흉기사용 +3; 상해 +3; 접근금지 성격의 조치(그 신고의 긴급임시조치·임시조치·
//   잠정조치·긴급응급조치, 또는 처리결과 임시조치·긴급임시조치·응급조치) +2; 처리결과 형사입건 +1.
// mode: read
// app: true
// params:
//   window_days: {type: int, default: 365, description: Window (days) ending at the pair's last call}
// columns:
//   victim_id: Victim (Person.person_id)
//   victim_name: Victim's name
//   suspect_id: Suspect (Person.person_id)
//   suspect_name: Suspect's name
//   relation: Relation to the victim as recorded on the last call
//   calls_in_window: Calls of the pair inside the window
//   first_severity: Severity of the window's first call
//   last_severity: Severity of the latest call
//   increase: last_severity - first_severity
//   rises: Steps where severity went up
//   falls: Steps where severity went down
//   severities: Severity of each call in the window, oldest first
//   call_ids: The calls in the window, oldest first
// kinds:
//   victim_id: id
//   victim_name: name
//   suspect_id: id
//   suspect_name: name
//   relation: code
//   calls_in_window: number
//   first_severity: number
//   last_severity: number
//   increase: number
//   rises: number
//   falls: number
//   severities: number
//   call_ids: id

// Reads the victim–suspect pairs (derived/): their calls oldest first with each call's severity.
MATCH (v:Person)-[pr:VICTIM_SUSPECT_PAIR]->(s:Person) WHERE pr.calls >= 2
WITH v, s, pr, date(pr.call_at[-1]) AS last_day
WITH v, s, pr,
     [i IN range(0, pr.calls - 1) WHERE duration.inDays(date(pr.call_at[i]), last_day).days <= $window_days] AS idx
WHERE size(idx) >= 2
WITH v, s, pr, [i IN idx | pr.severities[i]] AS sev, [i IN idx | pr.call_ids[i]] AS call_ids
WHERE sev[-1] > sev[0]
RETURN v.person_id AS victim_id, v.name AS victim_name, s.person_id AS suspect_id, s.name AS suspect_name,
       pr.relation AS relation, size(sev) AS calls_in_window, sev[0] AS first_severity, sev[-1] AS last_severity,
       sev[-1] - sev[0] AS increase,
       size([i IN range(1, size(sev) - 1) WHERE sev[i] > sev[i - 1]]) AS rises,
       size([i IN range(1, size(sev) - 1) WHERE sev[i] < sev[i - 1]]) AS falls,
       sev AS severities, call_ids
ORDER BY increase DESC, last_severity DESC, victim_id, suspect_id
