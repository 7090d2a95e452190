"""A call's 경도/위도 through both load paths into the real Neo4j: every form of the data contract
(WGS84 degrees, UTM-K metres with and without thousands separators, empty, one value only, outside
Korea, swapped) in a hand-written bundle, stored as WGS-84 points on `Call.location` within 1 m of
the place; bad pairs noted in the rejects file without rejecting the call; a reload that changes
nothing; an export without the columns loaded as before; a call at a shelter stored without its
point; and `jss load --bulk` giving the same graph."""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import pytest

from graph.runner import Runner
from graph.sealing import PLACEHOLDER
from loaders.bulk import bulk_load
from loaders.bundle import load_bundle
from loaders.snapshot import snapshot
from tests.conftest import wipe

pytestmark = pytest.mark.preset_part   # about 100 s: the rest part is the longer one

AGENCIES = "기관코드,기관명,기관유형,관할,연락처\nP-JJ-01,이도지구대,지구대·파출소,제주시,064-750-0000\n" \
           "SH-JJ-01,제주쉼터,보호시설,이도2동,064-700-0001\n"
SERVICES = "지원번호,기관코드,지원일,대상자성명,주소,지원분야\n" \
           "SV-1,SH-JJ-01,2023-01-10,김영희,제주특별자치도 제주시 신산로 77,주거·보호시설\n"
HEAD = "신고번호,접수일시,사건종별,긴급도,발생주소,관할관서,처리결과,흉기사용,상해,아동동석,내용"
# call id, address, 경도, 위도
CALLS = [
    ("C-01", "제주시 연삼로 100", "126.5312", "33.4996"),                 # row 2: WGS84
    ("C-02", "제주시 한림읍 한림로 329", "882780.76", "1489839.70"),       # row 3: UTM-K
    ("C-03", "제주시 구좌읍 일주동로 1", "935,421.5", "1,494,230.0"),      # row 4: UTM-K, grouped digits
    ("C-04", "제주시 연동 1", "", ""),                                    # row 5: no location
    ("C-05", "제주시 연동 2", "126.5312", ""),                           # row 6: one value only
    ("C-06", "제주시 연동 3", "139.6917", "35.6895"),                     # row 7: Tokyo
    ("C-07", "제주시 연동 4", "33.4996", "126.5312"),                     # row 8: swapped
    ("C-08", "제주시 신산로 77, 2층", "126.5400", "33.5000"),             # row 9: at the shelter
]
REJECTED = ("C-09", "제주시 연동 5", "0", "0")                            # row 10: bad date as well
EXPECTED = {"C-01": (126.5312, 33.4996), "C-02": (126.2396, 33.3938), "C-03": (126.8052534, 33.4378547)}
NOTES = [(6, "latitude", "location_one_value"), (7, "longitude/latitude", "location_outside_korea"),
         (8, "longitude/latitude", "location_swapped"), (10, "received_at", "bad_date"),
         (10, "longitude/latitude", "location_outside_korea")]


def _cells(call_id: str, address: str, lon: str | None, lat: str | None, when: str = "2023-03-02 14:05") -> list[str]:
    cells = [call_id, when, "가정폭력", "C1", address, "P-JJ-01", "현장종결", "N", "N", "N", ""]
    return cells if lon is None else [*cells, lon, lat]


