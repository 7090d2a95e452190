"""docker-compose.yml cannot run here (no Docker engine); check what it promises."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_services_image_and_ports() -> None:
    services = COMPOSE["services"]
    assert set(services) == {"neo4j", "app"}
    assert services["neo4j"]["image"] == "neo4j:5.26-community"
    assert "127.0.0.1:7687:7687" in services["neo4j"]["ports"]
    assert "127.0.0.1:8050:8050" in services["app"]["ports"]
    assert "app:server" in services["app"]["command"]
    assert (ROOT / "Dockerfile").exists()


def test_neo4j_has_healthcheck_volume_and_memory() -> None:
    neo = COMPOSE["services"]["neo4j"]
    assert neo["healthcheck"]["test"] and neo["healthcheck"]["retries"] > 0
    assert any(v.startswith("neo4j-data:") for v in neo["volumes"]) and "neo4j-data" in COMPOSE["volumes"]
    env = neo["environment"]
    assert {"NEO4J_server_memory_heap_max__size", "NEO4J_server_memory_pagecache_size"} <= set(env)
    assert COMPOSE["services"]["app"]["depends_on"]["neo4j"]["condition"] == "service_healthy"


def test_no_secret_is_committed() -> None:
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    for match in re.finditer(r"(PASSWORD|SECRET[A-Z_]*|NEO4J_AUTH)\s*:\s*\"?([^\"\n]*)", text):
        value = match.group(2)
        assert value.startswith("${") or "/${" in value, f"literal secret in docker-compose.yml: {match.group(0)}"
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    assert re.search(r"^NEO4J_PASSWORD=\s*$", example, re.M), ".env.example must not carry a password"
    assert ".env" in (ROOT / ".gitignore").read_text().split()


def test_the_image_copies_every_package_the_app_and_cli_import() -> None:
    """The Dockerfile lists what it copies; a package left out breaks `jss` in the image (only the
    benchmarks, a development tool, stay out)."""
    import re
    import tomllib

    include = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"][
        "packages"]["find"]["include"]
    packages = {p.rstrip("*") for p in include} - {"bench"}
    copied = set(re.findall(r"^COPY (\S+) \./", (ROOT / "Dockerfile").read_text(encoding="utf-8"), re.M))
    assert packages <= copied, sorted(packages - copied)
    assert {"app.py", "assets"} <= copied
