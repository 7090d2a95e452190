"""`jss load --bulk`: the first load of an EMPTY database through Neo4j's offline import tool.

Phase 1 is the normal one (`loaders.bundle.validate_bundle`: same normalisation, same rejects).
Phase 2 writes `neo4j-admin database import full` CSV files instead of running MERGE batches:
one node file per label (`<key>:ID(<Label>)`, every label its own id space) and one relationship
file per (type, start label, end label), each with the provenance properties a normal load sets
(`source_file`, `source_row`, `load_id`, `first_load_id`). `graph.bulk_import.import_full` then
replaces the (empty) database, the schema is applied, and the Load node is written as usual.

The emitters below mirror `loaders/cypher/<stem>.cypher` exactly — including which relationship a
MATCH on a missing key silently drops — and tests/integration/test_load_bulk.py checks that a bulk
load and a normal load of the same bundle give the same graph, node for node.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from graph.bulk_import import ImportGroup, import_full
from graph.errors import JSSError
from graph.import_files import ImportTable
from graph.schema import apply_schema, create_search_indexes
from loaders.bulk_child import BulkChild
from loaders.bundle import (
    LoadResult,
    ValidatedFile,
    accepted_rows,
    bundle_load_id,
    complete_load,
    now_iso,
    queries,
    refresh_summaries,
    validate_bundle,
)
from loaders.reader import FileProblem
from loaders.refs import Refs
from loaders.statements import statement
from loaders.validate import BundleError, write_rejects

# Node key property per label (the id column of its import file).
KEYS = {"Agency": "agency_id", "Call": "call_id", "PersonRecord": "record_id", "PoliceMeasure": "measure_id",
        "RiskAssessment": "assessment_id", "Service": "service_key", "CouncilCase": "case_id",
        "CouncilMeasure": "measure_id"}
# Columns whose ISO text the write queries convert with date() / localdatetime().
TEMPORAL = {"birth_date": "date", "date": "date", "end_date": "date", "meeting_date": "date",
            "start_date": "date", "due_date": "date", "done_date": "date", "received_at": "localdatetime"}
# Columns the write queries make a point of: the import tool reads `{longitude:…,latitude:…}` text
# in a column typed `point{crs:WGS-84}` as the point `point({longitude, latitude})` is.
POINTS = {"location": "point{crs:WGS-84}"}
TYPED = TEMPORAL | POINTS


def point_text(location: list[float] | None) -> str | None:
    """A row's [longitude, latitude] as the import tool reads a point; repr keeps every digit, so
    the stored doubles are the ones the write query would store."""
    if location is None:
        return None
    return f"{{longitude:{float(location[0])!r},latitude:{float(location[1])!r}}}"


class DatabaseNotEmpty(JSSError):
    """`--bulk` replaces the whole database, so it only runs on an empty one."""


Node = tuple[str, dict[str, Any]]                       # (label, properties incl. key)
Rel = tuple[str, str, str, str, str, dict[str, Any]]    # (type, start label, start key, end label, end key, props)


# --- emitters: one normalised row -> nodes and relationships, as the write queries make them ---------
def _prov(row: dict[str, Any], load_id: str) -> dict[str, Any]:
    return {"first_load_id": load_id, "source_file": row["file"], "source_row": row["row"], "load_id": load_id}


def _person(p: dict[str, Any], row: dict[str, Any], load_id: str) -> Node:
    return "PersonRecord", {"record_id": p["key"], **p["props"], "birth_date": p["birth_date"], **_prov(row, load_id)}


def emit(stem: str, row: dict[str, Any], load_id: str, agencies: set[str], calls: set[str],
         cases: set[str]) -> tuple[list[Node], list[Rel]]:
    """Nodes and relationships the `<stem>.cypher` query writes for `row` on an empty graph whose
    Agency / Call / CouncilCase keys are `agencies` / `calls` / `cases`."""
    pv = _prov(row, load_id)
    props = row.get("props", {})
    nodes: list[Node] = []
    rels: list[Rel] = []
    if stem == "agencies":
        nodes.append(("Agency", {"agency_id": row["key"], **props, **pv}))
    elif stem == "calls":
        nodes.append(("Call", {"call_id": row["key"], **props, "received_at": row["received_at"],
                               "location": point_text(row.get("location")), **pv}))
        if row["agency_id"] in agencies:
            rels.append(("HANDLED_BY", "Call", row["key"], "Agency", row["agency_id"], pv))
    elif stem == "call_persons":
        if row["call_id"] in calls:                 # the query MATCHes the call first
            nodes.append(_person(row, row, load_id))
            rels.append(("INVOLVED_IN", "PersonRecord", row["key"], "Call", row["call_id"],
                         {"role": row["role"], "relation_to_victim": row["relation"], **pv}))
    elif stem == "police_measures":
        nodes.append(("PoliceMeasure", {"measure_id": row["key"], **props, "date": row["date"],
                                        "end_date": row["end_date"], **pv}))
        nodes.append(_person(row["person"], row, load_id))
        rels.append(("SUBJECT_OF", "PersonRecord", row["person"]["key"], "PoliceMeasure", row["key"],
                     {"role": "subject", **pv}))
        if row["call_id"] in calls:
            rels.append(("FOR_CALL", "PoliceMeasure", row["key"], "Call", row["call_id"], pv))
    elif stem == "risk_assessments":
        nodes.append(("RiskAssessment", {"assessment_id": row["key"], **props, "date": row["date"], **pv}))
        nodes.append(_person(row["person"], row, load_id))
        rels.append(("SUBJECT_OF", "PersonRecord", row["person"]["key"], "RiskAssessment", row["key"],
                     {"role": "victim", **pv}))
        if row["agency_id"] in agencies:            # MATCH agency, then MATCH call: both or stop
            rels.append(("BY_AGENCY", "RiskAssessment", row["key"], "Agency", row["agency_id"], pv))
            if row["call_id"] in calls:
                rels.append(("FOR_CALL", "RiskAssessment", row["key"], "Call", row["call_id"], pv))
    elif stem == "services":
        nodes.append(("Service", {"service_key": row["key"], **props, "date": row["date"], **pv}))
        nodes.append(_person(row["person"], row, load_id))
        rels.append(("SUBJECT_OF", "PersonRecord", row["person"]["key"], "Service", row["key"],
                     {"role": row["role"], **pv}))
        if row["agency_id"] in agencies:
            rels.append(("BY_AGENCY", "Service", row["key"], "Agency", row["agency_id"], pv))
            if row["referred_by"] in agencies:
                rels.append(("REFERRED_BY", "Service", row["key"], "Agency", row["referred_by"], pv))
            if row["call_id"] in calls:
                rels.append(("FOR_CALL", "Service", row["key"], "Call", row["call_id"], pv))
    elif stem == "council_cases":
        nodes.append(("CouncilCase", {"case_id": row["key"], **props, "meeting_date": row["meeting_date"], **pv}))
        for p in row["persons"]:
            nodes.append(_person(p, row, load_id))
            rels.append(("SUBJECT_OF", "PersonRecord", p["key"], "CouncilCase", row["key"], {"role": p["role"], **pv}))
        if row["submitted_by"] in agencies:
            rels.append(("SUBMITTED_BY", "CouncilCase", row["key"], "Agency", row["submitted_by"], pv))
        for agency_id in dict.fromkeys(row["attending"]):   # MERGE: one per agency
            if agency_id in agencies:
                rels.append(("ATTENDED", "Agency", agency_id, "CouncilCase", row["key"], pv))
    elif stem == "council_measures":
        nodes.append(("CouncilMeasure", {"measure_id": row["key"], **props, "start_date": row["start_date"],
                                         "due_date": row["due_date"], "done_date": row["done_date"], **pv}))
        if row["case_id"] in cases:
            rels.append(("FOR_CASE", "CouncilMeasure", row["key"], "CouncilCase", row["case_id"], pv))
            if row["agency_id"] in agencies:
                rels.append(("ASSIGNED_TO", "CouncilMeasure", row["key"], "Agency", row["agency_id"], pv))
    else:  # pragma: no cover - LOAD_ORDER and this function change together
        raise ValueError(f"no bulk emitter for {stem}")
    return nodes, rels


def emitted_files(files: Iterable[tuple[str, Iterable[dict[str, Any]]]], load_id: str
                  ) -> Iterator[tuple[list[Node], list[Rel]]]:
    """Each row's nodes and relationships, file by file (stem, accepted rows) in load order. The
    Agency, Call and CouncilCase keys seen so far are tracked so that a later row's relationship to
    a missing one is dropped, as the query's MATCH would drop it. Lazy: a file is read only when
    the previous one is done (the resolution child gathers each file as soon as it is validated)."""
    agencies: set[str] = set()
    calls: set[str] = set()
    cases: set[str] = set()
    for stem, rows in files:
        for row in rows:
            nodes, rels = emit(stem, row, load_id, agencies, calls, cases)
            for label, props in nodes:
                if label == "Agency":
                    agencies.add(props["agency_id"])
                elif label == "Call":
                    calls.add(props["call_id"])
                elif label == "CouncilCase":
                    cases.add(props["case_id"])
            yield nodes, rels


def write_import_files(validated: list[ValidatedFile], load_id: str, folder: Path
                       ) -> tuple[list[ImportGroup], list[ImportGroup], dict[str, int]]:
    """Stream every accepted row into import CSV files under `folder`; returns the node and
    relationship groups for `import_full` and the number of rows per file written."""
    return write_import_files_of(((item.src.stem, accepted_rows(item)) for item in validated), load_id, folder)


def write_import_files_of(files: Iterable[tuple[str, Iterable[dict[str, Any]]]], load_id: str, folder: Path
                          ) -> tuple[list[ImportGroup], list[ImportGroup], dict[str, int]]:
    """`write_import_files` of (stem, accepted rows) per file, in load order."""
    folder.mkdir(parents=True, exist_ok=True)
    node_tables: dict[str, ImportTable] = {}
    rel_tables: dict[tuple[str, str, str], ImportTable] = {}
    for nodes, rels in emitted_files(files, load_id):
        for label, props in nodes:
            table = node_tables.get(label)
            if table is None:
                table = node_tables[label] = ImportTable(folder, f"node-{label}", [f"{KEYS[label]}:ID({label})"],
                                                         TYPED, key=KEYS[label])
            table.add_node(props)
        for rtype, slabel, skey, elabel, ekey, props in rels:
            tkey = (rtype, slabel, elabel)
            table = rel_tables.get(tkey)
            if table is None:
                table = rel_tables[tkey] = ImportTable(folder, f"rel-{rtype}-{slabel}-{elabel}",
                                                       [f":START_ID({slabel})", f":END_ID({elabel})"], TYPED)
            table.add([skey, ekey], props)
    for t in [*node_tables.values(), *rel_tables.values()]:
        t.close()
    node_groups = [ImportGroup(label, (t.header_path, t.data_path)) for label, t in node_tables.items()]
    rel_groups = [ImportGroup(rtype, (t.header_path, t.data_path)) for (rtype, _, _), t in rel_tables.items()]
    counts = {t.data_path.name: t.rows for t in [*node_tables.values(), *rel_tables.values()]}
    return node_groups, rel_groups, counts


# --- the bulk load ------------------------------------------------------------------------------
def database_is_empty(runner: Any) -> bool:
    return runner.read_value(statement("bulk_any_node"), name="load.bulk_empty_check") is False


def bulk_load(directory: Path, runner: Any, *, rejects: Path | None = None, work_dir: Path | None = None,
              stream: TextIO | None = None, run_resolution: bool = True, echo=print,
              keep_files: Path | None = None) -> LoadResult:
    """Validate `directory` as `jss load` does, then import it with neo4j-admin into the EMPTY
    local database. Raises DatabaseNotEmpty when the database holds any node. The import files go
    to a temporary folder, or to `keep_files` (kept afterwards: the benchmarks re-import them).

    With resolution, people, addresses and households are resolved from the rows before the import
    and imported with them (`resolution.offline`): the graph is the one a normal load and
    `jss resolve` make (tests/integration/test_load_bulk.py)."""
    started = time.perf_counter()
    directory = Path(directory)
    if not database_is_empty(runner):
        raise DatabaseNotEmpty("--bulk는 빈 데이터베이스에서만 쓸 수 있습니다: 데이터가 이미 있습니다 "
                               "(--bulk replaces the whole database and only runs on an empty one; "
                               "use `jss load` without --bulk to add to existing data)")
    try:
        load_id = bundle_load_id(directory)
    except FileProblem as exc:
        raise BundleError([str(exc)]) from exc
    result = LoadResult(load_id, directory)
    result.timings = {}  # type: ignore[attr-defined]
    offline_status: str | None = None
    with tempfile.TemporaryDirectory(prefix="jss-bulk-", dir=work_dir) as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "spill").mkdir()
        files = keep_files or tmp_path / "import"
        files.mkdir(parents=True, exist_ok=True)
        # A child works on each file as soon as it is validated (loaders/bulk_child.py): with
        # resolution, it gathers the inputs, then resolves them while this process writes the
        # import files; without, it writes the import files.
        child = _start_child(tmp_path, files, load_id, run_resolution)
        try:
            t0 = time.perf_counter()
            validated, result.ignored_files = validate_bundle(
                directory, Refs(graph=runner), tmp_path / "spill", stream,
                on_file=lambda v: child.file_done(v.src.stem, v.spill, v.log.rows))
            result.timings["validate_s"] = time.perf_counter() - t0  # type: ignore[attr-defined]
            result.stats = [v.stats for v in validated]
            result.problems = [p for v in validated for p in sorted(v.log.problems, key=lambda p: p.row)]
            child.all_files_done()
            t0 = time.perf_counter()
            if run_resolution:
                nodes, rels, _ = write_import_files(validated, load_id, files)
                result.timings["write_csv_s"] = time.perf_counter() - t0  # type: ignore[attr-defined]
                t0 = time.perf_counter()
                code = child.wait()
                # The wait after the files, and the child's own times (it ran beside them).
                result.timings["resolve_wait_s"] = time.perf_counter() - t0  # type: ignore[attr-defined]
                offline_status, more_nodes, more_rels = _resolution_outcome(code, files / "resolution")
                nodes, rels = nodes + more_nodes, rels + more_rels
                result.timings.update(_child_seconds(files / "resolution"))  # type: ignore[attr-defined]
            else:
                code = child.wait()
                result.timings["write_csv_wait_s"] = time.perf_counter() - t0  # type: ignore[attr-defined]
                if code != 0:
                    raise JSSError(f"writing the import files failed: their process exited with {code} "
                                   "(its log is above); nothing was imported")
                nodes, rels = import_groups(files)
            child = None
        finally:
            if child is not None:            # validation or the files failed
                child.stop()
        report = import_full(runner.settings, nodes, rels, work_dir=tmp_path / "work", echo=echo)
    result.timings.update({"import_s": report.command_seconds,  # type: ignore[attr-defined]
                           "restart_s": report.restart_seconds})
    t0 = time.perf_counter()
    _after_import(runner, validated, load_id, directory)
    result.timings["schema_s"] = time.perf_counter() - t0  # type: ignore[attr-defined]
    for s in result.stats:
        s.nodes_created = 0                          # counted by the tool, not per file
    result.rejects_path = rejects or directory / f"rejects-{load_id}.csv"
    write_rejects(result.rejects_path, result.problems)
    complete_load(runner, result)
    if offline_status is not None:
        result.resolution = offline_status
        runner.write(queries()["load_resolution"].text, {"load_id": load_id, "resolution": offline_status[:500]},
                     name="load.resolution")
    # Resolution, if it ran, ran outside the graph: the summaries are always refreshed here.
    t0 = time.perf_counter()
    result.summaries = refresh_summaries(runner, before_tables=lambda: create_search_indexes(runner))
    result.timings["summaries_s"] = time.perf_counter() - t0  # type: ignore[attr-defined]
    t0 = time.perf_counter()
    apply_schema(runner)                             # every index, search ones included, online
    result.timings["search_indexes_wait_s"] = time.perf_counter() - t0  # type: ignore[attr-defined]
    result.seconds = time.perf_counter() - started
    return result


def _start_child(work: Path, files: Path, load_id: str, run_resolution: bool) -> BulkChild:
    """Start the bulk child (`loaders.bulk_child`). Its log (stage times and memory) goes to this
    process's stderr as it runs: at the national size resolution works for a quarter of an hour."""
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(repo), os.environ.get("PYTHONPATH")]))}
    if run_resolution:
        run_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        args = ["resolution", str(files / "resolution"), load_id, str(work / "resolution-inputs"), run_at]
    else:
        args = ["import-files", str(files), load_id]
    return BulkChild(args, work, env=env, cwd=repo)