def write_bundle(folder: Path, *, columns: str = "given") -> Path:
    """The bundle with 경도/위도 as listed (`given`), present but empty (`empty`) or absent (`absent`)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "agencies.csv").write_text(AGENCIES, encoding="utf-8")
    (folder / "services.csv").write_text(SERVICES, encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEAD.split(",") + ([] if columns == "absent" else ["경도", "위도"]))
    for (call_id, address, lon, lat), when in zip([*CALLS, REJECTED], ["2023-03-02 14:05"] * len(CALLS)
                                                  + ["2023-02-30 10:00"], strict=True):
        pair = {"given": (lon, lat), "empty": ("", ""), "absent": (None, None)}[columns]
        writer.writerow(_cells(call_id, address, *pair, when=when))
    (folder / "calls.csv").write_text(out.getvalue(), encoding="cp949")
    return folder


def locations(runner: Runner) -> dict[str, dict | None]:
    rows = runner.read("MATCH (c:Call) RETURN c.call_id AS id, c.location.longitude AS lon, "
                       "c.location.latitude AS lat, c.location.crs AS crs, c.address AS address",
                       name="test.call_locations").rows
    return {r["id"]: r for r in rows}


def metres_apart(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians(a[1])
    return math.hypot((a[0] - b[0]) * 111_412.84 * math.cos(lat), (a[1] - b[1]) * 110_946.0)


def rejects(path: Path) -> list[tuple[int, str, str]]:
    with path.open(encoding="utf-8-sig") as fh:
        return [(int(r["row"]), r["column"], r["reason"].split(":")[0]) for r in csv.DictReader(fh) if r["file"] == "calls"]


def test_every_form_is_stored_as_a_point_or_noted(empty_graph: Runner, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "coords")
    result = load_bundle(bundle, empty_graph, rejects=tmp_path / "rejects.csv", run_resolution=False)
    calls = next(s for s in result.stats if s.file == "calls.csv")
    assert (calls.rows_read, calls.rows_loaded, calls.rows_rejected) == (9, 8, 1)   # a bad pair rejects nothing
    assert calls.ignored_columns == []
    got = locations(empty_graph)
    assert sorted(got) == [c[0] for c in CALLS]
    for call_id, point in EXPECTED.items():
        assert got[call_id]["crs"] == "wgs-84"
        assert metres_apart((got[call_id]["lon"], got[call_id]["lat"]), point) < 0.01, call_id
    for call_id in ("C-04", "C-05", "C-06", "C-07", "C-08"):
        assert got[call_id]["lon"] is None, call_id
    # the shelter's place: address sealed, and the point not stored at all
    assert got["C-08"]["address"] == PLACEHOLDER
    assert empty_graph.read_value("MATCH (c:Call {call_id: 'C-08'}) RETURN keys(c)", name="test.keys").count(
        "location") == 0
    assert rejects(tmp_path / "rejects.csv") == NOTES
    # the point index is there, and a bounding-box query finds the calls in it
    index = empty_graph.read("SHOW INDEXES YIELD name, type, state WHERE name = 'call_location' "
                             "RETURN type, state", name="test.point_index").rows
    assert index == [{"type": "POINT", "state": "ONLINE"}]
    west = empty_graph.read_value(
        "MATCH (c:Call) WHERE point.withinBBox(c.location, point({longitude: 126.1, latitude: 33.2}), "
        "point({longitude: 126.4, latitude: 33.5})) RETURN collect(c.call_id)", name="test.bbox")
    assert west == ["C-02"]


def test_a_reload_changes_nothing(empty_graph: Runner, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "coords")
    load_bundle(bundle, empty_graph, rejects=tmp_path / "r1.csv", run_resolution=False)
    before = snapshot(empty_graph)
    second = load_bundle(bundle, empty_graph, rejects=tmp_path / "r2.csv", run_resolution=False)
    assert snapshot(empty_graph)["lines"] == before["lines"]
    assert sum(s.nodes_created + s.relationships_created for s in second.stats) == 0
    assert any("WGS84Point" in line for line in before["lines"])          # the points were compared too


def test_an_export_without_the_columns_loads_as_before(empty_graph: Runner, tmp_path: Path) -> None:
    """Older exports lack 경도/위도: their calls load without a location and without a note, exactly
    as the same export with the two columns left empty."""
    load_bundle(write_bundle(tmp_path / "absent", columns="absent"), empty_graph, rejects=tmp_path / "r1.csv",
                run_resolution=False)
    absent = snapshot(empty_graph, exclude_props=("load_id", "first_load_id"))
    assert not any("location" in line for line in absent["lines"])
    assert rejects(tmp_path / "r1.csv") == [(10, "received_at", "bad_date")]
    wipe(empty_graph)
    load_bundle(write_bundle(tmp_path / "empty", columns="empty"), empty_graph, rejects=tmp_path / "r2.csv",
                run_resolution=False)
    assert snapshot(empty_graph, exclude_props=("load_id", "first_load_id"))["lines"] == absent["lines"]


def test_bulk_import_stores_the_same_points(empty_graph: Runner, tmp_path: Path) -> None:
    """`jss load --bulk` writes the points as `location:point{crs:WGS-84}` import columns: the graph,
    points included (as Neo4j's point type), is the one a normal load makes."""
    from tests.integration.test_load_bulk import LOAD_CLOCK, dump

    bundle = write_bundle(tmp_path / "coords")
    load_bundle(bundle, empty_graph, rejects=tmp_path / "normal.csv", run_resolution=False)
    expected = dump(empty_graph, LOAD_CLOCK | {"resolution"})
    wipe(empty_graph)
    bulk_load(bundle, empty_graph, rejects=tmp_path / "bulk.csv", work_dir=tmp_path, run_resolution=False,
              echo=lambda *_: None)
    got = dump(empty_graph, LOAD_CLOCK | {"resolution"})
    assert sum('"WGS84Point"' in n for n in got["nodes"]) == 3
    assert got == expected
    assert (tmp_path / "bulk.csv").read_text(encoding="utf-8") == (tmp_path / "normal.csv").read_text(encoding="utf-8")
