"""Regenerates docs/performance.md (and docs/performance-growth.svg) from bench/results/*.json.

The analysis paragraphs live in bench/performance_notes.md (hand-written, kept next to the code
that measures); every figure in the tables comes from a result file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.report import DOC, REPO, results
from derived.tables import TABLES

NOTES = REPO / "bench" / "performance_notes.md"
SVG = DOC.with_name("performance-growth.svg")


def _n(v: Any, digits: int = 0) -> str:
    if v is None:
        return "–"
    return f"{v:,.{digits}f}"


def _machine(m: dict[str, Any]) -> str:
    return (f"{m.get('cores')} cores, {m.get('memory_gb')} GB, {m.get('cpu')}; Neo4j {m.get('neo4j', '?')} "
            f"(heap {m.get('neo4j_heap', '?')}, page cache {m.get('neo4j_pagecache', '?')}), Python "
            f"{m.get('python')}, driver {m.get('driver')}; load average {m.get('load_average_start')} → "
            f"{m.get('load_average_end')}; {m.get('when')}")


def _rows(counts: dict[str, Any]) -> int:
    return sum(int(c.get("rows", 0)) for c in counts.values())


def current(res: dict[str, dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    """The results of one kind that state a current figure: per preset, the largest scale measured,
    and of its runs the newest. Older result files stay in bench/results/ (the growth series reads
    its points from them) but are not shown: the document states each figure once, as it is now."""
    best: dict[str, tuple[tuple[float, str], str]] = {}
    for name, r in res.items():
        if r.get("kind") != kind:
            continue
        rank = (float(r.get("scale") or 0), str(r.get("machine", {}).get("when", "")))
        preset = str(r.get("preset"))
        if preset not in best or rank > best[preset][0]:
            best[preset] = (rank, name)
    return {name: res[name] for _, name in sorted(best.values(), key=lambda v: v[1])}


def load_table(res: dict[str, dict[str, Any]]) -> list[str]:
    out = ["| result | input rows | jss load rows/s (end to end) | jss write rows/s | LOAD CSV rows/s | "
           "write ÷ LOAD CSV | end-to-end ÷ LOAD CSV | naive rows/s (batch 1) | write ÷ naive | "
           "loader peak RSS | bulk total | plain neo4j-admin | bulk ÷ plain | load avg |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    shown = current(res, "load")
    for name, r in shown.items():
        m = r["median"]
        bulk = next((run["bulk"] for run in r["runs"] if "bulk" in run), None)
        out.append("| " + " | ".join([
            f"{name} ({len(r['runs'])} run{'s' if len(r['runs']) > 1 else ''})", _n(_rows(r["manifest_counts"])),
            _n(m["jss_rows_per_s"]), _n(m["jss_write_rows_per_s"]), _n(m["load_csv_rows_per_s"]),
            f"{m['ratio_write_to_load_csv']:.2f}×", f"{m['ratio_end_to_end_to_load_csv']:.2f}×",
            _n(m["naive_rows_per_s"]), f"{m['ratio_write_to_naive']:.0f}×", f"{_n(m['jss_peak_rss_mb'])} MB",
            f"{bulk['seconds']:.1f} s" if bulk else "–", f"{bulk['plain_import_s']:.1f} s" if bulk else "–",
            f"{bulk['ratio_to_plain']:.2f}×" if bulk else "–",
            f"{r['machine']['load_average_start'][0]} → {r['machine']['load_average_end'][0]}"]) + " |")
    return out + [""] + [f"Machine ({name}): {_machine(r['machine'])}." for name, r in shown.items()]


def growth_section(res: dict[str, dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for g in res.values():
        if g.get("kind") != "growth":
            continue
        pts = [(p, res.get(p["result"])) for p in g["points"]]
        pts = [(p, r) for p, r in pts if r]
        if not pts:
            continue
        out += [f"### Growth: {g['preset']} preset, base scale {g['base']:g}", "",
                f"Machine: {_machine(pts[0][1]['machine'])}.", "",
                "| × | scale | input rows | jss load rows/s | jss write rows/s | LOAD CSV rows/s | naive rows/s | "
                "peak RSS | jss load s | LOAD CSV s | bulk s | plain import s | bulk: validate / CSV / import / schema s |",
                "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
        series: dict[str, list[tuple[int, float]]] = {"jss load (end to end)": [], "LOAD CSV": [], "bulk": [],
                                                      "plain neo4j-admin": []}
        for p, r in pts:
            run = r["runs"][0]
            m = r["median"]
            rows = _rows(r["manifest_counts"])
            b = run.get("bulk", {})
            t = b.get("timings", {})
            validate = b["seconds"] - sum(t.values()) if b else None
            out.append("| " + " | ".join([
                f"{p['factor']}", f"{p['scale']:g}", _n(rows), _n(m["jss_rows_per_s"]), _n(m["jss_write_rows_per_s"]),
                _n(m["load_csv_rows_per_s"]), _n(m["naive_rows_per_s"]), f"{_n(m['jss_peak_rss_mb'])} MB",
                f"{run['jss']['seconds']:.1f}", f"{run['load_csv']['seconds']:.1f}",
                f"{b['seconds']:.1f}" if b else "–", f"{b['plain_import_s']:.1f}" if b else "–",
                " / ".join(f"{x:.1f}" for x in (validate, t.get("write_csv_s", 0), t.get("import_s", 0) + t.get("restart_s", 0),
                                                t.get("schema_s", 0))) if b else "–"]) + " |")
            series["jss load (end to end)"].append((rows, run["jss"]["seconds"]))
            series["LOAD CSV"].append((rows, run["load_csv"]["seconds"]))
            if b:
                series["bulk"].append((rows, b["seconds"]))
                series["plain neo4j-admin"].append((rows, b["plain_import_s"]))
        SVG.write_text(svg_chart(series, "input rows", "seconds"), encoding="utf-8")
        out += ["", f"![time against input rows]({SVG.name})", "",
                "Time (s) against input rows: a straight line means cost grows linearly with the data "
                "(LOAD CSV covers the five large files, jss load all eight plus validation).", ""]
    return out


def svg_chart(series: dict[str, list[tuple[int, float]]], xlabel: str, ylabel: str) -> str:
    """A small hand-written SVG line chart (matplotlib is not a dependency)."""
    w, h, left, bottom, top, right = 640, 380, 70, 50, 20, 170
    xs = [x for s in series.values() for x, _ in s] or [1]
    ys = [y for s in series.values() for _, y in s] or [1]
    xmax, ymax = max(xs) * 1.05, max(ys) * 1.1

    def px(x: float) -> float:
        return left + (w - left - right) * x / xmax

    def py(y: float) -> float:
        return h - bottom - (h - bottom - top) * y / ymax

    colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="11">',
             f'<rect width="{w}" height="{h}" fill="white"/>',
             f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="black"/>',
             f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="black"/>']
    for i in range(6):
        xv, yv = xmax * i / 5, ymax * i / 5
        parts.append(f'<text x="{px(xv):.0f}" y="{h - bottom + 15}" text-anchor="middle">{xv:,.0f}</text>')
        parts.append(f'<text x="{left - 5}" y="{py(yv) + 4:.0f}" text-anchor="end">{yv:,.0f}</text>')
        parts.append(f'<line x1="{left}" y1="{py(yv):.1f}" x2="{w - right}" y2="{py(yv):.1f}" stroke="#eee"/>')
    parts.append(f'<text x="{(left + w - right) / 2}" y="{h - 12}" text-anchor="middle">{xlabel}</text>')
    parts.append(f'<text x="15" y="{(top + h - bottom) / 2}" text-anchor="middle" '
                 f'transform="rotate(-90 15 {(top + h - bottom) / 2})">{ylabel}</text>')
    for i, (label, pts) in enumerate(series.items()):
        c = colours[i % len(colours)]
        pts = sorted(pts)
        if pts:
            parts.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="'
                         + " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts) + '"/>')
            parts += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{c}"/>' for x, y in pts]
        ly = top + 15 + 18 * i
        parts.append(f'<line x1="{w - right + 10}" y1="{ly}" x2="{w - right + 30}" y2="{ly}" stroke="{c}" stroke-width="2"/>')
        parts.append(f'<text x="{w - right + 35}" y="{ly + 4}">{label}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def queries_section(res: dict[str, dict[str, Any]]) -> list[str]:
    out: list[str] = []
    for name, r in current(res, "queries").items():
        graph = r.get("graph", {})
        out += [f"### {name}: {r['preset']} preset, scale {r['scale']:g} ({r['runs']} runs per query)", "",
                "Graph: " + ", ".join(f"{k} {v:,}" for k, v in sorted(graph.items())) + ".",
                f"Machine: {_machine(r['machine'])}.", "",
                "| query | app | rows | p50 ms | p95 ms | db hits (PROFILE, slowest) | app goal p95 < 100 ms |",
                "|---|---|---|---|---|---|---|"]
        for q, v in sorted(r["queries"].items(), key=lambda kv: -kv[1]["p95_ms"]):
            goal = ("met" if v["p95_ms"] < 100 else "**not met**") if v["app"] else "–"
            if v["app"] and q in TABLES:   # the page reads the materialised table (below), not this
                goal = "runs at refresh; page reads the table"
            out.append(f"| {q} | {'yes' if v['app'] else ''} | {v['rows']} | {v['p50_ms']:.1f} | {v['p95_ms']:.1f} | "
                       f"{_n(v.get('db_hits'))} | {goal} |")
        out.append("")
        if r.get("app_reads"):
            out += ["What the patterns page runs per click on the materialised tables (queries/db.py):", "",
                    "| read | table rows | p50 ms | p95 ms | p95 < 100 ms |", "|---|---|---|---|---|"]
            for q, v in r["app_reads"].items():
                if "p50_ms" not in v:     # the refresh time recorded beside the reads
                    continue
                out.append(f"| {q} | {v.get('table_rows', 0):,} | {v['p50_ms']:.1f} | {v['p95_ms']:.1f} | "
                           f"{'met' if v['p95_ms'] < 100 else '**not met**'} |")
            out.append("")
        for q, f in r.get("fixes", {}).items():
            out += [f"Fix measured on this graph, same run: **{q}** p50 {f['before_p50_ms']:.1f} → {f['after_p50_ms']:.1f} ms, "
                    f"p95 {f['before_p95_ms']:.1f} → {f['after_p95_ms']:.1f} ms; rows identical to the previous "
                    f"query: {f['identical_rows']} (load average {f['load_average']}).", ""]
        if r.get("prepared"):
            pr = r["prepared"]
            out += [f"Prepared with `jss load --bulk` ({pr['rows_loaded']:,} rows, {pr['bulk_load_s']:.0f} s) and entity "
                    f"resolution ({pr['resolve_s']:.0f} s).", ""]
    return out


def resolve_section(res: dict[str, dict[str, Any]]) -> list[str]:
    r = res.get("resolve")
    if not r:
        return []
    out = ["| records | engine | precision | recall | F1 | seconds | records/s |", "|---|---|---|---|---|---|---|"]
    for line in r["lines"]:
        out.append(f"| {line['records']:,} | {line['engine']} | {line['precision']:.4f} | {line['recall']:.4f} | "
                   f"{line['f1']:.4f} | {line['seconds']:.1f} | {line['records_per_s']:,.0f} |")
    return out + ["", f"Machine: {_machine(r['machine'])}.", ""]


def explorer_section(res: dict[str, dict[str, Any]]) -> list[str]:
    r = res.get("explorer-star")
    if not r:
        return []
    out = [f"Tapping a station with {r['degree']:,} links (`bench/explorer_bench.py`: a star graph, "
           f"{r['calls']:,} calls of its own among {r['calls'] + r['other_calls']:,}); the explorer's "
           "neighbour query and the full walk kept as its reference "
           "(tests/integration/reference_explorer/), "
           f"alternating, {r['runs']} runs each.", "",
           "| tap | neighbours | query p50 / p95 ms | full walk p50 / p95 ms | speed-up | same answer |",
           "|---|---|---|---|---|---|"]
    for x in r["lines"]:
        out.append(f"| {x['case']} | {x['total']:,} | {x['new_p50_ms']:.0f} / {x['new_p95_ms']:.0f} | "
                   f"{x['previous_p50_ms']:.0f} / {x['previous_p95_ms']:.0f} | ×{x['speedup_p50']} | "
                   f"{'yes' if x['same_answer'] else 'NO'} |")
    return out + ["", f"Machine: {_machine(r['machine'])}.", ""]


def write_doc() -> str:
    res = results()
    lines = ["# Performance", "",
             "Generated by `bench/perfdoc.py` from `bench/results/*.json` (`jss bench …` writes them); "
             "the analysis is in `bench/performance_notes.md`. Do not edit by hand.", ""]
    if NOTES.exists():
        lines += [NOTES.read_text(encoding="utf-8").rstrip(), ""]
    lines += ["## Load", "",
              "Side by side in one run on the same bundle and server (database wiped before each variant). "
              "*jss write* and *LOAD CSV* cover the same five large files (calls, call_persons, police_measures, "
              "risk_assessments, services: >99.9 % of rows); *end to end* is the whole `jss load` (validation of "
              "every file + writes, no resolution). *naive* = the loader's own Cypher with batch size 1 (one "
              "transaction per row) on a sample of calls and their call_persons. *bulk* = `jss load --bulk` "
              "(validate + import CSV + neo4j-admin + restart + schema + the summary statements and pattern "
              "tables); *plain* = `import_full` on the very files bulk wrote (the tool + restart). Peak RSS is the loader process's ru_maxrss.", ""]
    lines += load_table(res) + [""]
    lines += growth_section(res)
    rs = resolve_section(res)
    if rs:
        lines += ["## Entity resolution", "", "From `bench/resolve_bench.py` (the resolution engineer's benchmark; "
                  "record-level, no database), run through `jss bench resolve`.", ""] + rs
    qs = queries_section(res)
    if qs:
        lines += ["## Query latency", "",
                  "The latest run at the largest scale measured for each preset.", ""] + qs
    ex = explorer_section(res)
    if ex:
        lines += ["## Explorer: expanding a busy agency", ""] + ex
    text = "\n".join(lines).rstrip() + "\n"
    Path(DOC).write_text(text, encoding="utf-8")
    return str(DOC)
