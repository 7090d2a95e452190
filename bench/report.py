"""Benchmark results: `bench/results/<name>.json`, and `docs/performance.md` regenerated from them.

Every result file carries the machine (cores, memory, CPU model, load average at start and end),
the versions (Neo4j, Python, driver) and the data size, so a figure is never read without its
context. `python -m bench.report` rebuilds the document from whatever result files exist.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
DOC = REPO / "docs" / "performance.md"


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine(runner: Any | None = None) -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    info: dict[str, Any] = {"cores": os.cpu_count(), "memory_gb": mem_gb, "cpu": cpu,
                            "platform": platform.platform(), "python": sys.version.split()[0],
                            "driver": _version("neo4j"), "load_average_start": load_average(),
                            "when": time.strftime("%Y-%m-%d %H:%M:%S")}
    if runner is not None:
        try:
            info["neo4j"] = runner.ping()["version"]
        except Exception:  # noqa: BLE001 - a result without the server version is still a result
            info["neo4j"] = "unknown"
        s = runner.settings
        info["neo4j_heap"], info["neo4j_pagecache"] = s.neo4j_heap, s.neo4j_pagecache
    return info


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def save(name: str, data: dict[str, Any]) -> Path:
    """Write `bench/results/<name>.json` (with the load average at the end) and rebuild the doc."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    data.setdefault("machine", {})["load_average_end"] = load_average()
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8")
    from bench.perfdoc import write_doc

    write_doc()
    return path


def results() -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(RESULTS.glob("*.json"))}


if __name__ == "__main__":
    from bench.perfdoc import write_doc

    print(write_doc())
