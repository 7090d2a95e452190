"""`jss db install`: which Maven repository it resolves through, and that only a complete copy of
the jars becomes `lib`. A stand-in `mvn` on the PATH records its arguments (Maven Central itself
is exercised by every fresh checkout's bootstrap)."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from graph import errors
from graph.server import LocalServer
from graph.settings import Settings, load_settings

FAKE_MVN = """#!/bin/sh
printf '%s\\n' "$@" > "{log}"
out=""
for a in "$@"; do case "$a" in -DoutputDirectory=*) out="${{a#-DoutputDirectory=}}";; esac; done
mkdir -p "$out"
touch "$out/neo4j-$JSS_FAKE_VERSION.jar"
exit {code}
"""


def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, **env: str) -> tuple[Settings, Path]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "mvn-args.txt"
    mvn = bin_dir / "mvn"
    mvn.write_text(FAKE_MVN.format(log=log, code=code), encoding="utf-8")
    mvn.chmod(mvn.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    settings = replace(load_settings(), neo4j_dist_dir=tmp_path / "dist")
    monkeypatch.setenv("JSS_FAKE_VERSION", settings.neo4j_version)
    return settings, log


def test_install_resolves_through_the_shared_maven_repository_by_default(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JSS_MAVEN_REPO", raising=False)
    settings, log = _settings(tmp_path, monkeypatch, 0)
    server = LocalServer(settings)
    server.install(echo=lambda *_: None)
    args = log.read_text(encoding="utf-8").splitlines()
    assert f"-Dmaven.repo.local={Path.home() / '.m2' / 'repository'}" in args
    assert server.installed() and not (server.dist / "lib.partial").exists()


def test_install_uses_the_configured_repository_and_keeps_no_partial_lib(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "m2"
    settings, log = _settings(tmp_path, monkeypatch, 1, JSS_MAVEN_REPO=str(repo))
    assert settings.maven_repo == repo
    server = LocalServer(settings)
    with pytest.raises(errors.ServerError, match="Maven could not resolve"):
        server.install(echo=lambda *_: None)
    assert f"-Dmaven.repo.local={repo}" in log.read_text(encoding="utf-8").splitlines()
    assert not server.installed()          # a failed download never becomes `lib`
