"""Load throughput, side by side in one run, on the same bundle and the same server:

1. `jss load` — `loaders.bundle.load_bundle` (validate everything, then UNWIND/MERGE batches), run in
   a child process so its peak resident memory is measured (os.wait4 → ru_maxrss);
2. server-side `LOAD CSV WITH HEADERS … CALL (row) { … } IN TRANSACTIONS OF N ROWS` of the SAME
   normalised rows the loader produces (written to the server's import folder), with the same write
   Cypher behind a map that rebuilds each row with the conversions LOAD CSV needs;
3. a naive loader: the same Cypher with batch size 1 (one transaction per row) on a sample;
4. `jss load --bulk` (neo4j-admin import, child process) and a plain `neo4j-admin database import
   full` of the very files the bulk mode wrote.

    JSS_… jss bench load [--preset national] [--scale 0.01] [--runs 1]

WIPES the database of the server the settings name: run it on a server of your own.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import click  # noqa: E402

from bench import report  # noqa: E402
from graph.bulk_import import import_full  # noqa: E402
from graph.runner import Runner  # noqa: E402
from graph.server import LocalServer  # noqa: E402
from loaders import bundle as loader  # noqa: E402
from loaders.refs import Refs  # noqa: E402

# Files compared with LOAD CSV: >99.9 % of the rows. The two council files (a few hundred rows with
# nested lists) are written the loader's way in every variant and left out of the timed figures.
COMPARED = ("calls", "call_persons", "police_measures", "risk_assessments", "services")


def bundle_for(preset: str, scale: float) -> Path:
    """The generated bundle (seed 42), cached under .data: national at full scale is generated once."""
    if preset == "national" and scale == 1.0:
        path = REPO / ".data" / "bundles" / "national-42"
    else:
        path = REPO / ".data" / "bench" / f"{preset}-s{scale:g}"
    if not (path / "_truth" / "manifest.json").exists():
        from synth import generate

        tmp = path.with_name(path.name + ".tmp")
        generate(preset, tmp, seed=42, scale=scale)
        tmp.rename(path)
    return path


def wipe(runner: Runner) -> None:
    runner.delete_all(name="bench.wipe")


# --- 1. jss load in a child process ----------------------------------------------------------------
def _child_load(bundle: Path, out: Path, bulk: bool, keep: Path | None) -> None:
    """Runs in the child: one load, timings to `out` as JSON."""
    timings: dict[str, float] = {}
    with Runner() as runner:
        if bulk:
            from loaders.bulk import bulk_load

            res = bulk_load(bundle, runner, rejects=out.with_suffix(".rejects.csv"), run_resolution=False,
                            echo=lambda *_: None, keep_files=keep)
            timings.update(res.timings)  # type: ignore[attr-defined]
        else:
            res = loader.load_bundle(bundle, runner, rejects=out.with_suffix(".rejects.csv"), run_resolution=False)
    out.write_text(json.dumps({"seconds": res.seconds, "rows_read": res.rows_read, "rows_loaded": res.rows_loaded,
                               "rows_rejected": res.rows_rejected, "timings": timings,
                               "writers": runner.settings.load_writers,
                               # this process alone (wait4's figure also counts neo4j-admin, its child)
                               "self_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                               "files": {s.file.split(".")[0]: {"rows": s.rows_loaded, "seconds": s.seconds,
                                                                 "write_seconds": s.write_seconds}
                                         for s in res.stats}}))


def run_child(bundle: Path, *, bulk: bool = False, keep: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="jss-bench-") as tmp:
        out = Path(tmp) / "result.json"
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "bench.load_bench", "--child", str(bundle), str(out),
                                 "bulk" if bulk else "normal", str(keep or "")], cwd=REPO)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        if status != 0:
            raise RuntimeError(f"child load failed (status {status})")
        data = json.loads(out.read_text())
    data["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)       # Linux: kilobytes
    data["wall_s"] = wall
    return data


def jss_figures(child: dict[str, Any]) -> dict[str, Any]:
    """Rows/s end to end and for the write phase of the compared files."""
    rows = sum(child["files"][s]["rows"] for s in COMPARED if s in child["files"])
    write_s = sum(child["files"][s]["write_seconds"] for s in COMPARED if s in child["files"])
    return {"rows": child["rows_loaded"], "seconds": child["seconds"],
            "rows_per_s": child["rows_loaded"] / child["seconds"],
            "compared_rows": rows, "compared_write_s": write_s,
            "compared_write_rows_per_s": rows / write_s if write_s else None,
            "peak_rss_mb": child["peak_rss_mb"],
            "validate_s": child["seconds"] - sum(f["write_seconds"] for f in child["files"].values()),
            "writers": child.get("writers"),
            "per_file_write_rows_per_s": {s: child["files"][s]["rows"] / child["files"][s]["write_seconds"]
                                          for s in COMPARED if child["files"].get(s, {}).get("write_seconds")}}


# --- 2. server-side LOAD CSV of the same normalised rows --------------------------------------------
def _flatten(row: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, dict):
            out.update(_flatten(v, f"{prefix}{k}."))
        else:
            out[prefix + k] = v
    return out


# A list column (a call's [longitude, latitude]) travels as `;`-joined numbers.
_CONVERT = {bool: "toBoolean({})", int: "toInteger({})", float: "toFloat({})",
            list: "[x IN split({}, ';') | toFloat(x)]"}


def _map_expr(sample: dict[str, Any], kinds: dict[str, type], prefix: str = "") -> str:
    """A Cypher map literal rebuilding one normalised row from LOAD CSV's flat text columns."""
    parts = []
    for k, v in sample.items():
        col = prefix + k
        if isinstance(v, dict):
            parts.append(f"`{k}`: {_map_expr(v, kinds, col + '.')}")
        else:
            ref = f"csvrow.`{col}`"
            conv = _CONVERT.get(kinds.get(col, str))
            parts.append(f"`{k}`: {conv.format(ref) if conv else ref}")
    return "{" + ", ".join(parts) + "}"


