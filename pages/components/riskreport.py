"""The admin page's risk-model section: the latest fitted model, whether it is in use, and its
held-out validation (AUC with 95 % intervals beside the hand score and the baselines, Brier
scores, the reliability table, figures by sex and age group). Aggregates only, read through
`queries.figures` (the RiskModel node holds no person's values)."""

from __future__ import annotations

import json
from typing import Any

from dash import dash_table, html

from pages.components.i18n import t
from queries.figures import aggregate

_CELL = {"fontSize": 13, "textAlign": "left"}
PREDICTORS = ("model", "hand", "grade", "calls_12m", "council_rule")


def _auc(a: dict[str, float] | None) -> str:
    return "–" if not a else f"{a['auc']:.3f} [{a['lo']:.3f}, {a['hi']:.3f}]"


def _num(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _table(table_id: str, columns: list[tuple[str, str]], rows: list[dict[str, Any]]) -> dash_table.DataTable:
    return dash_table.DataTable(id=table_id, columns=[{"name": n, "id": i} for i, n in columns], data=rows,
                                style_cell=_CELL, page_action="none")


def group_label(key: str, lang: str) -> str:
    """"sex:F" → "성별 여" / "sex female"; "age:18–39" → "연령 18–39"."""
    kind, value = key.split(":", 1)
    shown = t(f"riskm.v.{value}", lang) if kind == "sex" or value == "unknown" else value
    return f"{t(f'riskm.g.{kind}', lang)} {shown}"


def flag_text(flag: dict[str, Any], lang: str) -> str:
    return t(f"riskm.flag.{flag['kind']}", lang, group=group_label(flag["group"], lang),
             value=f"{flag['value']:.3f}", overall=f"{flag['overall']:.3f}")


def outcome_view(outcome: str, v: dict[str, Any], lang: str) -> html.Div:
    """One outcome's figures (a further call; a serious one)."""
    gain = v.get("auc_gain")
    aucs = [{"predictor": t(f"riskm.p.{p}", lang), "auc": _auc(v["auc"].get(p))} for p in PREDICTORS]
    brier = v["brier"]
    reliability = [{"band": f"{r['from']:.2f}–{r['to']:.2f}", "n": r["n"], "predicted": _num(r["predicted"]),
                    "observed": _num(r["observed"])} for r in v["reliability"]["model"] if r["n"]]
    groups = [{"group": group_label(k, lang), "n": g["n"],
               "rate": _num(g["rate"]), "predicted": _num(g["predicted"]),
               "auc_model": _num((g["auc_model"] or {}).get("auc")), "auc_hand": _num((g["auc_hand"] or {}).get("auc"))}
              for k, g in v["groups"].items()]
    return html.Div([
        html.H4(t(f"riskm.o.{outcome}", lang, n=v["n"], positives=v["positives"], rate=f"{v['rate'] * 100:.1f}")),
        _table(f"admin-risk-auc-{outcome}", [("predictor", t("riskm.predictor", lang)), ("auc", "AUC [95% CI]")], aucs),
        html.P(t("riskm.gain", lang, d=f"{gain['difference']:+.3f}", lo=f"{gain['lo']:+.3f}", hi=f"{gain['hi']:+.3f}")
               if gain else "", className="hint"),
        html.P(t("riskm.brier", lang, model=f"{brier['model']:.4f}", hand=f"{brier['hand']:.4f}",
                 base=f"{brier['base_rate']:.4f}")),
        html.H5(t("riskm.reliability", lang)),
        _table(f"admin-risk-reliability-{outcome}", [("band", t("riskm.band", lang)), ("n", t("riskm.n", lang)),
                                                     ("predicted", t("riskm.predicted", lang)),
                                                     ("observed", t("riskm.observed", lang))], reliability),
        html.H5(t("riskm.groups", lang)),
        *[html.P(flag_text(f, lang), className="notice notice-refused") for f in v.get("fairness_flags") or []],
        _table(f"admin-risk-groups-{outcome}", [("group", t("riskm.group", lang)), ("n", t("riskm.n", lang)),
                                                ("rate", t("riskm.observed", lang)),
                                                ("predicted", t("riskm.predicted", lang)),
                                                ("auc_model", t("riskm.auc_model", lang)),
                                                ("auc_hand", t("riskm.auc_hand", lang))], groups),
    ], className="risk-model-outcome")


def report_view(row: dict[str, Any] | None, lang: str) -> html.Div:
    """The section for one stored model row (None: no model fitted yet)."""
    if not row:
        return html.Div(html.P(t("riskm.none", lang), className="hint"), id="admin-risk-model")
    report = json.loads(row["report"]) if isinstance(row.get("report"), str) else row.get("report") or {}
    return html.Div([
        html.P([html.Strong(t(f"riskm.status.{row['status']}", lang)), " · ",
                t("riskm.fitted", lang, id=row["model_id"], at=(row.get("fitted_at") or "")[:16].replace("T", " "))],
               id="admin-risk-status"),
        html.P(t("riskm.schedule", lang, test=report.get("test_cutoff"), days=report.get("horizon_days"),
                 train=", ".join(report.get("train_cutoffs") or []), rows=report.get("deploy_rows")), className="hint"),
        html.P(t("riskm.guard", lang), className="hint"),
        *[outcome_view(o, v, lang) for o, v in (report.get("outcomes") or {}).items()],
    ], id="admin-risk-model")


def risk_model_section(lang: str) -> html.Div:
    rows = aggregate("app", "risk_model", {}, row_cap=1).rows
    return report_view(rows[0] if rows else None, lang)
