"""Corrupted bundles: every corruption ends in a clear whole-bundle error (naming the file, with
nothing written) or in a load with rejects — never a crash, never half a bundle — and hostile
strings are stored as plain text."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from graph.errors import JSSError
from graph.runner import Runner
from loaders.bundle import load_bundle
from loaders.validate import BundleError

MIXED = Path(__file__).resolve().parents[1] / "fixtures" / "bundles" / "mixed"
HOSTILE = ["'}) DETACH DELETE n //", "=HYPERLINK(\"http://evil\",\"클릭\")", "+SUM(A1:A9)", "@cmd", "\"; MATCH (n) //",
           "$load_id", "${rows}", "<script>alert(1)</script>", "\u202e역방향", "x\u0000y".replace("\u0000", "")]


def count(runner: Runner) -> int:
    """Nodes the loader wrote (summaries, label Derived, are not loaded data)."""
    return runner.read_value("MATCH (n) WHERE NOT n:Derived RETURN count(n)", name="test.count")


def outcome(runner: Runner, bundle: Path, tmp: Path) -> str:
    """'error' (and the graph is untouched) or 'loaded' (and the Load is complete)."""
    try:
        result = load_bundle(bundle, runner, rejects=tmp / "rejects.csv", run_resolution=False)
    except BundleError as exc:
        assert count(runner) == 0, "a failed bundle wrote something"
        assert any(part.split(":")[0].endswith((".csv", ".xlsx", ".yaml")) for part in exc.problems), exc.problems
        return "error"
    status = runner.read_value("MATCH (l:Load {load_id: $id}) RETURN l.status", {"id": result.load_id}, name="t")
    assert status == "complete"
    for p in result.problems:
        assert p.file and p.row >= 2 and p.reason
    return "loaded"


@pytest.fixture()
def bundle(tmp_path: Path) -> Path:
    out = tmp_path / "b"
    shutil.copytree(MIXED, out)
    return out


def corrupt_truncate(b: Path) -> None:
    data = (b / "calls.csv").read_bytes()
    (b / "calls.csv").write_bytes(data[: len(data) * 2 // 3])


def corrupt_garbage(b: Path) -> None:
    with (b / "call_persons.csv").open("ab") as fh:
        fh.write(bytes(random.Random(1).randrange(256) for _ in range(400)))


def corrupt_binary(b: Path) -> None:
    with (b / "calls.csv").open("ab") as fh:
        fh.write(b"\x00\x01\x02PK\x03\x04" + bytes(range(256)))


def corrupt_nul(b: Path) -> None:
    (b / "services.csv").write_bytes((b / "services.csv").read_bytes().replace(b"SV-3", b"SV\x00-3"))


def corrupt_duplicate_header(b: Path) -> None:
    text = (b / "council_cases.csv").read_text(encoding="utf-8").replace("가해자성명", "피해자성명", 1)
    (b / "council_cases.csv").write_text(text, encoding="utf-8")


def corrupt_huge_field(b: Path) -> None:
    with (b / "police_measures.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"PM-900,,2023-03-20,신변보호,{'김' * 2_000_000},1985,\n")


def corrupt_field_over_the_csv_limit(b: Path) -> None:
    # Unreadable as CSV only at its last row, in a file loaded late: the load writes each file as
    # soon as it is validated, so this must be found before the first write (`prescan`).
    with (b / "services.csv").open("a", encoding="utf-8") as fh:
        fh.write('SV-999,"' + "x" * (65 * 1024 * 1024) + '"\n')


def corrupt_wrong_encoding(b: Path) -> None:
    # UTF-16 without a BOM: neither UTF-8 nor CP949 can read it.
    text = (b / "agencies.csv").read_text(encoding="utf-8-sig")
    (b / "agencies.csv").write_bytes(text.encode("utf-16-le"))


def corrupt_xlsx_that_is_csv(b: Path) -> None:
    shutil.copy(b / "council_cases.csv", b / "council_measures.xlsx")


def corrupt_header_only(b: Path) -> None:
    (b / "calls.csv").write_bytes((b / "calls.csv").read_bytes().split(b"\n")[0] + b"\n")


@pytest.mark.parametrize(("corrupt", "expected", "message"), [
    (corrupt_truncate, "loaded", None),
    (corrupt_garbage, "loaded", None),                 # decodes as CP949 noise: one bad row, rejected
    (corrupt_binary, "error", "calls.csv"),
    (corrupt_nul, "error", "services.csv"),
    (corrupt_duplicate_header, "error", "council_cases.csv"),
    (corrupt_huge_field, "loaded", None),
    (corrupt_field_over_the_csv_limit, "error", "services.csv"),
    (corrupt_wrong_encoding, "error", "agencies.csv"),
    (corrupt_xlsx_that_is_csv, "error", "council_measures.xlsx"),
    (corrupt_header_only, "loaded", None),
])
def test_corruptions(empty_graph: Runner, tmp_path: Path, bundle: Path, corrupt, expected: str,
                     message: str | None) -> None:
    corrupt(bundle)
    if message:
        with pytest.raises(BundleError, match=message.replace(".", r"\.")):
            load_bundle(bundle, empty_graph, rejects=tmp_path / "r.csv", run_resolution=False)
    assert outcome(empty_graph, bundle, tmp_path) == expected


def test_damaged_rows_are_rejected_with_reasons(empty_graph: Runner, tmp_path: Path, bundle: Path) -> None:
    corrupt_huge_field(bundle)
    corrupt_garbage(bundle)
    corrupt_truncate(bundle)
    result = load_bundle(bundle, empty_graph, rejects=tmp_path / "r.csv", run_resolution=False)
    assert [(p.row, p.reason.split(":")[0]) for p in result.problems if p.file == "call_persons"][-1] == \
        (14, "field_count")
    calls = [(p.row, p.reason.split(":")[0]) for p in result.problems if p.file == "calls"]
    assert calls[-1][1] == "field_count"                   # the row cut off by the truncation
    huge = [p for p in result.problems if p.file == "police_measures" and p.row == 7]
    assert [p.reason.split(":")[0] for p in huge] == ["too_long"]
    assert len(huge[0].value) < 300                          # the report quotes, it does not copy


@pytest.mark.parametrize("seed", range(8))
def test_random_byte_damage_never_crashes_or_half_loads(empty_graph: Runner, tmp_path: Path, bundle: Path,
                                                        seed: int) -> None:
    rng = random.Random(seed)
    target = rng.choice(sorted(p for p in bundle.iterdir() if p.suffix == ".csv"))
    data = bytearray(target.read_bytes())
    for _ in range(rng.randint(1, 12)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    if rng.random() < 0.5:
        del data[rng.randrange(len(data)):]
    target.write_bytes(bytes(data))
    try:
        outcome(empty_graph, bundle, tmp_path)
    except JSSError as exc:  # pragma: no cover - any other project error is a bug in the loaders
        pytest.fail(f"unexpected {type(exc).__name__}: {exc}")


def test_hostile_strings_are_stored_as_plain_text(empty_graph: Runner, tmp_path: Path) -> None:
    b = tmp_path / "hostile"
    b.mkdir()
    shutil.copy(MIXED / "agencies.csv", b / "agencies.csv")
    lines = ["신고번호,접수일시,사건종별,긴급도,발생주소,관할관서,처리결과,흉기사용,상해,아동동석,내용"]
    persons = ["신고번호,역할,성명,생년월일,성별,연락처,주소,피해자와의관계"]
    for i, s in enumerate(HOSTILE):
        q = '"' + s.replace('"', '""') + '"'
        lines.append(f"H-{i},2023-03-02 10:00,기타,C4,{q},P-JJ-01,기타,N,N,N,{q}")
        persons.append(f"H-{i},피해자,{q},1985,여,,{q},")
    (b / "calls.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (b / "call_persons.csv").write_text("\n".join(persons) + "\n", encoding="utf-8")
    result = load_bundle(b, empty_graph, rejects=tmp_path / "r.csv", run_resolution=False)
    assert result.problems == []
    rows = empty_graph.read("MATCH (p:PersonRecord)-[:INVOLVED_IN]->(c:Call) RETURN c.call_id AS id, "
                            "c.summary AS summary, p.name AS name, p.address AS address ORDER BY id",
                            name="t").rows
    got = {r["id"]: (r["summary"], r["name"], r["address"]) for r in rows}
    assert got == {f"H-{i}": (s.strip(), s.strip(), s.strip()) for i, s in enumerate(HOSTILE)}
    assert count(empty_graph) == len(HOSTILE) * 2 + 6 + 1      # calls, persons, agencies, the Load
