// title: Severity of each call
// description: >
//   0–13, the rule the escalation query documents: priority C0=4, C1=3, C2=2, C3=1, C4 or unknown=0;
//   weapon used +3; injury +3; a restraining order (police measure 긴급임시조치, 임시조치*, 잠정조치*,
//   긴급응급조치 for the call, or an outcome 임시조치 / 긴급임시조치 / 응급조치) +2; outcome 형사입건 +1.
//   Written only where it changed (auto-commit, in batches).
// mode: write
MATCH (c:Call)
CALL (c) {
  WITH c,
       CASE c.priority WHEN 'C0' THEN 4 WHEN 'C1' THEN 3 WHEN 'C2' THEN 2 WHEN 'C3' THEN 1 ELSE 0 END
       + CASE WHEN c.weapon = true THEN 3 ELSE 0 END
       + CASE WHEN c.injury = true THEN 3 ELSE 0 END
       + CASE WHEN c.outcome IN ['임시조치', '긴급임시조치', '응급조치']
                OR EXISTS { (c)<-[:FOR_CALL]-(m:PoliceMeasure)
                            WHERE m.type STARTS WITH '임시조치' OR m.type STARTS WITH '잠정조치'
                               OR m.type IN ['긴급임시조치', '긴급응급조치'] } THEN 2 ELSE 0 END
       + CASE WHEN c.outcome = '형사입건' THEN 1 ELSE 0 END AS severity
  WITH c, severity WHERE c.severity IS NULL OR c.severity <> severity
  SET c.severity = severity
} IN CONCURRENT TRANSACTIONS OF 20000 ROWS
