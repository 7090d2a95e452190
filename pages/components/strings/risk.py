"""Risk explained (risk.*): the recorded checklist grade and the graph score side by side."""

STRINGS: dict[str, dict[str, str]] = {
    "risk.title": {"ko": "위험도: 기록된 등급과 그래프 점수", "en": "Risk: recorded grade and graph score"},
    "risk.title_of": {"ko": "위험도 · {who}", "en": "Risk · {who}"},
    "risk.grade_head": {"ko": "기록된 위험등급 (체크리스트)", "en": "Recorded grade (checklist)"},
    "risk.grade_none": {"ko": "위험성 평가 기록이 없습니다", "en": "No risk assessment on record"},
    "risk.grade_by": {"ko": "{date} · {agency}", "en": "{date} · {agency}"},
    "risk.grade_items": {"ko": "'예' 응답 {yes}/{answered}개 문항", "en": "{yes} of {answered} items answered yes"},
    "risk.grade_yes": {"ko": "'예' 응답 {yes}개 문항", "en": "{yes} items answered yes"},
    "risk.grade_latest": {"ko": "평가 {n}건 중 가장 최근", "en": "the latest of {n} assessments"},
    "risk.council": {"ko": "협의회 안건 위험등급: {grade} (안건 {case}, {date} 회의)",
                     "en": "Council case grade: {grade} (case {case}, meeting {date})"},
    "risk.grade_why": {"ko": "평가자가 그 시점에 체크리스트로 판단한 등급입니다.",
                       "en": "An officer's judgement on the checklist at that moment."},
    "risk.score_head": {"ko": "그래프 위험점수", "en": "Graph risk score"},
    "risk.score_value": {"ko": "{score}점 · {level}", "en": "{score} points · {level}"},
    "risk.score_levels": {"ko": "12점 이상 매우높음 · 8–11점 높음 · 4–7점 보통 · 0–3점 낮음",
                          "en": "12+ very high · 8–11 high · 4–7 medium · 0–3 low"},
    "risk.score_none": {"ko": "점수 없음: 112 신고의 피해자로 기록된 사람에게만 점수를 매깁니다.",
                        "en": "No score: only people recorded as the victim on a 112 call are scored."},
    "risk.score_pending": {"ko": "아직 위험점수가 계산되지 않았습니다. 자료를 적재하면 계산됩니다.",
                           "en": "No risk scores yet: they are computed when data are loaded."},
    "risk.as_of": {"ko": "{value} ({date} 기준)", "en": "{value} (as of {date})"},
    "risk.score_no_reasons": {"ko": "점수에 더해진 항목이 없습니다", "en": "No item added points"},
    "risk.score_why": {"ko": "그래프에 쌓인 사실(반복·최근 신고, 심각도 상승, 흉기·상해, 아동 노출, 분리 등)을 "
                             "규칙대로 세어 더한 점수입니다 (docs/risk.md).",
                       "en": "Counts facts in the graph by fixed rules: repeat and recent calls, escalation, "
                             "weapons and injuries, children exposed, separation (docs/risk.md)."},
    "risk.rule_calls": {"ko": "협의회 기준 해당: 최근 12개월 신고 3건 이상",
                        "en": "Meets the council rule: 3 or more calls in 12 months"},
    "risk.rule_checklist": {"ko": "협의회 기준 해당: 체크리스트 높음 이상",
                            "en": "Meets the council rule: checklist high or very high"},
    "risk.differ": {
        "ko": "두 값은 다를 수 있습니다. 위험등급은 평가자가 한 시점에 체크리스트로 판단한 결과이고, 위험점수는 그 "
              "전후의 신고 이력 등 그래프에 기록된 사실을 세어 더한 값입니다(체크리스트 등급은 점수에 최대 4점을 더하고, "
              "협의회 안건의 등급은 점수에 들어가지 않습니다). "
              "어느 한쪽만으로 판단하지 마세요.",
        "en": "The two can differ. The grade is an officer's checklist judgement at one moment; the score counts "
              "what the graph records, such as repeat calls, escalation and children exposed (the checklist grade "
              "adds at most 4 points to it; the council's case grade is not part of it). Read them together."},
    "risk.high_grade_low_score": {
        "ko": "등급은 높지만 그래프에 쌓인 신고 이력(횟수·최근성·심각도)이 적어 점수는 낮습니다.",
        "en": "The grade is high, but the graph holds little call history (few, old or mild calls), so the score "
              "is low."},
    "risk.low_grade_high_score": {
        "ko": "점수가 등급보다 높은 것은 체크리스트 밖의 이력(반복·최근 신고, 심각도 상승 등)이 쌓였기 때문입니다.",
        "en": "The score is above the grade because of history outside the checklist (repeat or recent calls, "
              "escalation)."},
    "risk.model_head": {"ko": "예측 모델 (이 기관 이력으로 학습·검증)", "en": "Fitted model (learnt and tested on this history)"},
    "risk.model_value": {"ko": "{days}일 안에 다시 신고될 가능성 {pct}% · {level}",
                         "en": "{pct}% chance of another call within {days} days · {level}"},
    "risk.model_serious": {"ko": "그중 중대 신고(흉기·상해·긴급) 가능성 {pct}%",
                           "en": "{pct}% chance that it is a serious one (weapon, injury, C0/C1)"},
    "risk.model_levels": {"ko": "50% 이상 매우높음 · 25–50% 높음 · 10–25% 보통 · 10% 미만 낮음",
                          "en": "50%+ very high · 25–50% high · 10–25% medium · under 10% low"},
    "risk.model_why": {"ko": "이 배치의 과거 신고 이력으로 학습하고, 학습에 쓰지 않은 최근 기간으로 검증해 수기 점수보다 "
                             "나을 때만 쓰는 모델입니다. 괄호의 배수는 각 항목이 평균적인 피해자에 비해 위험(오즈)을 "
                             "몇 배로 올리거나 내리는지입니다. 판단을 돕는 자료이며 결정이 아닙니다 (관리 화면·docs/risk.md).",
                       "en": "Learnt from this deployment's past calls and used only because it beat the hand score on "
                             "a recent period it did not learn from. Each multiplier says how much an item raises or "
                             "lowers the odds against an average victim. A triage aid, never a decision (admin page, "
                             "docs/risk.md)."},
    "risk.model_no_reasons": {"ko": "평균적인 피해자와 크게 다른 항목이 없습니다",
                              "en": "Nothing differs much from an average victim"},
}
