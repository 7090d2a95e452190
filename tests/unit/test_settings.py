from pathlib import Path

import pytest

from graph.settings import Settings, SettingsError, describe_settings, load_settings

DOCS = Path(__file__).resolve().parents[2] / "docs" / "settings.md"


def test_every_setting_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [s["env"] for s in describe_settings() if f"`{s['env']}`" not in text]
    assert missing == [], f"settings missing from docs/settings.md: {missing}"


def test_documented_settings_exist() -> None:
    import re

    text = DOCS.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([A-Z0-9_]+)`", text, re.M))
    known = {s["env"] for s in describe_settings()}
    assert documented - known == set(), "docs/settings.md lists settings the code does not have"


def test_types_are_converted_from_the_environment(tmp_path) -> None:
    s = load_settings({"JSS_NEO4J_BOLT_PORT": "7999", "JSS_QUERY_TIMEOUT": "2.5", "JSS_DATA_DIR": str(tmp_path)})
    assert (s.neo4j_bolt_port, s.query_timeout_s, s.data_dir) == (7999, 2.5, tmp_path.resolve())
    assert s.bolt_uri == "bolt://127.0.0.1:7999"


def test_bad_value_names_the_variable() -> None:
    with pytest.raises(SettingsError, match="JSS_ROW_CAP"):
        load_settings({"JSS_ROW_CAP": "lots"})


def test_external_uri_disables_local_server() -> None:
    s = load_settings({"NEO4J_URI": "neo4j://db:7687", "NEO4J_PASSWORD": "x"})
    assert not s.uses_local_server and s.bolt_uri == "neo4j://db:7687" and s.password() == "x"


def test_local_password_comes_from_the_generated_file(tmp_path) -> None:
    (tmp_path / "neo4j-password").write_text("generated\n")
    assert load_settings({"JSS_DATA_DIR": str(tmp_path)}).password() == "generated"
    assert Settings(data_dir=tmp_path / "none").password() == ""


def test_yes_no_settings_read_the_usual_words() -> None:
    assert load_settings({"JSS_NEO4J_CLASS_ARCHIVE": "0"}).neo4j_class_archive is False
    assert load_settings({"JSS_NEO4J_CLASS_ARCHIVE": "Yes"}).neo4j_class_archive is True
    assert load_settings({}).neo4j_class_archive is True
    with pytest.raises(SettingsError, match="JSS_NEO4J_CLASS_ARCHIVE"):
        load_settings({"JSS_NEO4J_CLASS_ARCHIVE": "sometimes"})
