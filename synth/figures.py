"""The article's figures computed back from the written council files (not from generator
variables), minus the rows listed as bad."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from openpyxl import load_workbook


def bad_rows(out: Path) -> set[tuple[str, int]]:
    with open(out / "_truth" / "bad_rows.csv", encoding="utf-8", newline="") as fh:
        return {(r["file"], int(r["row"])) for r in csv.DictReader(fh)}


def council_figures(out: Path, period: tuple[date, date], police_ids: set[str]) -> dict:
    bad = bad_rows(out)
    with open(out / "council_cases.csv", encoding="utf-8", newline="") as fh:
        cases = [r for i, r in enumerate(csv.DictReader(fh), start=2) if ("council_cases", i) not in bad]
    wb = load_workbook(out / "council_measures.xlsx", read_only=True)
    rows = list(wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    header = list(rows[0])
    measures = [dict(zip(header, r, strict=False)) for i, r in enumerate(rows[1:], start=2)
                if ("council_measures", i) not in bad]
    attending = [len([x for x in c["참석기관"].split(";") if x.strip()]) for c in cases]
    outside = [len([x for x in c["참석기관"].split(";") if x.strip() and x.strip() not in police_ids]) for c in cases]
    by_field: dict[str, int] = {}
    for m in measures:
        by_field[m["분야"]] = by_field.get(m["분야"], 0) + 1
    n = len(cases)
    return {
        "period": {"from": period[0].isoformat(), "to": period[1].isoformat()},
        "cases": n,
        "measures": len(measures),
        "avg_attending_agencies": round(sum(attending) / n, 2) if n else 0.0,
        "avg_outside_agencies": round(sum(outside) / n, 2) if n else 0.0,
        "non_police_submissions": sum(1 for c in cases if c["제출기관"] not in police_ids),
        "measures_by_field": dict(sorted(by_field.items())),
    }
