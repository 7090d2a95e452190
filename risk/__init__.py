"""The fitted risk model: fitted on the deployment's own history, validated on held-out time,
stored with its validation (`RiskModel`), and used by the app only when it beats the hand score.
See docs/risk.md. `queries.risk_model` applies a stored model; this package fits it."""
