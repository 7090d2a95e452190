"""Shelter locations are not stored readable: proved by construction on a generated bundle.

The shelter values are computed from the bundle's own files (not from the graph or the loader):
the phones of shelter agencies (type 보호시설 / 청소년쉼터) and the addresses of services that are
shelter stays (field 주거·보호시설, or given by a shelter agency). After `jss load` (and after
`jss load --bulk`: tests/integration/test_load_bulk.py scans its bulk-loaded graph with
`scan_graph`), every property of every node and relationship is read and none may hold such a
value or a distinctive fragment of one (road name + building number, area + lot number, phone
digits). Then a console attack corpus runs as data_staff through `queries.console.run_console`
with the tricks that beat value matching. Only `auth.shelters.unseal` gives the values back: for
admin, audited.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from auth.guard import AccessDenied, User
from auth.roles import ROLES
from graph.runner import Runner
from graph.sealing import PLACEHOLDER
from loaders.bundle import load_bundle
from loaders.reader import discover, iter_rows, open_source
from resolution.addresses import parse
from tests.conftest import wipe

SHELTER_TYPES = {"보호시설", "청소년쉼터"}
STAY_FIELD = "주거·보호시설"


# --- the shelter values, from the bundle's files ----------------------------------------------------
def _rows(bundle: Path, stem: str) -> list[dict[str, str]]:
    found, _ = discover(bundle)
    src = open_source(stem, found[stem], {})
    names = {i: f for f, i in src.columns.items() if i is not None}
    out = []
    for row_no, cells in iter_rows(src):
        if row_no == 1:
            continue
        out.append({names[i]: ("" if c is None else str(c).strip()) for i, c in enumerate(cells) if i in names})
    return out


def shelter_values(bundle: Path) -> tuple[set[str], list[str]]:
    """(shelter phone digits, shelter-stay address texts) as the bundle records them."""
    agencies = _rows(bundle, "agencies")
    shelters = {a["agency_id"] for a in agencies if a["type"] in SHELTER_TYPES}
    phones = {re.sub(r"\D", "", a["phone"]) for a in agencies if a["agency_id"] in shelters and a["phone"]}
    stays = [s["address"] for s in _rows(bundle, "services")
             if s.get("address") and (s["field"] == STAY_FIELD or s["agency_id"] in shelters)]
    return phones, stays


def _compact(text: str) -> str:
    """NFKC, lower case, every decimal digit as ASCII, spaces and punctuation removed."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text if ch.isalnum())


def _fragments(address: str) -> list[str]:
    """Distinctive parts of an address: the whole, and its road + number or area + lot number."""
    p = parse(address)
    parts = [_compact(address)]
    if p is not None and p.kind == "road":
        parts.append(_compact(p.road))
    elif p is not None and p.kind == "lot":
        parts.append(_compact(p.lot))
        number = p.lot.split()[-1]
        raw_area = address.split(number)[0].split()[-1] if number in address else ""
        if raw_area:
            parts.append(_compact(raw_area + number))      # the area as written (이도이동 1234-5)
    return [f for f in parts if f]


class Targets:
    def __init__(self, bundle: Path):
        self.phones, self.addresses = shelter_values(bundle)
        assert self.phones and len(self.addresses) >= 3, "the bundle must hold shelter values to test"
        frags = {f for a in self.addresses for f in _fragments(a)}
        # A fragment must not run on into more digits (연삼로 12 is not in 연삼로 123).
        self.patterns = [re.compile(re.escape(f) + r"(?!\d)") for f in sorted(frags)]
        self.phone_digits = sorted(self.phones)

    def found_in(self, value: str) -> str | None:
        compact = _compact(value)
        digits = re.sub(r"\D", "", compact)
        for pat in self.patterns:
            if pat.search(compact):
                return pat.pattern
        for ph in self.phone_digits:
            if ph in digits and (len(digits) <= 16 or ph in compact):
                return ph
        return None

    def subsequence_in(self, value: str) -> str | None:
        """A fragment whose characters all appear in order in `value`: what inserting characters
        between the letters of a value leaves."""
        compact = _compact(value)
        for frag in [p.pattern.split("(?!")[0].replace("\\", "") for p in self.patterns] + self.phone_digits:
            it = iter(compact)
            if all(ch in it for ch in frag):
                return frag
        return None


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (str(k), *_strings(v))]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    if value is None:
        return []
    return [str(value)]


