from pathlib import Path

import pytest

from graph.cypher_files import load_directory, parse_cypher_file, split_statements, used_parameters
from graph.errors import CatalogueError

GOOD = """// title: Repeat victims
// description: People who were the victim in several calls.
// mode: read
// params:
//   window_days: {type: int, default: 365, description: window length}
//   min_calls: {type: int, default: 2}
MATCH (p:Person) WHERE p.x > $min_calls AND p.y < $window_days
RETURN p.name AS name, '$not_a_param' AS s // $nor_this
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_and_params_are_parsed(tmp_path) -> None:
    q = parse_cypher_file(write(tmp_path, "repeat_victims.cypher", GOOD))
    assert (q.name, q.title, q.mode) == ("repeat_victims", "Repeat victims", "read")
    assert [(p.name, p.type, p.default) for p in q.params] == [("window_days", "int", 365), ("min_calls", "int", 2)]
    assert q.bind({"min_calls": "3"}) == {"window_days": 365, "min_calls": 3}
    with pytest.raises(CatalogueError, match="no parameter"):
        q.bind({"other": 1})


def test_params_in_strings_and_comments_are_not_used() -> None:
    assert used_parameters("RETURN $a, '$b', \"$c\" // $d\n /* $e */ + $f") == {"a", "f"}
    # an apostrophe in a comment opens no string; '//' in a string starts no comment
    assert used_parameters("// the table's rows\nRETURN 'x' + $a // it's\n, 'http://$b' + $c") == {"a", "c"}


def test_undeclared_param_is_an_error(tmp_path) -> None:
    bad = GOOD.replace("$min_calls", "$minimum")
    with pytest.raises(CatalogueError, match="minimum"):
        parse_cypher_file(write(tmp_path, "bad.cypher", bad))


def test_missing_header_key_is_an_error(tmp_path) -> None:
    with pytest.raises(CatalogueError, match="title"):
        parse_cypher_file(write(tmp_path, "bad.cypher", "// mode: read\n// description: x\nRETURN 1"))


def test_directory_and_statements(tmp_path) -> None:
    write(tmp_path, "a.cypher", GOOD)
    assert list(load_directory(tmp_path)) == ["a"]
    assert split_statements("// c\nCREATE INDEX a;\n\nCREATE INDEX b;") == ["CREATE INDEX a", "CREATE INDEX b"]


def test_every_named_query_file_of_the_project_parses() -> None:
    """A header that is not valid YAML (a colon in a description) only failed when the query
    was first run; every directory of named queries is parsed here."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    # graph/schema.cypher is a script of schema statements, not a named query
    folders = sorted({p.parent for p in root.glob("*/**/*.cypher")
                      if not {".venv", ".data", "tests", "bench", "graph"} & set(p.relative_to(root).parts)})
    assert len(folders) >= 6
    for folder in folders:
        assert load_directory(folder), folder
