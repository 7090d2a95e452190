"""Loading the hand-written `mixed` bundle into the real Neo4j: what lands in the graph (counts and
values written by hand from the fixture files), idempotence, updates by a later bundle, rollback,
and all-or-nothing failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from graph.runner import Runner
from loaders.bundle import bundle_load_id, load_bundle
from loaders.rollback import rollback
from loaders.snapshot import snapshot
from loaders.validate import BundleError

MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "bundles" / "mixed"

# Counted by hand from tests/fixtures/bundles/mixed (see tests/unit/test_load_files.py for the rejects).
NODES = {"Agency": 6, "Call": 5, "PersonRecord": 21, "PoliceMeasure": 3, "RiskAssessment": 2, "Service": 4,
         "CouncilCase": 2, "CouncilMeasure": 3}
RELS = {"HANDLED_BY": 5, "INVOLVED_IN": 9, "SUBJECT_OF": 12, "FOR_CALL": 4, "BY_AGENCY": 6, "REFERRED_BY": 2,
        "SUBMITTED_BY": 2, "ATTENDED": 5, "FOR_CASE": 3, "ASSIGNED_TO": 3}


def load(runner: Runner, bundle: Path, tmp: Path, **kw) -> object:
    return load_bundle(bundle, runner, rejects=tmp / f"rejects-{bundle.name}.csv", run_resolution=False, **kw)


def one(runner: Runner, cypher: str, **params) -> object:
    return runner.read_value(cypher, params, name="test.value")


@pytest.fixture()
def bundle(tmp_path: Path) -> Path:
    out = tmp_path / "mixed"
    shutil.copytree(MIXED, out)
    return out


def test_mixed_bundle_lands_as_the_model_says(empty_graph: Runner, tmp_path: Path) -> None:
    result = load(empty_graph, MIXED, tmp_path)
    snap = snapshot(empty_graph)
    assert snap["nodes"] == NODES
    assert snap["relationships"] == RELS
    assert result.rows_rejected == 16 and result.rows_loaded == 34
    assert one(empty_graph, "MATCH (l:Load {load_id: $id}) RETURN l.status", id=result.load_id) == "complete"
    # provenance on every node and relationship written by the load
    assert one(empty_graph, "MATCH (n) WHERE NOT n:Load AND NOT n:Derived AND (n.source_file IS NULL OR n.source_row IS NULL "
               "OR n.load_id IS NULL OR n.first_load_id IS NULL) RETURN count(n)") == 0
    assert one(empty_graph, "MATCH ()-[r]->() WHERE r.source_file IS NULL OR r.source_row IS NULL "
               "OR r.load_id IS NULL OR r.first_load_id IS NULL RETURN count(r)") == 0


def test_values_are_normalised_and_typed(empty_graph: Runner, tmp_path: Path) -> None:
    load(empty_graph, MIXED, tmp_path)
    call = empty_graph.read("MATCH (c:Call {call_id: 'C-0001'})-[:HANDLED_BY]->(a:Agency) RETURN c, a.agency_id AS a",
                            name="test.call").rows[0]
    c = call["c"]
    assert (c["received_at"], c["weapon"], c["injury"], "child_present" in c, call["a"]) == (
        datetime(2023, 3, 2, 14, 5), False, True, False, "P-JJ-01")
    assert c["summary"] == '남편이 폭행, "도와달라"' and (c["source_file"], c["source_row"]) == ("calls.csv", 2)
    assert one(empty_graph, "MATCH (c:Call {call_id: 'C-0003'}) RETURN c.summary") == "여러 줄\n내용"
    assert one(empty_graph, "MATCH (c:Call {call_id: 'C-0004'}) RETURN c.received_at") == datetime(2023, 3, 5, 12, 0)
    victim = empty_graph.read(
        "MATCH (p:PersonRecord)-[r:INVOLVED_IN]->(:Call {call_id: 'C-0002'}) RETURN p, r.role AS role, "
        "r.relation_to_victim AS rel ORDER BY role DESC", name="test.persons").rows
    assert [(r["role"], r["rel"], r["p"]["name"], r["p"]["name_norm"], r["p"]["birth_date"], r["p"]["sex"],
             r["p"]["phone"]) for r in victim] == [
        ("victim", None, "이○희", "이*희", date(1990, 1, 1), "F", "010****5678"),
        ("suspect", "ex_partner", "Kim Minsu", "KIM MINSU", date(1991, 2, 3), "M", "01099998888")]
    witnesses = one(empty_graph, "MATCH (p:PersonRecord)-[:INVOLVED_IN {role: 'child_witness'}]->"
                    "(:Call {call_id: 'C-0003'}) RETURN count(p)")
    assert witnesses == 2                               # two identical rows are two people, not one
    year_only = empty_graph.read("MATCH (p:PersonRecord {record_id: 'council_cases:CC-01:offender'}) "
                                 "RETURN p.birth_date AS d, p.birth_year AS y, p.birth_raw AS raw", name="t").rows[0]
    assert year_only == {"d": None, "y": 1983, "raw": "1983"}
    measure = empty_graph.read("MATCH (m:CouncilMeasure {measure_id: 'CM-02'})-[:FOR_CASE]->(c:CouncilCase) "
                               "RETURN m.start_date AS s, m.due_date AS d, m.done_date AS done, c.case_id AS case",
                               name="t").rows[0]
    assert measure == {"s": date(2023, 3, 21), "d": date(2023, 4, 30), "done": date(2023, 4, 24), "case": "CC-01"}
    risk = empty_graph.read("MATCH (r:RiskAssessment {assessment_id: 'RA-002'}) RETURN r.item_1 AS i1, "
                            "r.item_3 AS i3, r.items_yes AS yes, r.grade AS g", name="t").rows[0]
    assert risk == {"i1": True, "i3": None, "yes": 2, "g": "매우높음"}
    roles = empty_graph.read("MATCH (p)-[s:SUBJECT_OF]->(sv:Service) RETURN sv.service_key AS k, s.role AS role "
                             "ORDER BY k", name="t").rows
    assert [(r["k"], r["role"]) for r in roles] == [("C-JJ-01/SV-1", "offender"), ("C-JJ-01/SV-3", "family"),
                                                     ("S-JJ-01/SV-1", "victim"), ("S-JJ-01/SV-2", "victim")]
    attended = one(empty_graph, "MATCH (a:Agency)-[:ATTENDED]->(:CouncilCase {case_id: 'CC-02'}) "
                   "RETURN collect(a.agency_id)")
    assert sorted(attended) == ["A-JJ-01", "S-JJ-01"]


def test_injection_strings_are_stored_as_plain_text(empty_graph: Runner, tmp_path: Path) -> None:
    load(empty_graph, MIXED, tmp_path)
    assert one(empty_graph, "MATCH (p:PersonRecord {record_id: 'services:C-JJ-01/SV-3'}) RETURN p.name") == \
        "'}) DETACH DELETE n //"
    assert one(empty_graph, "MATCH (s:Service {service_key: 'C-JJ-01/SV-3'}) RETURN s.description") == \
        '=HYPERLINK("http://x","y")'
    assert snapshot(empty_graph)["nodes"] == NODES       # nothing was deleted by the "fragment"


def test_loading_twice_changes_nothing(empty_graph: Runner, tmp_path: Path) -> None:
    first = load(empty_graph, MIXED, tmp_path)
    before = snapshot(empty_graph)
    second = load(empty_graph, MIXED, tmp_path)
    after = snapshot(empty_graph)
    assert second.load_id == first.load_id
    assert after["lines"] == before["lines"]             # counts, keys and every property value
    assert sum(s.nodes_created + s.relationships_created for s in second.stats) == 0
    assert one(empty_graph, "MATCH (l:Load) RETURN count(l)") == 1


def test_a_later_bundle_updates_and_never_duplicates(empty_graph: Runner, tmp_path: Path, bundle: Path) -> None:
    first = load(empty_graph, MIXED, tmp_path)
    calls = (bundle / "calls.csv").read_bytes().decode("cp949")
    calls = calls.replace("C-0001,2023-03-02 14:05,가정폭력,C1,", "C-0001,2023-03-02 14:05,가정폭력,C0,")
    calls = calls.replace(",P-JJ-01,현장종결,N,Y,,", ",P-JJ-02,형사입건,Y,Y,N,", 1)
    (bundle / "calls.csv").write_bytes(calls.encode("cp949"))
    second = load(empty_graph, bundle, tmp_path)
    assert second.load_id != first.load_id
    snap = snapshot(empty_graph)
    assert snap["nodes"] == NODES and snap["relationships"] == RELS
    row = empty_graph.read("MATCH (c:Call {call_id: 'C-0001'})-[:HANDLED_BY]->(a) RETURN c, collect(a.agency_id) AS a",
                           name="t").rows[0]
    assert (row["c"]["priority"], row["c"]["outcome"], row["c"]["weapon"], row["c"]["child_present"], row["a"]) == (
        "C0", "형사입건", True, False, ["P-JJ-02"])
    assert (row["c"]["first_load_id"], row["c"]["load_id"]) == (first.load_id, second.load_id)


def test_references_resolve_against_the_graph(empty_graph: Runner, tmp_path: Path) -> None:
    load(empty_graph, MIXED, tmp_path)
    later = tmp_path / "later"
    later.mkdir()
    (later / "call_persons.csv").write_text(
        "신고번호,역할,성명,생년월일,성별,연락처,주소,피해자와의관계\n"
        "C-0004,신고자,문지호,1970,남,,,지인\nC-7777,피해자,없는신고,1970,여,,,\n", encoding="utf-8")
    (later / "services.csv").write_text(
        "지원번호,기관코드,내부관리번호,지원일,대상자성명\nSV-9,S-JJ-01,H-9,2023-05-01,윤서연\n", encoding="utf-8")
    result = load(empty_graph, later, tmp_path)
    assert [(p.file, p.row, p.column) for p in result.problems] == [("call_persons", 3, "call_id")]
    assert one(empty_graph, "MATCH (:PersonRecord {name: '문지호'})-[:INVOLVED_IN]->(c:Call) RETURN c.call_id") == "C-0004"
    assert one(empty_graph, "MATCH (:Service {service_key: 'S-JJ-01/SV-9'})-[:BY_AGENCY]->(a) RETURN a.agency_id") \
        == "S-JJ-01"


def test_rollback_removes_what_a_load_created(empty_graph: Runner, tmp_path: Path, bundle: Path) -> None:
    load(empty_graph, MIXED, tmp_path)
    # the second load changes C-0001's priority, which rollback leaves (documented below), and so
    # the severity the summaries derive from it
    kept = ("load_id", "source_row", "priority", "severity")
    before = snapshot(empty_graph, exclude_props=kept)
    with (bundle / "calls.csv").open("ab") as fh:
        fh.write("C-0100,2023-06-01 10:00,스토킹,C2,제주시 연동,P-JJ-01,현장종결,N,N,N,\n".encode("cp949"))
    calls = (bundle / "calls.csv").read_bytes().decode("cp949").replace(",가정폭력,C1,", ",가정폭력,C0,", 1)
    (bundle / "calls.csv").write_bytes(calls.encode("cp949"))
    second = load(empty_graph, bundle, tmp_path)
    assert one(empty_graph, "MATCH (c:Call) RETURN count(c)") == 6
    res = rollback(empty_graph, second.load_id)
    assert (res.nodes_deleted, res.relationships_deleted) == (1, 1)      # C-0100 and its HANDLED_BY
    assert res.summaries.startswith("refreshed in")                      # deleted calls leave the summaries
    assert snapshot(empty_graph, exclude_props=kept)["lines"] == before["lines"]
    # documented: property updates to records an earlier load created are not undone
    assert one(empty_graph, "MATCH (c:Call {call_id: 'C-0001'}) RETURN c.priority") == "C0"
    assert one(empty_graph, "MATCH (l:Load {load_id: $id}) RETURN l.status", id=second.load_id) == "rolled_back"


def test_a_bad_file_means_nothing_is_written(empty_graph: Runner, tmp_path: Path, bundle: Path) -> None:
    (bundle / "services.csv").write_text("지원번호,대상자성명\nS-1,김영희\n", encoding="utf-8")
    with pytest.raises(BundleError, match="services.csv: 필수 열이 없습니다: 기관코드\\(agency_id\\), 지원일\\(date\\)"):
        load(empty_graph, bundle, tmp_path)
    assert one(empty_graph, "MATCH (n) RETURN count(n)") == 0


def jss(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True,
                          env={**os.environ}, timeout=300)


def test_cli_load_dry_run_and_errors(empty_graph: Runner, tmp_path: Path, bundle: Path) -> None:
    dry = jss("load", str(MIXED), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "calls 6행 received_at: bad_date" in dry.stdout and "합계" in dry.stdout
    assert one(empty_graph, "MATCH (n) RETURN count(n)") == 0
    rejects = tmp_path / "r.csv"
    done = jss("load", str(MIXED), "--rejects", str(rejects), "--no-resolution")
    assert done.returncode == 0, done.stderr
    assert f"load_id={bundle_load_id(MIXED)}" in done.stdout
    assert "패턴 요약 (pattern summaries): refreshed in" in done.stdout   # no resolution: the load refreshes
    assert re.search(r"최대 메모리 \(peak RSS\): loader [\d,]+ MB", done.stdout)
    assert len(rejects.read_text(encoding="utf-8-sig").splitlines()) == 17
    assert one(empty_graph, "MATCH (c:Call) RETURN count(c)") == 5
    (bundle / "calls.csv").write_bytes(b"\x81\xff\xfegarbage" * 20)
    bad = jss("load", str(bundle))
    assert bad.returncode == 1
    assert "calls.csv: 인코딩을 알 수 없습니다" in bad.stderr and "Traceback" not in bad.stderr
