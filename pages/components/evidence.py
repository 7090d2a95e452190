"""Entity-resolution evidence as a per-field table (pure): for a pair of person records, each
comparison's values on both sides, its level (exact / close / different / missing, with what
exactly agreed) and its Fellegi–Sunter weight; the weights sum to the pair's score.

The evidence is what resolution stores on the pair (`resolution.scoring.evidence`):
`{comparison: [level, weight]}` for the comparisons that had values on both sides; a comparison
not in it contributed 0. An older form, `{comparison: weight}`, is read too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pages.components import readable
from pages.components.i18n import STRINGS, t

COMPARISONS = ("name", "birth", "sex", "phone", "address", "client_ref", "context", "household")
# resolution.scoring's level names → the four classes people read
LEVEL_CLASS = {
    "exact": "exact", "agree": "exact", "same": "exact",
    "typo": "close", "latin": "close", "masked": "close", "syllable": "close", "swap": "close", "month": "close",
    "partial": "close", "near": "close", "year": "close", "building": "close", "district": "close", "last4": "close",
    "fuzzy": "close", "token": "close", "digit": "close", "close": "close", "numbers": "close", "words": "close",
    "differ": "different", "missing": "missing", "overlap": "different",
}
# Rows shown only when compared (a client number also when both records carry one).
OPTIONAL = frozenset({"client_ref", "context", "household"})


def parse(evidence: Any) -> dict[str, tuple[str | None, float]]:
    """{comparison: (level or None, weight)} from the stored evidence (either form)."""
    out: dict[str, tuple[str | None, float]] = {}
    if not isinstance(evidence, Mapping):
        return out
    for comp, value in evidence.items():
        if isinstance(value, (list, tuple)) and len(value) == 2 and isinstance(value[1], (int, float)):
            out[str(comp)] = (str(value[0]), float(value[1]))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            out[str(comp)] = (None, float(value))
    return out


def side_value(comp: str, rec: Mapping[str, Any], lang: str, agencies: Mapping[str, str]) -> str:
    """What one record holds for a comparison, as text."""
    if comp == "name":
        return str(rec.get("name") or "")
    if comp == "birth":
        day, raw = readable.date_text(rec.get("birth_date")), str(rec.get("birth_raw") or "")
        return f"{day} ({raw})" if day and raw and raw != day else (day or raw)
    if comp == "sex":
        return readable.code_text("sex", rec.get("sex"), lang)
    if comp in ("phone", "address"):
        return str(rec.get(comp) or "")
    if comp == "client_ref":
        ref = rec.get("client_ref")
        agency = rec.get("agency_id")
        return f"{agencies.get(agency) or agency} · {ref}" if ref and agency else str(ref or "")
    if comp == "context":
        return readable.record_ref(str(rec.get("record_id") or ""), lang, agencies)
    return ""  # household: a correction between other fields, no value of its own


def source_value(rec: Mapping[str, Any], lang: str, agencies: Mapping[str, str]) -> str:
    """Where a record comes from: "112 신고 인물 · 신고 C-1"."""
    rid = str(rec.get("record_id") or "")
    agency = agencies.get(rec.get("agency_id") or "") if rec.get("source") != "services" else None
    return " · ".join(x for x in (readable.source_text(str(rec.get("source") or ""), lang),
                                  readable.record_ref(rid, lang, agencies), agency) if x)


def _class_of(level: str | None, a: str, b: str) -> str:
    if level is not None:
        return LEVEL_CLASS.get(level, "close")
    if not a or not b:
        return "missing"
    return "exact" if a == b else "different"


def level_text(comp: str, level: str | None, cls: str, lang: str) -> str:
    """"비슷함 · 월·일 바뀜": the class, and what exactly agreed when it is not plain."""
    text = t(f"rv.class.{cls}", lang)
    key = f"rv.level.{comp}.{level}"
    return f"{text} · {t(key, lang)}" if level and key in STRINGS else text


def evidence_rows(evidence: Any, a: Mapping[str, Any], b: Mapping[str, Any], lang: str,
                  agencies: Mapping[str, str] | None = None,
                  levels: Mapping[str, Mapping[str, tuple[float, float | None]]] | None = None) -> list[dict[str, Any]]:
    """One row per comparison: field, value A, value B, level class and text, weight, and the level's
    m and u in the run's model (`levels`, from Gate.resolution_levels; None where it has none)."""
    agencies = agencies or {}
    levels = levels or {}
    parsed = parse(evidence)
    comps = list(COMPARISONS) + sorted(c for c in parsed if c not in COMPARISONS)
    rows = []
    for comp in comps:
        va, vb = side_value(comp, a, lang, agencies), side_value(comp, b, lang, agencies)
        level, weight = parsed.get(comp, ("missing" if comp not in parsed else None, 0.0))
        if comp in OPTIONAL and comp not in parsed and (comp != "client_ref" or not (va and vb)):
            continue
        cls = _class_of(level, va, vb)
        mu = levels.get(comp, {}).get(level or "")
        rows.append({"comparison": comp, "field": t(f"rv.field.{comp}", lang) if f"rv.field.{comp}" in STRINGS else comp,
                     "a": va, "b": vb, "class": cls, "level": level_text(comp, level, cls, lang),
                     "weight": round(weight, 2), "m": mu[0] if mu else None, "u": mu[1] if mu else None})
    return rows


def total(rows: list[dict[str, Any]]) -> float:
    return round(sum(r["weight"] for r in rows), 2)


def probability_text(value: float | None, lang: str) -> str:
    """m or u as people read it: "0.85", "1/4,000"; a term frequency's u is per value."""
    if value is None:
        return ""
    if value >= 0.01:
        return f"{value:.2f}"
    return f"1/{round(1 / max(value, 1e-12)):,}"


def mu_text(m: float | None, u: float | None, lang: str, has_level: bool) -> str:
    """"m 0.85 · u 1/4,000" (같은 사람 … · 다른 사람 …; u per value where it is the value's frequency)."""
    if m is None or not has_level:
        return ""
    u_text = probability_text(u, lang) if u is not None else t("rv.u_per_value", lang)
    return t("rv.mu", lang, m=probability_text(m, lang), u=u_text)


def weight_text(weight: float) -> str:
    return f"{weight:+.2f}" if weight else "0"
