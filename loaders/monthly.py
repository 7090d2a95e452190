"""Cut an export bundle into consecutive monthly bundles: the same rows, each in the month its
event happened, so that loading the months one after another replays how the exports would have
arrived (`jss synth --monthly`, `jss suggest replay`; docs/loading.md).

Each row goes to the month of its own event, never before the row it refers to:
- a call: the month it was received; a person on a call: the call's month;
- a police measure, risk assessment or service: its own date's month, or its call's when that is
  later (or its own date is missing);
- a council case: its meeting's month; a council measure: its start date's, or its case's when later;
- the agencies file, and every row the loader would reject: the first month (the loader rejects
  them there with the same reasons).
The rows are copied as they are (the same cells, header and encoding; Excel files stay Excel), so
masked names, messy dates and bad rows reach each month's load unchanged. The bundle is read once
through the loader's own validation (no database), which gives every accepted row's typed dates.
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from loaders.bundle import ValidatedFile, accepted_rows, validate_bundle
from loaders.contract import MAPPING_FILE
from loaders.reader import SourceFile, iter_rows
from loaders.refs import Refs


def _month(value: Any) -> str | None:
    """'YYYY-MM' of an ISO date or datetime text (as the loader's rows carry them)."""
    return str(value)[:7] if value else None


def row_months(validated: list[ValidatedFile]) -> dict[tuple[str, int], str]:
    """(file stem, row number) → 'YYYY-MM' for every accepted row that has a month (the module
    docstring says which); rows without one go to the first month."""
    calls: dict[str, str] = {}
    cases: dict[str, str] = {}
    out: dict[tuple[str, int], str] = {}
    for item in validated:       # load order: calls before what refers to them, cases before measures
        stem = item.src.stem
        for row in accepted_rows(item):
            if stem == "calls":
                month = _month(row.get("received_at"))
                if month:
                    calls[row["key"]] = month
            elif stem == "call_persons":
                month = calls.get(row.get("call_id"))
            elif stem in ("police_measures", "risk_assessments", "services"):
                month = max(filter(None, (_month(row.get("date")), calls.get(row.get("call_id")))), default=None)
            elif stem == "council_cases":
                month = _month(row.get("meeting_date"))
                if month:
                    cases[row["key"]] = month
            elif stem == "council_measures":
                month = max(filter(None, (_month(row.get("start_date")), cases.get(row.get("case_id")))),
                            default=None)
            else:
                month = None
            if month:
                out[(stem, row["row"])] = month
    return out


def cut_monthly(bundle: Path, out: Path) -> list[Path]:
    """Write one bundle per month with rows into `out/YYYY-MM/`, in month order; returns them.
    `out` must not hold bundles already."""
    bundle, out = Path(bundle), Path(out)
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty: the monthly bundles go into an empty folder")
    with tempfile.TemporaryDirectory(prefix="jss-cut-") as tmp:
        validated, _ = validate_bundle(bundle, Refs(graph=None), Path(tmp))
        months = row_months(validated)
    if not months:
        raise ValueError(f"{bundle}: no dated rows to cut by month")
    first = min(months.values())
    folders = {m: out / m for m in sorted({first, *months.values()})}
    for folder in folders.values():
        folder.mkdir(parents=True)
        if (bundle / MAPPING_FILE).exists():
            shutil.copy2(bundle / MAPPING_FILE, folder / MAPPING_FILE)
    for item in validated:
        _copy_rows(item.src, lambda row_no, stem=item.src.stem: folders[months.get((stem, row_no), first)])
    return list(folders.values())


def _copy_rows(src: SourceFile, folder_of: Callable[[int], Path]) -> None:
    """Copy each row of `src` into the same file in `folder_of(row number)`, header first: CSV rows
    stream to one open file per month; an Excel file per month is saved at the end."""
    header: list[Any] = []
    with ExitStack() as files:
        appends: dict[Path, Callable[[list[Any]], Any]] = {}
        for row_no, cells in iter_rows(src):
            if row_no == 1:
                header = cells
                continue
            folder = folder_of(row_no)
            if folder not in appends:
                appends[folder] = _opened(src, folder / src.name, files)
                appends[folder](header)
            appends[folder](cells)


def _opened(src: SourceFile, path: Path, files: ExitStack) -> Callable[[list[Any]], Any]:
    """A function appending one row to `path`, written in `src`'s format; `files` closes it."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        wb = Workbook()
        files.callback(wb.save, path)
        return wb.active.append
    fh = files.enter_context(path.open("w", encoding=src.encoding or "utf-8-sig", newline=""))
    return csv.writer(fh).writerow
