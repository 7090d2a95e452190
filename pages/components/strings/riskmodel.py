"""The admin page's risk-model section (riskm.*)."""

STRINGS = {
    "adm.risk_model": {"ko": "위험 예측 모델", "en": "Risk model"},
    "riskm.none": {"ko": "적합된 모델이 없습니다: 화면의 위험도는 수기 점수입니다. 명령줄에서 모델을 적합하세요 "
                         "(적재 후 자동으로도 적합됩니다).",
                   "en": "No model fitted yet: the app shows the hand score. Fit one with `jss risk fit` (it is also "
                         "fitted after every load)."},
    "riskm.status.active": {"ko": "사용 중", "en": "In use"},
    "riskm.status.rejected": {"ko": "사용 안 함 — 수기 점수 사용", "en": "Not used — the hand score is used"},
    "riskm.fitted": {"ko": "모델 {id} · 적합 {at}", "en": "model {id} · fitted {at}"},
    "riskm.schedule": {"ko": "검증 기준일 {test} 이후 {days}일의 결과로 검증 · 학습 기준일 {train} · 사용 모델은 한 기간 "
                             "뒤로 옮겨 다시 적합 ({rows}건)",
                       "en": "validated on the {days} days after {test} · training cut-offs {train} · the model in use "
                             "is refitted one period later ({rows} rows)"},
    "riskm.guard": {"ko": "학습에 쓰지 않은 기간에서 AUC 차이의 95% 구간이 0보다 크고 Brier 점수가 수기 점수보다 낮을 "
                          "때만 사용합니다. 모델은 판단을 돕는 자료이며, 협의회 기준(3건 이상·높음 이상)과 함께 봅니다.",
                    "en": "Used only when, on a period it did not learn from, the 95% interval of its AUC gain over the "
                          "hand score lies above zero and its Brier score is lower. A triage aid, read beside the "
                          "council rules (3+ calls, high+), never a decision."},
    "riskm.o.any_call": {"ko": "재신고(모든 신고) · 피해자 {n}명 중 {positives}명 ({rate}%)",
                         "en": "A further call · {positives} of {n} victims ({rate}%)"},
    "riskm.o.serious": {"ko": "중대 재신고(흉기·상해·C0/C1) · 피해자 {n}명 중 {positives}명 ({rate}%)",
                        "en": "A serious further call (weapon, injury, C0/C1) · {positives} of {n} victims ({rate}%)"},
    "riskm.predictor": {"ko": "예측 방법", "en": "predictor"},
    "riskm.p.model": {"ko": "적합 모델", "en": "fitted model"},
    "riskm.p.hand": {"ko": "수기 점수", "en": "hand score"},
    "riskm.p.grade": {"ko": "체크리스트 등급만", "en": "checklist grade alone"},
    "riskm.p.calls_12m": {"ko": "최근 12개월 신고 수만", "en": "calls in the last 12 months alone"},
    "riskm.p.council_rule": {"ko": "협의회 규칙 (3건+ 또는 높음+)", "en": "council rule (3+ calls or high+)"},
    "riskm.gain": {"ko": "모델 − 수기 점수 AUC {d} [95% 구간 {lo}, {hi}]",
                   "en": "model − hand score AUC {d} [95% CI {lo}, {hi}]"},
    "riskm.brier": {"ko": "Brier 점수 (낮을수록 좋음; 둘 다 학습 기간에 보정): 모델 {model} · 수기 점수 {hand} · 기저율 {base}",
                    "en": "Brier score (lower is better; both calibrated on the training period): model {model} · "
                          "hand score {hand} · base rate {base}"},
    "riskm.reliability": {"ko": "신뢰도 표: 예측한 확률과 실제 비율", "en": "Reliability: predicted and observed"},
    "riskm.band": {"ko": "예측 구간", "en": "band"},
    "riskm.n": {"ko": "인원", "en": "people"},
    "riskm.predicted": {"ko": "예측 평균", "en": "mean predicted"},
    "riskm.observed": {"ko": "실제 비율", "en": "observed rate"},
    "riskm.groups": {"ko": "성별·연령대별 (공정성 점검)", "en": "By sex and age group (fairness check)"},
    "riskm.flag.auc": {"ko": "점검 필요: {group}에서 모델의 AUC {value}가 전체({overall})보다 확연히 낮습니다",
                       "en": "Check: in {group} the model's AUC {value} is clearly below the overall {overall}"},
    "riskm.flag.calibration": {"ko": "점검 필요: {group}에서 예측 평균 {value}가 실제 비율 {overall}과 어긋납니다",
                               "en": "Check: in {group} the mean prediction {value} is off the rate seen, {overall}"},
    "riskm.v.M": {"ko": "남", "en": "male"},
    "riskm.v.F": {"ko": "여", "en": "female"},
    "riskm.v.unknown": {"ko": "미상", "en": "not recorded"},
    "riskm.group": {"ko": "집단", "en": "group"},
    "riskm.g.sex": {"ko": "성별", "en": "sex"},
    "riskm.g.age": {"ko": "연령", "en": "age"},
    "riskm.auc_model": {"ko": "AUC 모델", "en": "AUC model"},
    "riskm.auc_hand": {"ko": "AUC 수기", "en": "AUC hand"},
}
