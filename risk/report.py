"""The validation report of a fitted risk model as lines of text (`jss risk report`, and `jss risk
fit` when it ends), in Korean or English. Aggregates only."""

from __future__ import annotations

from typing import Any

OUTCOME = {"any_call": ("재신고(모든 신고)", "a further call"), "serious": ("중대 재신고", "a serious further call")}
PREDICTOR = {"model": ("적합 모델", "fitted model"), "hand": ("수기 점수", "hand score"),
             "grade": ("체크리스트 등급만", "checklist grade alone"),
             "calls_12m": ("최근 12개월 신고 수만", "calls in the last 12 months alone"),
             "council_rule": ("협의회 규칙(3건+ 또는 높음+)", "council rule (3+ calls or high+)")}
STATUS = {"active": ("사용 중: 보류 기간에 수기 점수보다 우수", "in use: beat the hand score on held-out time"),
          "rejected": ("사용 안 함: 보류 기간에 수기 점수를 넘지 못함 — 수기 점수 사용",
                       "not used: did not beat the hand score on held-out time — the hand score is used")}


def _ci(a: dict[str, float] | None) -> str:
    return "–" if not a else f"{a['auc']:.3f} [{a['lo']:.3f}, {a['hi']:.3f}]"


def report_lines(row: dict[str, Any], report: dict[str, Any], lang: str = "ko") -> list[str]:
    k = 0 if lang == "ko" else 1
    lines = [f"{row['model_id']} · {row.get('fitted_at', '')} · {STATUS[row['status']][k]}",
             ("기준일(검증) " if k == 0 else "test cut-off ") + report["test_cutoff"]
             + (" · 학습 기준일 " if k == 0 else " · training cut-offs ") + ", ".join(report["train_cutoffs"])
             + (f" · 예측 기간 {report['horizon_days']}일" if k == 0 else f" · horizon {report['horizon_days']} days")]
    for outcome, v in report["outcomes"].items():
        lines.append("")
        lines.append(f"== {OUTCOME[outcome][k]}: n={v['n']}, "
                     + (f"재신고 {v['positives']}명 ({v['rate']:.1%})" if k == 0 else
                        f"{v['positives']} called again ({v['rate']:.1%})"))
        lines.append("AUC [95% 신뢰구간]" if k == 0 else "AUC [95% CI]")
        for key, a in v["auc"].items():
            lines.append(f"  {PREDICTOR[key][k]:34} {_ci(a)}")
        g = v.get("auc_gain")
        if g:
            lines.append(("  모델 − 수기 점수 " if k == 0 else "  model − hand score ")
                         + f"{g['difference']:+.3f} [{g['lo']:+.3f}, {g['hi']:+.3f}]")
        b = v["brier"]
        lines.append(f"Brier: {PREDICTOR['model'][k]} {b['model']:.4f} · {PREDICTOR['hand'][k]} {b['hand']:.4f} · "
                     + ("기저율 " if k == 0 else "base rate ") + f"{b['base_rate']:.4f}"
                     + (" (둘 다 학습 기간에 Platt 보정)" if k == 0 else " (both Platt-calibrated on the training period)"))
        lines.append("신뢰도 표 (예측 구간: 인원, 예측 평균, 실제 비율)" if k == 0 else
                     "reliability (band: people, mean predicted, observed)")
        for r in v["reliability"]["model"]:
            if r["n"]:
                lines.append(f"  {r['from']:.2f}–{r['to']:.2f}: {r['n']:6d}  {r['predicted']:.3f}  {r['observed']:.3f}")
        lines.append("집단별 (인원, 비율, 예측 평균, AUC 모델 / 수기)" if k == 0 else
                     "by group (people, rate, mean predicted, AUC model / hand)")
        for f in v.get("fairness_flags") or []:
            what = (f"AUC {f['value']:.3f} (전체 {f['overall']:.3f})" if k == 0 else
                    f"AUC {f['value']:.3f} (overall {f['overall']:.3f})") if f["kind"] == "auc" else (
                f"예측 {f['value']:.3f}, 실제 {f['overall']:.3f}" if k == 0 else
                f"predicted {f['value']:.3f}, seen {f['overall']:.3f}")
            lines.append(("  ! 점검 필요 " if k == 0 else "  ! check ") + f"{f['group']}: {what}")
        for name, gv in v["groups"].items():
            am, ah = (("–" if not a else f"{a['auc']:.3f}") for a in (gv["auc_model"], gv["auc_hand"]))
            lines.append(f"  {name:14} {gv['n']:6d}  {gv['rate']:.3f}  {gv['predicted']:.3f}  {am} / {ah}")
    return lines


def scorecard_lines(card: Any, lang: str = "ko") -> list[str]:
    """Each feature's bins with their effect on the odds (e^(weight − the feature's mean weight))."""
    import math

    from queries.risk_features import BY_NAME

    k = 0 if lang == "ko" else 1
    lines = ["", "점수표 (구간별 위험 배수)" if k == 0 else "scorecard (odds multiplier per bin)"]
    for name, weights in card.weights.items():
        f = BY_NAME[name]
        cells = [f"{f.bins[i][k]} ×{math.exp(w - card.means[name]):.2f}" for i, w in enumerate(weights)]
        lines.append(f"  {(f.ko, f.en)[k]}: " + " · ".join(cells))
    return lines