def export_rows(runner: Runner, bundle: Path, import_dir: Path) -> dict[str, dict[str, Any]]:
    """Validate the bundle as the loader does and write each compared file's normalised rows to
    `<import_dir>/bench-loadcsv/<stem>.csv`; returns per stem: rows, the sample row, the column types."""
    folder = import_dir / "bench-loadcsv"
    folder.mkdir(parents=True, exist_ok=True)
    out: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="jss-bench-spill-") as tmp:
        validated, _ = loader.validate_bundle(bundle, Refs(graph=runner), Path(tmp))
        for item in validated:
            if item.src.stem not in COMPARED:
                continue
            kinds: dict[str, type] = {}
            sample: dict[str, Any] | None = None
            n = 0
            with (folder / f"{item.src.stem}.csv").open("w", encoding="utf-8", newline="") as fh:
                writer: csv.DictWriter | None = None
                for row in loader.accepted_rows(item):
                    flat = _flatten(row)
                    if writer is None:
                        sample = row
                        writer = csv.DictWriter(fh, fieldnames=list(flat))
                        writer.writeheader()
                    for k, v in flat.items():
                        if v is not None:
                            kinds.setdefault(k, type(v))
                    writer.writerow({k: ("true" if v is True else "false" if v is False
                                         else ";".join(map(repr, v)) if isinstance(v, list) else v)
                                     for k, v in flat.items()})
                    n += 1
            out[item.src.stem] = {"rows": n, "sample": sample, "kinds": kinds}
    return out


def load_csv_statement(stem: str, meta: dict[str, Any], load_id: str, batch: int) -> str:
    body = loader.queries()[stem].text
    body = "\n".join(line for line in body.splitlines() if not line.startswith("//"))
    assert body.startswith("UNWIND $rows AS row"), stem
    body = body.replace("UNWIND $rows AS row", "", 1).replace("$load_id", f"'{load_id}'")
    return (f"LOAD CSV WITH HEADERS FROM 'file:///bench-loadcsv/{stem}.csv' AS csvrow\n"
            f"CALL (csvrow) {{\n WITH {_map_expr(meta['sample'], meta['kinds'])} AS row\n{body}\n}} "
            f"IN TRANSACTIONS OF {batch} ROWS")


def run_load_csv(runner: Runner, bundle: Path, exported: dict[str, dict[str, Any]], batch: int) -> dict[str, Any]:
    """Empty graph; agencies the loader's way; then the compared files with LOAD CSV, timed."""
    wipe(runner)
    load_id = loader.bundle_load_id(bundle)
    with tempfile.TemporaryDirectory(prefix="jss-bench-spill-") as tmp:
        validated, _ = loader.validate_bundle(bundle, Refs(graph=runner), Path(tmp))
        agencies = next(v for v in validated if v.src.stem == "agencies")
        runner.write_batches(loader.queries()["agencies"].text, loader.accepted_rows(agencies),
                             name="bench.agencies", extra={"load_id": load_id})
    per: dict[str, float] = {}
    for stem in COMPARED:
        t = time.perf_counter()
        runner.run_script([load_csv_statement(stem, exported[stem], load_id, batch)], name=f"bench.loadcsv.{stem}")
        per[stem] = time.perf_counter() - t
    rows = sum(exported[s]["rows"] for s in COMPARED)
    seconds = sum(per.values())
    return {"rows": rows, "seconds": seconds, "rows_per_s": rows / seconds,
            "per_file_rows_per_s": {s: exported[s]["rows"] / per[s] for s in COMPARED}}


