"""Which values a load seals, and sealing them in the rows before anything is written
(docs/security.md, "Shelter locations"; the format is `graph.sealing`).

Sealed:
- a shelter agency's (type 보호시설 / 청소년쉼터) `phone`, and its `district` when it is finer
  than a city (a 읍·면·동 names the neighbourhood);
- the `address` of a service's client when the service is a shelter stay (field 주거·보호시설, or
  given by a shelter agency);
- then, so that the same place is nowhere readable, EVERY address in the load (calls, call persons,
  services) at a sealed place, and every phone equal to a sealed phone; a call whose address is
  sealed is stored without its `location` (its 경도/위도 point is the place). A place is the building as
  the text names it: road name + building number, or area + lot number (the unit and the city
  left out, so `연삼로 123, 101동 202호` and `제주시 연삼로 123` are one place).

Sealed places and phones are gathered before the first write, from this bundle (agencies and
services files, read once more: a row later rejected still seals — sealing too much is safe) and
from what earlier loads sealed (their keyed hashes, read from the graph). A sealed property holds
`graph.sealing.PLACEHOLDER`; `<prop>_sealed` the ciphertext; an address also `address_ref`, the
keyed hashes of its place and unit that resolution compares instead of the text (normalised here,
before sealing); a phone `phone_ref`, the keyed hash of its digits. Every row carries these keys
(None when nothing is sealed), so a reload over an earlier version removes stale ones and the bulk
import files have one set of columns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from graph.sealing import PLACEHOLDER, Seal, address_ref, parse_ref
from loaders.reader import SourceFile, iter_rows
from loaders.statements import statement
from loaders.validate import ProblemLog, cell_normaliser

SHELTER_AGENCY_TYPES = frozenset({"보호시설", "청소년쉼터"})
SHELTER_SERVICE_FIELDS = frozenset({"주거·보호시설"})
ADDRESS_KEYS = ("address", "address_sealed", "address_ref")
PHONE_KEYS = ("phone", "phone_sealed", "phone_ref")
_CITY_LEVEL = re.compile(r"^\S+(시|군|도)$")

_parser = None


def _parse(text: str):
    # The address parser lives with resolution (a pure module: no graph, no I/O); imported lazily
    # as loaders.bulk does, so the loaders layer does not depend on resolution at import time.
    global _parser
    if _parser is None:
        from resolution.addresses import parse

        _parser = getattr(parse, "__wrapped__", parse)   # our own memo below: no second cache
    return _parser(text)


def place_of(text: str | None) -> tuple[str, str | None] | None:
    """(place, unit) of a recorded address: `road|연삼로 123`, `lot|이도2동 1234-5` or `raw|…`."""
    if not text:
        return None
    p = _parse(text)
    if p is None:
        return None
    if p.kind == "road":
        return f"road|{p.road}", p.unit
    if p.kind == "lot":
        return f"lot|{p.lot}", p.unit
    return f"raw|{' '.join(p.text.split())}", None


@dataclass
class ShelterSealer:
    seal: Seal
    shelter_agencies: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)        # keyed hashes of sealed places
    phones: set[str] = field(default_factory=set)        # keyed hashes of sealed phone digits
    sealed_values: int = 0
    # places and phones this bundle seals that earlier loads did not: hash -> normalised text
    new_places: dict[str, str] = field(default_factory=dict)
    new_phones: set[str] = field(default_factory=set)
    _place_memo: dict[str, tuple[str, str | None] | None] = field(default_factory=dict)

    # --- before validation: what to seal ------------------------------------------------------
    @classmethod
    def prepare(cls, seal: Seal, sources: Iterable[SourceFile], runner: Any = None) -> ShelterSealer:
        """Gather the shelter agencies, sealed places and phones of this bundle and the graph."""
        self = cls(seal)
        by_stem = {s.stem: s for s in sources}
        if runner is not None:
            types = sorted(SHELTER_AGENCY_TYPES)
            self.shelter_agencies |= set(runner.read_value(statement("seal_shelter_agencies"),
                                                           {"types": types},
                                                           name="load.seal_shelter_agencies") or [])
            for ref in runner.read_value(statement("seal_known_places"), name="load.seal_known_places") or []:
                if (parsed := parse_ref(ref)) is not None:
                    self.places.add(parsed[0])
            self.phones |= set(runner.read_value(statement("seal_known_phones"),
                                                 name="load.seal_known_phones") or [])
        if "agencies" in by_stem:
            for v in _rows(by_stem["agencies"], ("agency_id", "type", "phone")):
                if v["agency_id"] is None:
                    continue
                if v["type"] in SHELTER_AGENCY_TYPES:
                    self.shelter_agencies.add(v["agency_id"])
                    if v["phone"] and (ref := self.phone_hash(v["phone"])) not in self.phones:
                        self.phones.add(ref)
                        self.new_phones.add(v["phone"])
                else:                        # this bundle says it is no shelter (any more)
                    self.shelter_agencies.discard(v["agency_id"])
        if "services" in by_stem:
            for v in _rows(by_stem["services"], ("agency_id", "field", "address")):
                if self.is_stay(v["field"], v["agency_id"]) and (place := self.place(v["address"])):
                    if place[0] not in self.places:   # a hash not sealed before
                        self.places.add(place[0])
                        self.new_places[place[0]] = place_of(v["address"])[0]
        return self

    def is_stay(self, service_field: str | None, agency_id: str | None) -> bool:
        return service_field in SHELTER_SERVICE_FIELDS or agency_id in self.shelter_agencies

    def phone_hash(self, digits: str) -> str:
        return self.seal.keyed(digits, "phone")

    def place(self, text: str | None) -> tuple[str, str | None] | None:
        """(place hash, unit) of an address text, memoised per text (texts repeat). The unit is
        hashed only when the address is sealed (`unit_hash`)."""
        if not text:
            return None
        hit = self._place_memo.get(text, False)
        if hit is False:
            found = place_of(text)
            hit = None if found is None else (self.seal.keyed(found[0], "place"), found[1])
            if len(self._place_memo) < 500_000:
                self._place_memo[text] = hit
        return hit

    def unit_hash(self, unit: str | None) -> str | None:
        return self.seal.keyed(unit, "unit") if unit else None

    # --- per row --------------------------------------------------------------------------------
    def address(self, props: dict[str, Any], force: bool = False) -> None:
        """Seal `props["address"]` when its place is sealed (or `force`: a shelter stay)."""
        text = props.get("address")
        props["address_sealed"] = props["address_ref"] = None
        if not text or not (force or self.places):
            return                           # nothing sealed at all: no need to parse
        place = self.place(text)
        if not force and (place is None or place[0] not in self.places):
            return
        if place is None:                    # unparseable shelter-stay text: sealed all the same
            place = (self.seal.keyed(f"raw|{' '.join(str(text).split())}", "place"), None)
            self.places.add(place[0])
        props["address"] = PLACEHOLDER
        props["address_sealed"] = self.seal.seal(text, "address")
        props["address_ref"] = address_ref(place[0], self.unit_hash(place[1]))
        self.sealed_values += 1

    def phone(self, props: dict[str, Any], force: bool = False) -> None:
        digits = props.get("phone")
        props["phone_sealed"] = props["phone_ref"] = None
        if not digits:
            return
        ref = self.phone_hash(digits)
        if not force and ref not in self.phones:
            return
        props["phone"] = PLACEHOLDER
        props["phone_sealed"] = self.seal.seal(digits, "phone")
        props["phone_ref"] = ref
        self.sealed_values += 1

    def apply(self, stem: str, row: dict[str, Any]) -> None:
        """Seal what must be sealed in one built row (before it is spilled, so both the MERGE load
        and the bulk import files only ever see sealed values)."""
        if stem == "agencies":
            props = row["props"]
            shelter = props.get("type") in SHELTER_AGENCY_TYPES
            self.phone(props, force=shelter)
            district = props.get("district")
            props["district_sealed"] = None
            if shelter and district and not _CITY_LEVEL.match(district):
                props["district"] = PLACEHOLDER
                props["district_sealed"] = self.seal.seal(district, "district")
                self.sealed_values += 1
        elif stem == "calls":
            self.address(row["props"])
            if row["props"]["address_sealed"] is not None:
                # the call's point is the sealed place itself: not stored (the sealed address keeps
                # where the call was for those who may unseal it)
                row["location"] = None
        elif stem == "call_persons":
            self.address(row["props"])
            self.phone(row["props"])
        elif stem == "services":
            stay = self.is_stay(row["props"].get("field"), row["agency_id"])
            self.address(row["person"]["props"], force=stay)
            self.phone(row["person"]["props"])
        else:
            for person in _persons_of(row):
                self.address(person["props"])
                self.phone(person["props"])


def _persons_of(row: dict[str, Any]) -> list[dict[str, Any]]:
    if "person" in row:
        return [row["person"]]
    return list(row.get("persons", []))


def _rows(src: SourceFile, names: tuple[str, ...]) -> Iterable[dict[str, Any]]:
    """The normalised values of `names` in every row of `src` (problems ignored: validation
    reports them; a row that will be rejected still counts, which only seals more)."""
    cols = [(f.name, cell_normaliser(f), src.columns.get(f.name)) for f in src.spec.fields if f.name in names]
    scratch = ProblemLog(src.stem)
    for row_no, cells in iter_rows(src):
        if row_no == 1:
            continue
        n = len(cells)
        yield {name: normalise(cells[i] if i is not None and i < n else None, scratch, row_no)
               for name, normalise, i in cols}
        scratch.problems.clear()
        scratch.rows.clear()


# --- records earlier loads wrote readable at a place this load seals ---------------------------------
_RESEAL = {"record": "reseal_record", "call": "reseal_call", "phone": "reseal_phone"}   # loaders/cypher/


def reseal_earlier(runner: Any, sealer: ShelterSealer, load_id: str) -> int:
    """Seal what earlier loads wrote readable at a place (or with a phone) this load seals: the
    sealing holds for the whole graph, not only for this bundle's rows. The distinct readable
    address texts of earlier loads are parsed here like the load's own rows (each once), and the
    records and calls at a newly sealed place rewritten. Returns the number of values sealed.
    Resolution, run after the load, then sees them sealed too."""
    sealed = 0
    if sealer.new_places:
        texts = runner.read_value(statement("seal_earlier_texts"), {"load_id": load_id},
                                  name="load.seal_earlier_texts", timeout=runner.settings.write_timeout_s) or []
        hits = [t for t in texts if (place := sealer.place(t)) is not None and place[0] in sealer.new_places]
        rows = runner.read(statement("seal_candidates"), {"texts": hits}, name="load.seal_candidates",
                           row_cap=10_000_000, timeout=runner.settings.write_timeout_s).rows if hits else []
        by_kind: dict[str, list[dict[str, Any]]] = {"record": [], "call": []}
        for r in rows:
            place = sealer.place(r["address"])
            if place is not None and place[0] in sealer.new_places:
                props = {"address": r["address"]}
                sealer.address(props, force=True)
                by_kind[r["kind"]].append({"key": r["key"], "address": props["address"],
                                           "sealed": props["address_sealed"], "ref": props["address_ref"]})
        for kind, batch in by_kind.items():
            if batch:
                runner.write_batches(statement(_RESEAL[kind]), batch, name=f"load.reseal_{kind}")
                sealed += len(batch)
    if sealer.new_phones:
        rows = runner.read(statement("seal_phone_candidates"), {"phones": sorted(sealer.new_phones)},
                           name="load.seal_phone_candidates", row_cap=10_000_000).rows
        batch = []
        for r in rows:
            props = {"phone": r["phone"]}
            sealer.phone(props, force=True)
            batch.append({"key": r["key"], "phone": props["phone"], "sealed": props["phone_sealed"],
                          "ref": props["phone_ref"]})
        if batch:
            runner.write_batches(statement(_RESEAL["phone"]), batch, name="load.reseal_phone")
            sealed += len(batch)
    return sealed
