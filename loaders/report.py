"""Progress bars and the per-file summary of a load (terminal output, no graph access).

A small bar of our own instead of tqdm: one line per file on stderr, redrawn at most ten times a
second, and only when stderr is a terminal (logs and CI output stay clean).
"""

from __future__ import annotations

import sys
import time
from dataclasses import asdict, dataclass, field
from typing import Any, TextIO

from values.text import display_width


@dataclass
class FileStats:
    file: str
    rows_read: int = 0
    rows_loaded: int = 0
    rows_rejected: int = 0
    nodes_created: int = 0
    relationships_created: int = 0
    properties_set: int = 0
    seconds: float = 0.0
    write_seconds: float = 0.0                      # phase 2 alone (seconds = validation + write)
    encoding: str = ""
    ignored_columns: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Progress:
    """`with Progress("calls.csv 검증", total) as bar: bar.update(done)` — silent off a terminal."""

    def __init__(self, label: str, total: int | None, stream: TextIO | None = None, unit: str = ""):
        self.label, self.total, self.unit = label, total or 0, unit
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.done, self._last, self._start = 0, 0.0, time.perf_counter()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self._draw(final=True)
            self.stream.write("\n")
            self.stream.flush()

    def set(self, done: int) -> None:
        self.done = done
        self._maybe_draw()

    def add(self, n: int) -> None:
        self.done += n
        self._maybe_draw()

    def _maybe_draw(self) -> None:
        if self.enabled and time.perf_counter() - self._last >= 0.1:
            self._draw()

    def _draw(self, final: bool = False) -> None:
        self._last = time.perf_counter()
        elapsed = self._last - self._start
        frac = min(1.0, self.done / self.total) if self.total else (1.0 if final else 0.0)
        width = 24
        filled = int(frac * width)
        bar = "█" * filled + "·" * (width - filled)
        self.stream.write(f"\r{self.label:<34} |{bar}| {frac * 100:5.1f}% {elapsed:6.1f}s")
        self.stream.flush()


def summary_table(stats: list[FileStats], *, dry_run: bool = False) -> str:
    """The per-file table printed at the end of `jss load` (Korean headers, English in docs)."""
    heads = ["파일", "읽음", "적재", "거부", "노드+", "관계+", "속성", "초"]
    if dry_run:
        heads = ["파일", "읽음", "적재가능", "거부", "", "", "", "초"]
    rows = [[s.file, str(s.rows_read), str(s.rows_loaded), str(s.rows_rejected),
             "" if dry_run else str(s.nodes_created), "" if dry_run else str(s.relationships_created),
             "" if dry_run else str(s.properties_set), f"{s.seconds:.1f}"] for s in stats]
    total = FileStats("합계")
    for s in stats:
        for k in ("rows_read", "rows_loaded", "rows_rejected", "nodes_created", "relationships_created",
                  "properties_set", "seconds"):
            setattr(total, k, getattr(total, k) + getattr(s, k))
    rows.append([total.file, str(total.rows_read), str(total.rows_loaded), str(total.rows_rejected),
                 "" if dry_run else str(total.nodes_created), "" if dry_run else str(total.relationships_created),
                 "" if dry_run else str(total.properties_set), f"{total.seconds:.1f}"])
    keep = [i for i, h in enumerate(heads) if h]
    widths = [max(display_width(r[i]) for r in [heads, *rows]) for i in keep]

    def line(cells: list[str]) -> str:
        parts = []
        for w, i in zip(widths, keep, strict=True):
            pad = " " * (w - display_width(cells[i]))
            parts.append(cells[i] + pad if i == 0 else pad + cells[i])
        return "  ".join(parts)

    out = [line(heads), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in rows[:-1]]
    out += ["  ".join("-" * w for w in widths), line(rows[-1])]
    return "\n".join(out)