def scan_graph(runner: Runner, targets: Targets) -> tuple[int, list[str]]:
    """(values read, leaks): every property of every node and relationship."""
    leaks: list[str] = []
    seen = 0
    for query in ("MATCH (n) RETURN labels(n) AS l, properties(n) AS p",
                  "MATCH ()-[r]->() RETURN type(r) AS l, properties(r) AS p"):
        rows = runner.read(query, name="test.shelter_scan", row_cap=5_000_000, timeout=300).rows
        for row in rows:
            for text in _strings(row["p"]):
                seen += 1
                if (hit := targets.found_in(text)) is not None:
                    leaks.append(f"{row['l']}: {hit} in {text[:80]!r}")
    return seen, leaks


# --- fixtures ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from synth import generate

    out = tmp_path_factory.mktemp("shelter") / "bundle"
    generate("jeju", out, seed=5, scale=0.05)
    return out


@pytest.fixture(scope="module")
def targets(bundle: Path) -> Targets:
    return Targets(bundle)


@pytest.fixture(scope="module")
def loaded(runner: Runner, bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    wipe(runner)
    result = load_bundle(bundle, runner, rejects=tmp_path_factory.mktemp("rej") / "rejects.csv")
    assert result.resolution == "ran"
    return runner


# --- tests ------------------------------------------------------------------------------------------
def test_the_graph_holds_no_shelter_value_after_a_normal_load(loaded: Runner, targets: Targets) -> None:
    seen, leaks = scan_graph(loaded, targets)
    assert seen > 100_000 and leaks == []
    # ...and sealing happened: placeholders, ciphertexts and Address nodes keyed by the hash.
    counts = loaded.read(
        "RETURN COUNT { (a:Agency) WHERE a.phone = $ph AND a.phone_sealed IS NOT NULL } AS agencies, "
        "COUNT { (p:PersonRecord) WHERE p.address = $ph AND p.address_sealed IS NOT NULL } AS records, "
        "COUNT { (a:Address) WHERE a.address_key IS NOT NULL AND a.text = $ph AND a.district IS NULL "
        "        AND a.city IS NULL AND a.road IS NULL AND a.lot IS NULL AND a.unit IS NULL } AS places, "
        "COUNT { (p:PersonRecord)-[:AT]->(a:Address) WHERE p.address_sealed IS NOT NULL "
        "        AND a.address_key IS NULL } AS readable_places",
        {"ph": PLACEHOLDER}, name="test.shelter_sealed_counts").rows[0]
    assert counts["agencies"] == 5 and counts["records"] >= len(targets.addresses)
    assert counts["places"] > 0 and counts["readable_places"] == 0


def test_a_reload_is_idempotent(loaded: Runner, bundle: Path, tmp_path: Path) -> None:
    """Sealing is deterministic (AES-SIV): a reload writes the very same bytes."""
    from tests.integration.test_load_bulk import LOAD_CLOCK, dump

    before = dump(loaded, LOAD_CLOCK | {"runs"})
    load_bundle(bundle, loaded, rejects=tmp_path / "rejects.csv")
    after = dump(loaded, LOAD_CLOCK | {"runs"})
    assert before == after


def test_a_call_at_a_sealed_place_keeps_no_location(loaded: Runner, bundle: Path) -> None:
    """A call's 경도/위도 point locates the place as its address does: a call whose address is sealed
    is stored without it, though the export gave one (`_truth/call_points.csv`)."""
    import csv

    with (bundle / "_truth" / "call_points.csv").open(encoding="utf-8") as fh:
        located = {r["call_id"] for r in csv.DictReader(fh) if r["written"] in ("wgs84", "utmk")}
    sealed = loaded.read("MATCH (c:Call) WHERE c.address_sealed IS NOT NULL "
                         "RETURN c.call_id AS id, c.location IS NOT NULL AS has_point",
                         name="test.sealed_call_points", row_cap=1_000_000).rows
    assert [r for r in sealed if r["has_point"]] == []
    assert len({r["id"] for r in sealed} & located) > 0, "no sealed call had coordinates: this proves nothing"
    assert loaded.read_value("MATCH (c:Call) WHERE c.location IS NOT NULL RETURN count(c)",
                             name="test.located_calls") > 0


ATTACKS = [
    # direct, whole nodes, the hashes and ciphertexts
    "MATCH (a:Agency) WHERE a.type IN ['보호시설', '청소년쉼터'] RETURN a, a.phone, a.phone_sealed, a.phone_ref",
    "MATCH (p:PersonRecord)-[:SUBJECT_OF]->(s:Service) WHERE s.field = '주거·보호시설' "
    "OPTIONAL MATCH (p)-[:AT]->(ad:Address) RETURN p, properties(ad) AS place, ad.district, ad.text",
    # characters inserted between letters
    "MATCH (p:PersonRecord)-[:SUBJECT_OF]->(s:Service) WHERE s.field = '주거·보호시설' "
    "RETURN reduce(acc = '', c IN split(p.address, '') | acc + c + '~') AS spread",
    "MATCH (p:PersonRecord)-[:SUBJECT_OF]->(s:Service)-[:BY_AGENCY]->(a:Agency) WHERE a.type = '보호시설' "
    "RETURN split(p.address, '') AS chars",
    # phones taken apart
    "MATCH (a:Agency) WHERE a.type IN ['보호시설', '청소년쉼터'] "
    "RETURN [i IN range(0, size(a.phone) - 1) | substring(a.phone, i, 1)] AS digits, "
    "substring(a.phone, 0, 4) AS head, substring(a.phone, 4) AS tail",
    "MATCH (a:Agency) WHERE a.type IN ['보호시설', '청소년쉼터'] "
    "RETURN toInteger(a.phone) + 1 AS plus, toString(toInteger(substring(a.phone, 1)) * 3) AS times",
    # digits swapped for another script
    "MATCH (p:PersonRecord)-[:SUBJECT_OF]->(s:Service) WHERE s.field = '주거·보호시설' "
    "RETURN reduce(t = p.address, d IN range(0, 9) | replace(t, toString(d), ['٠','١','٢','٣','٤','٥','٦','٧','٨','٩'][d])) AS arabic",
    "MATCH (a:Agency) WHERE a.type IN ['보호시설', '청소년쉼터'] "
    "RETURN reduce(t = a.phone, d IN range(0, 9) | replace(t, toString(d), ['零','一','二','三','四','五','六','七','八','九'][d])) AS han",
    # the Address nodes and calls at the same places
    "MATCH (p:PersonRecord)-[:SUBJECT_OF]->(s:Service) WHERE s.field = '주거·보호시설' "
    "MATCH (p)-[:AT]->(ad:Address)<-[:AT]-(other) RETURN other.address AS address, labels(other) AS l",
    "MATCH (h:Household)-[:LIVES_AT]->(ad:Address) WHERE ad.address_key IS NOT NULL RETURN ad, h",
]


@pytest.fixture()
def audit_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "audit.jsonl"
    monkeypatch.setenv("JSS_AUDIT_FILE", str(path))
    return path


def test_console_tricks_reveal_no_shelter_value(loaded: Runner, targets: Targets, audit_file: Path) -> None:
    from queries.console import run_console

    for text in ATTACKS:
        result = run_console(loaded, text, {}, role="data_staff", row_cap=5000)
        assert result.rows, f"the attack found nothing to attack: {text}"
        for row in result.rows:
            for value in _strings(row):
                assert targets.found_in(value) is None, (text, value)
                if not value.startswith("v1:") and len(value) < 400:    # ciphertexts are not values
                    assert targets.subsequence_in(value) is None, (text, value)


def test_starts_with_oracles_only_see_the_placeholder(loaded: Runner, targets: Targets, audit_file: Path) -> None:
    from queries.console import run_console

    stays = ("MATCH (p:PersonRecord)-[:SUBJECT_OF]->(s:Service) WHERE s.field = '주거·보호시설' "
             "AND p.address IS NOT NULL ")
    total = run_console(loaded, stays + "RETURN count(p) AS n", {}, role="data_staff").rows[0]["n"]
    assert total > 0
    for address in targets.addresses[:10]:
        for prefix in {address[:2], address[:5], address[:len(address) // 2], address}:
            q = stays + "AND p.address STARTS WITH $x RETURN count(p) AS n"
            assert run_console(loaded, q, {"x": prefix}, role="data_staff").rows[0]["n"] == 0, prefix
        q = stays + "AND p.address CONTAINS $x RETURN count(p) AS n"
        assert run_console(loaded, q, {"x": _fragments(address)[-1][-3:]}, role="data_staff").rows[0]["n"] == 0
    q = stays + "AND p.address STARTS WITH '(보호시설' RETURN count(p) AS n"
    assert run_console(loaded, q, {}, role="data_staff").rows[0]["n"] == total    # all the same text
    for phone in targets.phone_digits:
        q = ("MATCH (a:Agency) WHERE a.type IN ['보호시설', '청소년쉼터'] AND a.phone STARTS WITH $x "
             "RETURN count(a) AS n")
        assert run_console(loaded, q, {"x": phone[:3]}, role="data_staff").rows[0]["n"] == 0


def test_only_admin_unseals_and_every_attempt_is_audited(loaded: Runner, targets: Targets,
                                                         audit_file: Path) -> None:
    from auth.shelters import sealed_items, unseal

    rid, agency = loaded.read(
        "MATCH (p:PersonRecord)-[:SUBJECT_OF]->(s:Service) WHERE s.field = '주거·보호시설' "
        "AND p.address_sealed IS NOT NULL WITH p LIMIT 1 "
        "MATCH (a:Agency) WHERE a.type = '보호시설' "
        "RETURN p.record_id AS rid, a.agency_id AS agency LIMIT 1", name="test.shelter_pick").rows[0].values()
    for role in ROLES:
        if role == "admin":
            continue
        with pytest.raises(AccessDenied):
            unseal(User("someone", role), "record", rid, loaded)
        with pytest.raises(AccessDenied):
            sealed_items(User("someone", role), loaded)
    admin = User("boss", "admin")
    clear = unseal(admin, "record", rid, loaded)
    assert clear["address"] in targets.addresses
    assert re.sub(r"\D", "", unseal(admin, "agency", agency, loaded)["phone"]) in targets.phones
    assert any(i["kind"] == "record" for i in sealed_items(admin, loaded))
    entries = [json.loads(line) for line in audit_file.read_text(encoding="utf-8").splitlines()]
    denied = [e for e in entries if e["event"] == "access_denied" and e.get("target") == rid]
    views = [e for e in entries if e["event"] == "view" and e.get("target_type") == "sealed_record"]
    assert len(denied) == len(ROLES) - 1 and {e["role"] for e in denied} == set(ROLES) - {"admin"}
    assert views and views[0]["user"] == "boss" and views[0]["target"] == rid
    assert clear["address"] not in audit_file.read_text(encoding="utf-8")     # never the value


def test_a_later_load_seals_what_earlier_loads_wrote_readable(runner: Runner, bundle: Path, targets: Targets,
                                                             tmp_path: Path) -> None:
    """The bundle without its services first (nothing marks a shelter stay: the places of the
    stays are readable on calls and call persons), then a bundle of only the agencies and the
    services: afterwards nothing is readable, the first load's records included."""
    import shutil

    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(bundle, first, ignore=shutil.ignore_patterns("_truth", "services.*", "rejects-*"))
    second.mkdir()
    for f in [*bundle.glob("agencies.*"), *bundle.glob("services.*")]:
        shutil.copy(f, second / f.name)
    wipe(runner)
    load_bundle(first, runner, rejects=tmp_path / "r1.csv", run_resolution=False)
    _, before = scan_graph(runner, targets)
    assert before, "the first bundle must hold some shelter-stay place readable, or this proves nothing"
    located = runner.read_value("MATCH (c:Call) WHERE c.location IS NOT NULL RETURN collect(c.call_id)",
                                name="test.located_before")
    result = load_bundle(second, runner, rejects=tmp_path / "r2.csv")
    assert result.resolution == "ran"
    _, leaks = scan_graph(runner, targets)
    assert leaks == []
    # the calls it sealed lost their point too (it is the place)
    resealed = runner.read_value("MATCH (c:Call) WHERE c.address_sealed IS NOT NULL RETURN collect(c.call_id)",
                                 name="test.resealed_calls")
    assert set(resealed) & set(located), "no resealed call had a point: this proves nothing"
    assert runner.read_value("MATCH (c:Call) WHERE c.address_sealed IS NOT NULL AND c.location IS NOT NULL "
                             "RETURN count(c)", name="test.resealed_points") == 0
