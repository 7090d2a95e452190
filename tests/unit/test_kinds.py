"""Every column a read query returns, and every property of every node label, declares its kind
(auth/kinds.py): the data gate masks by these declarations and refuses what is undeclared."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auth import kinds
from graph.cypher_files import KIND_WORDS, parse_cypher_file
from graph.errors import CatalogueError

REPO = Path(__file__).resolve().parents[2]
READ_FILES = sorted([*(REPO / "queries").glob("*.cypher"), *(REPO / "queries" / "app").glob("*.cypher")])

_LEXEMES = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ALIAS = re.compile(r"\bAS\s+([A-Za-z_][A-Za-z0-9_]*)\s*$", re.I)
_END = re.compile(r"\b(ORDER\s+BY|SKIP|LIMIT|UNION)\b", re.I)


def _blank(text: str) -> str:
    """Strings and comments replaced by same-length filler, so positions and nesting stay."""
    return _LEXEMES.sub(lambda m: " " * len(m.group()) if m.group().startswith("/") else "'" + "x" * (len(m.group()) - 2) + "'", text)


def _depths(code: str) -> list[int]:
    depth, out = 0, []
    for ch in code:
        if ch in ")]}":
            depth -= 1
        out.append(depth)
        if ch in "([{":
            depth += 1
    return out


def final_return_aliases(text: str) -> list[str]:
    """The column names of a query's last top-level RETURN (its alias, or the bare variable)."""
    code = _blank(text)
    depth = _depths(code)
    starts = [m.end() for m in re.finditer(r"\bRETURN\b", code, re.I) if depth[m.start()] == 0]
    assert starts, "no top-level RETURN"
    start = starts[-1]
    end = next((m.start() for m in _END.finditer(code, start) if depth[m.start()] == 0), len(code))
    items, last = [], start
    for i in range(start, end):
        if code[i] == "," and depth[i] == 0:
            items.append(code[last:i])
            last = i + 1
    items.append(code[last:end])
    names = []
    for item in items:
        item = re.sub(r"^\s*DISTINCT\s+", "", item.strip(), flags=re.I)
        m = _ALIAS.search(item)
        if m:
            names.append(m.group(1))
        else:
            assert _IDENT.match(item), f"cannot name the column {item!r}"
            names.append(item)
    return names


def test_the_return_parser() -> None:
    text = ("MATCH (n) CALL (n) { RETURN n AS inner } WITH n // RETURN nope AS x\n"
            "RETURN DISTINCT n.a AS a, COLLECT { MATCH (m) RETURN m.b AS b } AS bs, 'x, y' AS c, total\n"
            "ORDER BY a LIMIT 3")
    assert final_return_aliases(text) == ["a", "bs", "c", "total"]


@pytest.mark.parametrize("path", READ_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_read_query_declares_every_column(path: Path) -> None:
    q = parse_cypher_file(path)
    if q.mode != "read":
        return
    declared = kinds.query_kinds(q)
    returned = final_return_aliases(q.text)
    missing = [c for c in returned if c not in declared]
    assert not missing, f"{path.name}: no kind declared for returned column(s) {missing}"
    stale = [c for c in declared if c not in returned]
    assert not stale, f"{path.name}: kinds declared for column(s) the query does not return: {stale}"
    listed = [c for c in (q.extra.get("columns") or {}) if c not in declared]
    assert not listed, f"{path.name}: columns without a kind: {listed}"


def test_read_queries_exist() -> None:
    assert len([p for p in READ_FILES if parse_cypher_file(p).mode == "read"]) >= 30


def _write(tmp_path: Path, kinds_block: str, columns: str = "") -> Path:
    path = tmp_path / "bad.cypher"
    path.write_text("// title: T\n// description: D\n// mode: read\n" + columns + kinds_block
                    + "MATCH (p:Person) RETURN p.name AS name, {a: 1} AS m\n", encoding="utf-8")
    return path


def test_a_kind_outside_the_vocabulary_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"bad\.cypher.*column name.*'personal'"):
        parse_cypher_file(_write(tmp_path, "// kinds:\n//   name: personal\n//   m: {a: number}\n"))


def test_a_nested_kind_outside_the_vocabulary_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"bad\.cypher: kinds\.m: column a has kind 'count'"):
        parse_cypher_file(_write(tmp_path, "// kinds:\n//   name: name\n//   m: {a: count}\n"))


def test_kinds_must_be_a_mapping(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"bad\.cypher: kinds must be a non-empty mapping"):
        parse_cypher_file(_write(tmp_path, "// kinds: name\n"))


def test_a_listed_column_without_a_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError, match=r"bad\.cypher: kinds declares no kind for column\(s\) m"):
        parse_cypher_file(_write(tmp_path, "// kinds:\n//   name: name\n",
                                 columns="// columns:\n//   name: Name\n//   m: A map\n"))


def test_declared_kinds_are_read_back(tmp_path: Path) -> None:
    q = parse_cypher_file(_write(tmp_path, "// kinds:\n//   name: name\n//   m: {a: number}\n"))
    assert kinds.query_kinds(q) == {"name": "name", "m": {"a": "number"}}