# --- 3. naive: one transaction per row -------------------------------------------------------------
def run_naive(runner: Runner, bundle: Path, sample: int) -> dict[str, Any]:
    """The loader's own Cypher, batch size 1, on the first `sample` calls and up to `sample` of
    their call_persons rows (agencies first, batched, untimed)."""
    wipe(runner)
    load_id = loader.bundle_load_id(bundle)
    qs = loader.queries()
    with tempfile.TemporaryDirectory(prefix="jss-bench-spill-") as tmp:
        validated, _ = loader.validate_bundle(bundle, Refs(graph=runner), Path(tmp))
        by = {v.src.stem: v for v in validated}
        runner.write_batches(qs["agencies"].text, loader.accepted_rows(by["agencies"]), name="bench.agencies",
                             extra={"load_id": load_id})
        calls = []
        for row in loader.accepted_rows(by["calls"]):
            calls.append(row)
            if len(calls) >= sample:
                break
        ids = {r["key"] for r in calls}
        persons = []
        for row in loader.accepted_rows(by["call_persons"]):
            if row["call_id"] in ids:
                persons.append(row)
                if len(persons) >= sample:
                    break
    t = time.perf_counter()
    runner.write_batches(qs["calls"].text, calls, name="bench.naive.calls", batch_size=1, extra={"load_id": load_id})
    t_calls = time.perf_counter() - t
    t = time.perf_counter()
    runner.write_batches(qs["call_persons"].text, persons, name="bench.naive.call_persons", batch_size=1,
                         extra={"load_id": load_id})
    t_persons = time.perf_counter() - t
    return {"rows": len(calls) + len(persons), "seconds": t_calls + t_persons,
            "rows_per_s": (len(calls) + len(persons)) / (t_calls + t_persons),
            "per_file_rows_per_s": {"calls": len(calls) / t_calls, "call_persons": len(persons) / t_persons},
            "batch_size": 1}


# --- 4. bulk mode against a plain neo4j-admin import --------------------------------------------------
def run_bulk(runner: Runner, bundle: Path) -> dict[str, Any]:
    from loaders.bulk import import_groups

    wipe(runner)
    with tempfile.TemporaryDirectory(prefix="jss-bench-bulk-", dir=REPO / ".data") as tmp:
        keep = Path(tmp) / "import"
        child = run_child(bundle, bulk=True, keep=keep)
        nodes, rels = import_groups(keep)
        size_mb = sum(f.stat().st_size for f in keep.iterdir()) / 2**20
        t = time.perf_counter()
        rep = import_full(runner.settings, nodes, rels, work_dir=Path(tmp) / "work", echo=lambda *_: None)
        plain = time.perf_counter() - t
    wipe(runner)
    return {"seconds": child["seconds"], "rows": child["rows_loaded"], "rows_per_s": child["rows_loaded"] / child["seconds"],
            "peak_rss_mb": child["peak_rss_mb"], "loader_rss_mb": round(child.get("self_rss_mb", 0), 1),
            "timings": child["timings"], "import_files_mb": round(size_mb, 1),
            "plain_import_s": plain, "plain_import_command_s": rep.command_seconds,
            "ratio_to_plain": child["seconds"] / plain}


