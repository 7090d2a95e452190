"""Load one export bundle in two phases, so bad input never half-writes.

Phase 1 (read + validate, no writes): every file's encoding and header are checked first, then
every row is normalised and validated in load order (a file only references files before it),
cross-file references are resolved against this bundle and the graph, and the normalised rows
are spilled to a private temporary folder (memory stays bounded: only the keys other files
reference are kept). Any whole-file problem fails the bundle here with one message per file.

Phase 2 (write): a `Load` node is marked started, each file's rows go through its
`loaders/cypher/<stem>.cypher` in batches (`UNWIND $rows … MERGE` on constrained keys), the Load
is marked complete, and entity resolution runs when `resolution.run` exists. Re-running an
interrupted load redoes every MERGE and ends in the same graph: the load id is a hash of the
bundle's bytes and every write is idempotent.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import pickle
import queue
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any, TextIO

from graph.cypher_files import NamedQuery, load_directory
from graph.sealing import seal_for
from loaders.contract import LOAD_ORDER, MAPPING_FILE
from loaders.reader import (
    FileProblem,
    SourceFile,
    count_rows_hint,
    discover,
    iter_rows,
    open_source,
    read_mapping,
)
from loaders.refs import Refs
from loaders.report import FileStats, Progress
from loaders.shelter_seal import ShelterSealer, reseal_earlier
from loaders.validate import (
    BundleError,
    Problem,
    ProblemLog,
    cell_normaliser,
    duplicate_reason,
    fields_count_reason,
    write_rejects,
)
from loaders.writer import write_pipelined

CYPHER_DIR = Path(__file__).with_name("cypher")
MODULES: dict[str, ModuleType] = {stem: importlib.import_module(f"loaders.{stem}") for stem in LOAD_ORDER}
_SPILL_CHUNK = 5000
# Files whose records link to others through single-valued (or list-valued) links: when the graph
# already holds their label, `<stem>_stale.cypher` removes links an earlier version had.
STALE_LABELS = {"calls": "Call", "police_measures": "PoliceMeasure", "risk_assessments": "RiskAssessment",
                "services": "Service", "council_cases": "CouncilCase", "council_measures": "CouncilMeasure"}

# Files whose every batch links to the few Agency (or CouncilCase) nodes: two transactions in flight
# would both lock those dense nodes' relationship groups and deadlock (measured: retried batches
# made `calls` 3× slower), so they are written one transaction at a time.
_DENSE_LINKS = frozenset({"agencies", "calls", "risk_assessments", "services", "council_cases", "council_measures"})


def queries() -> dict[str, NamedQuery]:
    return load_directory(CYPHER_DIR)


def bundle_load_id(directory: Path) -> str:
    """`load-<16 hex>`: sha256 over the names and bytes of the contract files and mapping.yaml, so
    an identical bundle always gets the same id (idempotent provenance) and any change a new one."""
    found, _ = discover(directory)
    paths = sorted(found.values())
    if (directory / MAPPING_FILE).exists():
        paths.append(directory / MAPPING_FILE)
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        with path.open("rb") as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
        digest.update(b"\0")
    return "load-" + digest.hexdigest()[:16]


@dataclass
class LoadResult:
    load_id: str
    bundle: Path
    stats: list[FileStats] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    rejects_path: Path | None = None
    dry_run: bool = False
    graph_checked: bool = True
    resolution: str = "not run"
    summaries: str = "not run"
    ignored_files: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rows_read(self) -> int:
        return sum(s.rows_read for s in self.stats)

    @property
    def rows_rejected(self) -> int:
        return sum(s.rows_rejected for s in self.stats)

    @property
    def rows_loaded(self) -> int:
        return sum(s.rows_loaded for s in self.stats)


@dataclass
class ValidatedFile:
    src: SourceFile
    stats: FileStats
    log: ProblemLog
    spill: Path


# --- phase 1 ------------------------------------------------------------------------------------
def validate_bundle(directory: Path, refs: Refs, spill_dir: Path, stream: TextIO | None = None,
                    on_file: Callable[[ValidatedFile], Any] | None = None,
                    prescan: bool = False) -> tuple[list[ValidatedFile], list[str]]:
    """Read and validate every file; raise BundleError listing every whole-file problem.
    `on_file` is called with each file once it is validated, in load order: its accepted rows are
    final then (a later file never rejects an earlier file's rows), so work on them can start.
    With `prescan`, every file is first read through as CSV (or xlsx), so a whole-file problem
    (unreadable CSV in row 200,000 of the last file) fails the bundle before `on_file` is ever
    called: work started from `on_file` is then never undone by a later file."""
    failures: list[str] = []
    try:
        found, others = discover(directory)
        mapping = read_mapping(directory)
    except FileProblem as exc:
        raise BundleError([str(exc)]) from exc
    if not found:
        raise BundleError([f"{directory}: 계약에 있는 파일이 하나도 없습니다 (no contract files: "
                           f"{', '.join(LOAD_ORDER)} as .csv or .xlsx)"])
    sources: list[SourceFile] = []
    for stem in LOAD_ORDER:                      # headers and encodings of all files first
        if stem in found:
            try:
                sources.append(open_source(stem, found[stem], mapping))
            except FileProblem as exc:
                failures.append(str(exc))
    if failures:
        raise BundleError(failures)
    if prescan:
        for src in sources:
            try:
                for _ in iter_rows(src):
                    pass
            except FileProblem as exc:
                failures.append(str(exc))
        if failures:
            raise BundleError(failures)
    refs.fetch_graph_agencies()
    if refs.sealer is None and refs.graph is not None:
        refs.sealer = ShelterSealer.prepare(seal_for(refs.graph.settings), sources, refs.graph)
    done: list[ValidatedFile] = []
    for src in sources:
        try:
            done.append(_validate_file(src, refs, spill_dir, stream))
        except FileProblem as exc:
            failures.append(str(exc))
            continue
        if on_file is not None and not failures:
            on_file(done[-1])
    if failures:
        raise BundleError(failures)
    return done, others


def _validate_file(src: SourceFile, refs: Refs, spill_dir: Path, stream: TextIO | None) -> ValidatedFile:
    started = time.perf_counter()
    module = MODULES[src.stem]
    stats = FileStats(src.name, encoding=src.encoding or "xlsx", ignored_columns=list(src.ignored))
    log = ProblemLog(src.stem)
    cols = [(f.name, cell_normaliser(f), src.columns.get(f.name)) for f in src.spec.fields]
    width = len(src.header)
    is_csv = src.encoding is not None
    unique = module.UNIQUE_KEY
    seen: dict[int, int] = {}
    accepted: list[tuple[str, int]] = []
    hook = getattr(module, "accepted", None)
    spill = spill_dir / f"{src.stem}.pkl"
    chunk: list[dict[str, Any]] = []
    build = module.build
    seal = refs.sealer.apply if refs.sealer is not None else None
    with spill.open("wb") as out, Progress(f"{src.name} 검증", count_rows_hint(src), stream) as bar:
        for row_no, cells in iter_rows(src, bar.set):
            if row_no == 1:
                continue
            if not any(c is not None and c != "" for c in cells):
                continue                        # a blank line is not a record
            stats.rows_read += 1
            n = len(cells)
            if is_csv and n != width and not (n > width and not any(cells[width:])):
                log.add(row_no, "*", f"{n} fields", fields_count_reason(n, width))
                continue
            v = {name: normalise(cells[i] if i is not None and i < n else None, log, row_no)
                 for name, normalise, i in cols}
            built = build(v, row_no, refs, log)
            if built is None or row_no in log.rows:
                continue
            key, row = built
            if seal is not None:
                seal(src.stem, row)             # shelter locations never reach the spill or the graph
            h = hash(key)
            if unique:
                first = seen.setdefault(h, row_no)
                if first != row_no:
                    log.add(row_no, src.spec.key[-1], key, duplicate_reason(first))
                    continue
            else:
                count = seen.get(h, 0) + 1
                seen[h] = count
                if count > 1:                   # same person twice on one call: keep both
                    row["key"] = key = f"{key}-{count}"
            row["file"], row["row"] = src.name, row_no
            chunk.append(row)
            if hook is not None:
                accepted.append((key, row_no))
            if len(chunk) >= _SPILL_CHUNK:
                pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
                chunk = []
        if chunk:
            pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
    refs.resolve_pending(log)
    for key, row_no in accepted:
        if row_no not in log.rows:
            hook(key, row_no, refs)
    stats.rows_rejected = len(log.rows)
    stats.rows_loaded = stats.rows_read - stats.rows_rejected
    stats.seconds = time.perf_counter() - started
    return ValidatedFile(src, stats, log, spill)


def accepted_rows(item: ValidatedFile) -> Iterator[dict[str, Any]]:
    return spilled_rows(item.spill, item.log.rows)


def spilled_rows(spill: Path, rejected: set[int] | frozenset[int]) -> Iterator[dict[str, Any]]:
    """The rows a validated file spilled to `spill`, except those whose row number is `rejected`."""
    with spill.open("rb") as fh:
        while True:
            try:
                chunk = pickle.load(fh)
            except EOFError:
                return
            for row in chunk:
                if row["row"] not in rejected:
                    yield row


# --- phase 2 ------------------------------------------------------------------------------------
def now_iso() -> str:
    return datetime.now().replace(microsecond=0).isoformat()


def load_bundle(directory: Path, runner: Any, *, rejects: Path | None = None, dry_run: bool = False,
                batch_size: int | None = None, stream: TextIO | None = None,
                run_resolution: bool = True) -> LoadResult:
    """Load (or with `dry_run`, only validate) the bundle in `directory`. `runner` may be None for a
    dry run without a database (references are then checked against the bundle only)."""
    started = time.perf_counter()
    directory = Path(directory)
    try:
        load_id = bundle_load_id(directory)
    except FileProblem as exc:
        raise BundleError([str(exc)]) from exc
    result = LoadResult(load_id, directory, dry_run=dry_run, graph_checked=runner is not None)
    refs = Refs(graph=runner)
    if runner is not None and not dry_run:
        _ensure_schema(runner)
    with tempfile.TemporaryDirectory(prefix="jss-load-") as tmp:
        if dry_run:
            validated, result.ignored_files = validate_bundle(directory, refs, Path(tmp), stream)
        else:
            validated, result.ignored_files = _validate_and_write(runner, directory, refs, Path(tmp), load_id,
                                                                  batch_size, stream)
            reseal_earlier(runner, refs.sealer, load_id)
        result.stats = [v.stats for v in validated]
        result.problems = [p for v in validated for p in sorted(v.log.problems, key=lambda p: p.row)]
    if not dry_run:
        result.rejects_path = rejects or directory / f"rejects-{load_id}.csv"
        write_rejects(result.rejects_path, result.problems)
        complete_load(runner, result)
        if run_resolution:
            result.resolution = _resolve(runner, load_id)
        result.summaries = refresh_summaries(runner, result.resolution)
    elif rejects is not None:
        result.rejects_path = rejects
        write_rejects(rejects, result.problems)
    result.seconds = time.perf_counter() - started
    return result


def _ensure_schema(runner: Any) -> None:
    from graph.schema import apply_schema, schema_missing

    if schema_missing(runner):
        apply_schema(runner)


def _validate_and_write(runner: Any, directory: Path, refs: Refs, spill_dir: Path, load_id: str,
                        batch_size: int | None, stream: TextIO | None) -> tuple[list[ValidatedFile], list[str]]:
    """Validate every file and write each as soon as it is validated, in load order: file N is
    written by a thread while this one validates file N+1, so the Python validation runs on one
    core while Neo4j writes on the other. A whole-file problem still fails the bundle before
    anything is written (`prescan`). Only validation's own progress bars are left out: two bars
    at once would overwrite each other."""
    todo: queue.Queue[ValidatedFile | None] = queue.Queue()
    failed: list[BaseException] = []
    stop = threading.Event()

    def write_in_order() -> None:
        first = True
        while (item := todo.get()) is not None:
            if stop.is_set():
                continue                       # drain: the load has failed or was interrupted
            try:
                if first:
                    _write_start(runner, directory, load_id)
                    first = False
                _write_file(runner, item, load_id, batch_size, stream)
            except BaseException as exc:       # re-raised in the validating thread
                failed.append(exc)
                stop.set()

    def validated_file(item: ValidatedFile) -> None:
        if failed:
            raise failed[0]                    # stop validating: the load has already failed
        todo.put(item)

    writer = threading.Thread(target=write_in_order, name="jss-load-writer", daemon=True)
    writer.start()
    try:
        done = validate_bundle(directory, refs, spill_dir, io.StringIO(), on_file=validated_file, prescan=True)
    except BaseException:
        stop.set()                             # files still queued are not written
        raise
    finally:
        todo.put(None)
        writer.join()
    if failed:
        raise failed[0]
    return done


def _write_start(runner: Any, directory: Path, load_id: str) -> None:
    found, _ = discover(directory)
    files = [found[stem].name for stem in LOAD_ORDER if stem in found]
    runner.write(queries()["load_start"].text, {"load_id": load_id, "bundle": directory.name, "now": now_iso(),
                                                "files": files}, name="load.start")


def _write_file(runner: Any, item: ValidatedFile, load_id: str, batch_size: int | None,
                stream: TextIO | None) -> None:
    qs = queries()
    started = time.perf_counter()
    stem = item.src.stem
    label = STALE_LABELS.get(stem)
    # Built here, not kept in loaders/cypher/: the label (one of STALE_LABELS, constants of this
    # module, never input) must be in the text for the label's count to come from the count store.
    existed = label is not None and runner.read_value(
        f"MATCH (n:{label}) RETURN count(n)", name=f"load.count_{stem}") > 0
    with Progress(f"{item.src.name} 적재", item.stats.rows_loaded, stream) as bar:
        summary = write_pipelined(runner, qs[stem].text, accepted_rows(item), name=f"load.{stem}",
                                  batch_size=batch_size or runner.settings.batch_size,
                                  extra={"load_id": load_id}, on_batch=bar.add,
                                  writers=1 if stem in _DENSE_LINKS else runner.settings.load_writers)
    if existed:
        stale = runner.write_batches(qs[f"{stem}_stale"].text, ({"key": r["key"]} for r in accepted_rows(item)),
                                     name=f"load.{stem}_stale", batch_size=batch_size,
                                     extra={"load_id": load_id})
        summary.add(stale.counters)
    item.stats.nodes_created = summary.counters["nodes_created"]
    item.stats.relationships_created = summary.counters["relationships_created"]
    item.stats.properties_set = summary.counters["properties_set"]
    item.stats.write_seconds = time.perf_counter() - started
    item.stats.seconds += item.stats.write_seconds


def complete_load(runner: Any, result: LoadResult) -> None:
    q = queries()["load_complete"]
    summary = json.dumps([s.as_dict() for s in result.stats], ensure_ascii=False)
    runner.write(q.text, {"load_id": result.load_id, "now": now_iso(), "summary": summary,
                          "rows_read": result.rows_read, "rows_loaded": result.rows_loaded,
                          "rows_rejected": result.rows_rejected}, name="load.complete")


def refresh_summaries(runner: Any, resolution: str = "not run", before_tables: Any = None) -> str:
    """Refresh the derived summaries the pattern queries read (`derived.refresh`) — unless entity
    resolution just ran, which refreshes them itself. A failure is reported, not raised: the load
    itself is complete, and `jss summaries` can be run again."""
    if resolution == "ran":
        return "refreshed by resolution"
    from derived import refresh

    try:
        return f"refreshed in {refresh(runner, before_tables)['seconds']:.1f} s"
    except Exception as exc:  # noqa: BLE001 - reported like resolution's failure
        return f"failed: {type(exc).__name__}: {exc}"


def _resolve(runner: Any, load_id: str) -> str:
    """Run entity resolution after the load (`resolution.run`); its failure is reported, not raised."""
    from resolution import run  # noqa: PLC0415  (lazy: a dry run or a load without resolution never needs it)

    try:
        run(runner, load_id=load_id)
        status = "ran"
    except Exception as exc:  # noqa: BLE001 - the load is complete; report resolution's failure
        status = f"failed: {type(exc).__name__}: {exc}"
    runner.write(queries()["load_resolution"].text, {"load_id": load_id, "resolution": status[:500]},
                 name="load.resolution")
    return status