def test_the_vocabulary() -> None:
    words = {kinds.NAME, kinds.BIRTH, kinds.PHONE, kinds.ADDRESS, kinds.TEXT, kinds.ID, kinds.CODE, kinds.DATE,
             kinds.NUMBER, kinds.AGENCY, kinds.SECRET, kinds.NODE, kinds.PROPS}
    assert words == set(kinds.VOCABULARY) == set(KIND_WORDS)
    assert set(kinds.STRICTNESS) == set(KIND_WORDS) - {kinds.NODE, kinds.PROPS}


def test_property_kinds_use_only_scalar_words() -> None:
    for label, props in kinds.PROPERTY_KINDS.items():
        for prop, kind in props.items():
            assert kind in kinds.STRICTNESS, f"{label}.{prop}: {kind!r}"


def test_property_kind() -> None:
    pk = kinds.property_kind
    assert pk("RiskAssessment", "item_17") == "code"
    assert pk("RiskAssessment", "item_1") == "code"
    assert pk("RiskAssessment", "item_0") is None and pk("RiskAssessment", "item_x") is None
    assert pk("Call", "item_17") is None                   # the family belongs to RiskAssessment
    assert pk("Person", "name") == "name" and pk("PersonRecord", "birth_raw") == "birth"
    assert pk("Agency", "name") == "agency" and pk("Agency", "phone") == "agency"
    assert pk("PersonRecord", "phone_sealed") == "secret" and pk("Address", "address_key") == "secret"
    assert pk("Call", "summary") == "text" and pk("Service", "client_ref") == "text"
    assert pk("Person", "birth_year") == "number"
    assert pk("Call", "source_row") == "number" and pk("Service", "load_id") == "code"
    assert pk("Person", "no_such_property") is None and pk("NoSuchLabel", "name") is None and pk(None, "x") is None
    # several labels: the strictest any of them declares
    assert pk(["Derived", "DerivedSummary"], "name") == "name"
    assert pk(["Agency", "Person"], "name") == "name"
    assert pk(["Derived", "PatternRow", "RepeatVictimsRow"], "search_named") == "secret"


def test_stricter() -> None:
    assert kinds.stricter("code", "name") == "name"
    assert kinds.stricter("address", "text") == "text"
    assert kinds.stricter("secret", "id") == "secret"
    assert kinds.stricter({"a": "id"}, {"a": "phone", "b": "code"}) == {"a": "phone", "b": "code"}
    assert kinds.stricter({"a": "id"}, "id") == "secret"


def test_pattern_rows_have_their_query_kinds() -> None:
    from derived import tables

    assert kinds.PATTERN_TABLES == tables.TABLES
    assert set(kinds.PATTERN_ROW_EXTRA) == tables.RESERVED
    for name in tables.TABLES:
        label = tables.row_label(name)
        assert kinds.row_label(name) == label
        q = parse_cypher_file(REPO / "queries" / f"{name}.cypher")
        assert kinds.PROPERTY_KINDS[label] == {**kinds.query_kinds(q), **kinds.PATTERN_ROW_EXTRA}
        for col, kind in kinds.query_kinds(q).items():
            assert kinds.property_kind("PatternRow", col) == kind
            assert kinds.property_kind("Derived", col) in {kind, kinds.stricter(kind, "code")}


def test_pattern_pages_declare_the_rows_as_stored() -> None:
    """The app's pattern page queries return PatternRow properties: their `rows` kinds are exactly
    the stored rows' kinds, so a new pattern column is declared in one place (its query)."""
    for name in ("pattern_page", "pattern_rows", "pattern_sorted", "pattern_walk"):
        q = parse_cypher_file(REPO / "queries" / "app" / f"{name}.cypher")
        assert kinds.query_kinds(q)["rows"] == kinds.PROPERTY_KINDS["PatternRow"], name


def test_node_maps_agree_with_the_property_kinds() -> None:
    """Where a query returns a node's properties as a map, the map's kinds are the label's."""
    q = parse_cypher_file(REPO / "queries" / "app" / "case_map_elements.cypher")
    assert kinds.query_kinds(q)["case"] == kinds.PROPERTY_KINDS["CouncilCase"]
    for path in READ_FILES:
        for col, kind in kinds.query_kinds(parse_cypher_file(path)).items():
            if isinstance(kind, dict) and col.endswith("_props"):   # household_network / case_map
                for prop, k in kind.items():
                    by_label = {kinds.property_kind(lab, prop) for lab in
                                ("Person", "Call", "Service", "PoliceMeasure", "RiskAssessment", "CouncilCase",
                                 "CouncilMeasure", "Agency", "Address")} - {None}
                    assert by_label, f"{path.name}: {col}.{prop} is no property of a shown label"
                    strictest = k
                    for other in by_label:
                        strictest = kinds.stricter(strictest, other)
                    assert strictest == k, f"{path.name}: {col}.{prop} is {k}, a label declares {by_label}"
