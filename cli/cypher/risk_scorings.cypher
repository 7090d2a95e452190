// title: Risk scoring runs
// description: >
//   How many risk scoring runs the graph records (`jss demo` scores once when none has run).
// mode: read
MATCH (s:RiskScoring) RETURN count(s) AS n