def _resolution_outcome(code: int, output: Path) -> tuple[str, list[ImportGroup], list[ImportGroup]]:
    """The child's import files join the load's. A failure leaves the load itself whole: it is
    imported unresolved, the status says why, and `jss resolve` can be run afterwards."""
    if code != 0:
        return (f"failed: offline resolution exited with {code} (its log is above); "
                "the load was imported unresolved: run `jss resolve`"), [], []
    found_nodes, found_rels = import_groups(output)
    return "ran", found_nodes, found_rels


def _child_seconds(output: Path) -> dict[str, float]:
    """The resolution child's own times from its summary.json: gathering the inputs (beside the
    validation) and resolving them (beside the import files); nothing when it left none."""
    try:
        summary = json.loads((output / "summary.json").read_text(encoding="utf-8"))
        return {"resolve_gather_s": float(summary.get("gather_s", 0.0)),
                "resolve_s": float(summary["seconds"])}
    except (OSError, ValueError, KeyError):
        return {}


def _after_import(runner: Any, validated: list[ValidatedFile], load_id: str, directory: Path) -> None:
    # Constraints and the indexes the summaries use, awaited; the search indexes come later.
    apply_schema(runner, search_indexes=False)
    # An empty list property cannot be written in an import file (an empty field means "not
    # set"); the normal load stores [] for a council case nobody attended.
    runner.write(statement("bulk_empty_lists"), name="load.bulk_empty_lists")
    runner.write(queries()["load_start"].text, {"load_id": load_id, "bundle": directory.name, "now": now_iso(),
                                                "files": [v.src.name for v in validated]}, name="load.start")


def import_groups(folder: Path) -> tuple[list[ImportGroup], list[ImportGroup]]:
    """The node and relationship groups of import files `write_import_files` left in `folder`."""
    nodes, rels = [], []
    for header in sorted(folder.glob("*.header.csv")):
        data = header.with_name(header.name.replace(".header.csv", ".csv"))
        kind, name = header.name.split("-", 1)
        if kind == "node":
            nodes.append(ImportGroup(name.split(".")[0], (header, data)))
        else:
            rels.append(ImportGroup(name.split("-")[0], (header, data)))
    return nodes, rels


def iter_rows(validated: list[ValidatedFile]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every accepted row of the bundle with its file stem, in load order (for the benchmarks)."""
    for item in validated:
        for row in accepted_rows(item):
            yield item.src.stem, row
