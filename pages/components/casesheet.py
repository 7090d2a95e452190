"""One council case as a sheet for paper (pure): the head fields, people, the map as a drawn scene
with its legend, the measures with every cell in the reader's language and overdue rows flagged,
and the overdue items with their reasons. The print view (pages/case.py) and the meeting pack
(pages/components/pack.py) both render it, from a case the data gate has already masked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from auth.roles import can
from pages.components.casemap import DONE, case_elements, measure_rows
from pages.components.codes import code_label
from pages.components.i18n import t
from pages.components.mapscene import LegendItem, Scene, legend, scene_of
from pages.components.values import cell

MEASURE_COLUMNS = ("measure_id", "field", "agency", "description", "status", "due_date", "done_date", "reason",
                   "overdue")
STOPPED = "중단"
_HEADERS = {"measure_id": "ID", "field": "case.field", "agency": "case.agency", "description": "case.description",
            "status": "case.status", "due_date": "case.due", "done_date": "case.done", "reason": "case.reason",
            "overdue": "case.overdue"}


@dataclass
class Sheet:
    case_id: str
    meeting_date: str
    meeting_no: str
    head: list[tuple[str, str]]
    people: list[str]
    households: list[tuple[str, str] | None]   # (id, caption) of each person's household the reader may open
    elements: list[dict[str, Any]]
    scene: Scene
    legend: list[LegendItem]
    measures: list[dict[str, Any]]          # MEASURE_COLUMNS as text, plus `is_overdue`, `is_done`, `is_open`
    overdue: list[str] = field(default_factory=list)


def notice(role: str | None, lang: str) -> str:
    """The masking notice of a document made for `role`."""
    return t("pack.notice_full" if can(role, "data:full_detail") else "pack.notice_masked", lang)


def measure_headers(lang: str) -> dict[str, str]:
    return {c: t(key, lang) if key.startswith("case.") else key for c, key in _HEADERS.items()}


def _text(value: Any) -> str:
    shown = cell(value)
    return "" if shown in (None, "") else str(shown)


def sheet_of(case: dict[str, Any], as_of: date, lang: str, show: Callable[[str, Any], str],
             household_names: dict[str, str] | None = None) -> Sheet:
    """The sheet of one case (`case` as `Gate.case` returns it)."""
    k = case["case"]
    names = household_names or {}

    def code(column: str, value: Any) -> str:
        return code_label(column, value, lang) if value not in (None, "") else ""

    def role(r: str | None) -> str:
        return t(f"role.{r}", lang) if r else ""

    elements = case_elements(case, as_of, show, role, household_names=names, code=code)
    scene = scene_of(elements)
    rows = measure_rows(case, as_of)
    measures, overdue = [], []
    for r in rows:
        shown = {"measure_id": _text(r["measure_id"]), "field": code("field", r["field"]), "agency": _text(r["agency"]),
                 "description": _text(r["description"]), "status": code("status", r["status"]),
                 "due_date": _text(r["due_date"]), "done_date": _text(r["done_date"]),
                 "reason": code("reason", r["reason"]), "overdue": t("case.overdue", lang) if r["overdue"] else "",
                 "is_overdue": bool(r["overdue"]), "is_done": r["status"] == DONE or bool(r["done_date"]),
                 "is_open": r["status"] not in (DONE, STOPPED) and not r["done_date"]}
        measures.append(shown)
        if r["overdue"]:
            overdue.append(t("pack.overdue_line", lang, field=shown["field"] or "–", agency=shown["agency"] or "–",
                             due=shown["due_date"] or "–", reason=shown["reason"] or "–"))
    submitted = (case.get("submitted_by") or {}).get("name") or k.get("submitted_by")
    head = [
        (t("case.meeting", lang), f"{_text(k.get('meeting_date'))} ({_text(k.get('meeting_no')) or '-'})"),
        (t("case.type", lang), code("case_type", k.get("case_type"))),
        (t("case.risk", lang), code("risk_level", k.get("risk_level"))),
        (t("case.status", lang), code("status", k.get("status"))),
        (t("case.submitted_by", lang), _text(submitted)),
        (t("case.attending", lang), ", ".join(a.get("name") or a["agency_id"] for a in case.get("attending") or [])),
        (t("case.as_of", lang), as_of.isoformat()),
        (t("case.overdue", lang), str(len(overdue))),
    ]
    people, households = [], []
    for p in case.get("people") or []:
        who = f"{role(p.get('role'))}: {show('name', p.get('name'))}"
        hid = p.get("household_id")
        household = f"{t('case.household', lang)} {names.get(hid) or hid}" if hid else ""
        people.append(f"{who} — {household}" if household else who)
        households.append((str(hid), household) if hid else None)
    return Sheet(case_id=str(k["case_id"]), meeting_date=_text(k.get("meeting_date")),
                 meeting_no=_text(k.get("meeting_no")), head=[(a, b or "–") for a, b in head], people=people,
                 households=households,
                 elements=elements, scene=scene, legend=legend(scene, lang), measures=measures, overdue=overdue)