# --- driver ---------------------------------------------------------------------------------------
def measure(runner: Runner, bundle: Path, *, runs: int, naive_sample: int, batch: int, bulk: bool) -> dict[str, Any]:
    import_dir = LocalServer(runner.settings).home / "import"
    out: dict[str, Any] = {"bundle": str(bundle.relative_to(REPO)) if bundle.is_relative_to(REPO) else str(bundle),
                           "manifest_counts": json.loads((bundle / "_truth" / "manifest.json").read_text())["counts"],
                           "runs": []}
    exported = export_rows(runner, bundle, import_dir)
    for i in range(runs):
        run: dict[str, Any] = {"load_average": report.load_average()}
        wipe(runner)
        run["jss"] = jss_figures(run_child(bundle))
        run["load_csv"] = run_load_csv(runner, bundle, exported, batch)
        run["naive"] = run_naive(runner, bundle, naive_sample)
        if bulk and i == 0:
            run["bulk"] = run_bulk(runner, bundle)
        run["load_average_end"] = report.load_average()
        out["runs"].append(run)
        print(f"run {i + 1}: {summary_line(run)}", flush=True)
    for f in (import_dir / "bench-loadcsv").glob("*.csv"):
        f.unlink()
    out["median"] = medians(out["runs"])
    return out


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def med(path: tuple[str, ...]) -> float | None:
        vals = []
        for r in runs:
            v: Any = r
            for p in path:
                v = v.get(p) if isinstance(v, dict) else None
            if isinstance(v, (int, float)):
                vals.append(v)
        return statistics.median(vals) if vals else None
    m = {"jss_rows_per_s": med(("jss", "rows_per_s")),
         "jss_write_rows_per_s": med(("jss", "compared_write_rows_per_s")),
         "load_csv_rows_per_s": med(("load_csv", "rows_per_s")),
         "naive_rows_per_s": med(("naive", "rows_per_s")),
         "jss_peak_rss_mb": med(("jss", "peak_rss_mb"))}
    jw = [r["jss"]["compared_write_rows_per_s"] / r["load_csv"]["rows_per_s"] for r in runs]
    je = [r["jss"]["rows_per_s"] / r["load_csv"]["rows_per_s"] for r in runs]
    jn = [r["jss"]["compared_write_rows_per_s"] / r["naive"]["rows_per_s"] for r in runs]
    m.update(ratio_write_to_load_csv=statistics.median(jw), ratio_end_to_end_to_load_csv=statistics.median(je),
             ratio_write_to_naive=statistics.median(jn))
    return m


def summary_line(run: dict[str, Any]) -> str:
    j, lc, nv = run["jss"], run["load_csv"], run["naive"]
    s = (f"jss {j['rows_per_s']:,.0f} rows/s end-to-end, write {j['compared_write_rows_per_s']:,.0f}; "
         f"LOAD CSV {lc['rows_per_s']:,.0f}; naive {nv['rows_per_s']:,.0f}; rss {j['peak_rss_mb']} MB")
    if "bulk" in run:
        b = run["bulk"]
        s += f"; bulk {b['seconds']:.1f} s vs plain import {b['plain_import_s']:.1f} s"
    return s + f"; load {run['load_average']}"


def run(preset: str = "national", scale: float = 0.01, runs: int = 1, naive_sample: int = 300,
        batch: int | None = None, bulk: bool = True, name: str | None = None) -> dict[str, Any]:
    """Measure the loads on `preset` at `scale`; saved as bench/results/<name>.json."""
    bundle = bundle_for(preset, scale)
    with Runner() as runner:
        info = report.machine(runner)
        batch = batch or runner.settings.batch_size
        data = {"kind": "load", "preset": preset, "scale": scale, "batch_size": batch, "machine": info,
                **measure(runner, bundle, runs=runs, naive_sample=naive_sample, batch=batch, bulk=bulk)}
    name = name or f"load-{preset}-{scale:g}"
    print(f"wrote {report.save(name, data)}")
    return data


@click.command("load", help=__doc__)
@click.option("--preset", type=click.Choice(["jeju", "national"]), default="national", show_default=True)
@click.option("--scale", type=float, default=0.01, show_default=True)
@click.option("--runs", type=int, default=1, show_default=True)
@click.option("--naive-sample", type=int, default=300, show_default=True,
              help="calls (and as many call persons) loaded one per transaction")
@click.option("--batch", type=int, default=None, help="rows per transaction (default JSS_BATCH_SIZE)")
@click.option("--no-bulk", is_flag=True, help="leave out the bulk import (4.)")
@click.option("--name", default=None, help="result name (default load-<preset>-<scale>)")
def command(preset: str, scale: float, runs: int, naive_sample: int, batch: int | None, no_bulk: bool,
            name: str | None) -> None:
    run(preset, scale, runs, naive_sample, batch, not no_bulk, name)


if __name__ == "__main__":
    # `measure` starts `jss load` in a child process as `python -m bench.load_bench --child …`
    if sys.argv[1:2] == ["--child"]:
        _child_load(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4] == "bulk",
                    Path(sys.argv[5]) if sys.argv[5] else None)
    else:
        command()
