"""Writes one chunk of the simulated world into the bundle's files: each value through the
messiness of `synth.formats`, a `_truth/records.csv` line per person or address mention, and now
and then a deliberately bad row (listed in `_truth/bad_rows.csv`)."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from synth import formats as F
from synth import points as G
from synth.addresses import format_address
from synth.agencies import POLICE_TYPES, Agency
from synth.contract import ENCODINGS, FILE_NAMES, HEADERS, RISK_HEADERS
from synth.events import Assessment, PoliceMeasure, Service
from synth.incidents import Call
from synth.names import name_variant
from synth.presets import Messiness
from synth.world import Counters, Person

_YES_NO_WEIGHTS = (50, 15, 10, 15, 10)


class Bundle:
    def __init__(self, out: Path, m: Messiness, rng: random.Random, counters: Counters,
                 agencies: list[Agency], point_rng: random.Random) -> None:
        """`point_rng` draws the calls' points and how 경도/위도 are written: a stream of its own, so
        the rest of the bundle is what it was before calls carried coordinates."""
        from synth.writers import CsvTable

        self.out, self.m, self.rng, self.c = out, m, rng, counters
        self.point_rng = point_rng
        self.agency = {a.agency_id: a for a in agencies}
        truth = out / "_truth"
        truth.mkdir(parents=True, exist_ok=True)
        self.t: dict[str, CsvTable] = {}
        for stem in ("agencies", "calls", "call_persons", "police_measures", "risk_assessments", "services"):
            headers = RISK_HEADERS if stem == "risk_assessments" else HEADERS[stem]
            self.t[stem] = CsvTable(out / FILE_NAMES[stem], headers, ENCODINGS[stem])
        self.records = CsvTable(truth / "records.csv", ["file", "row", "slot", "person_id", "household_id", "address_id"])
        self.bad = CsvTable(truth / "bad_rows.csv", ["file", "row", "column", "value", "reason"])
        # bad values that do not reject their row (a call's 경도/위도): the row loads without them
        self.bad_values = CsvTable(truth / "bad_values.csv", ["file", "row", "column", "value", "reason"])
        self.call_points = CsvTable(truth / "call_points.csv", ["call_id", "row", "longitude", "latitude", "written"])
        self.calls_by_year: dict[int, dict[str, int]] = {}
        self.referrals_by_year: dict[int, dict[str, int]] = {}
        for a in agencies:
            self.t["agencies"].write([a.agency_id, a.name, a.type, a.district, a.phone])

    # -- value helpers ------------------------------------------------------------------------------
    def _name(self, p: Person, police: bool) -> str:
        m = self.m
        rates = {"space": m.name_space, "typo": m.name_typo, "latin": m.name_latin,
                 "mask": m.name_mask_police if police else m.name_mask_other}
        return name_variant(self.rng, p.name, rates)

    def _birth(self, p: Person, allow_year_only: bool = True) -> str:
        return F.birth_text(self.rng, p.birth, self.m.date_mix, self.m.birth_year_only if allow_year_only else 0.0)

    def _yn(self, v: bool | None, style: tuple[str, str] | None = None) -> str:
        return F.yes_no(self.rng, v, style or self._yn_style())

    def _yn_style(self) -> tuple[str, str]:
        """One yes/no style per row (an export uses one convention per form, not per cell)."""
        return self.rng.choices(F.YES_NO_STYLES, _YES_NO_WEIGHTS)[0]

    def _date(self, d: date) -> str:
        return F.date_text(self.rng, d, self.m.date_mix)

    def _phone(self, p: Person) -> str:
        if not p.phone or self.rng.random() < self.m.missing_optional:
            return ""
        return F.phone_text(self.rng, p.phone, self.m.phone_mix, self.m.phone_masked)

    def _addr(self, p: Person, d: date, share: float = 1.0) -> tuple[str, str]:
        """(address text, true address id) or ("", "") when the row carries none."""
        if self.rng.random() >= share or self.rng.random() < self.m.missing_optional:
            return "", ""
        a = p.household_at(d).address
        m = self.m
        return format_address(self.rng, a, {"lot_share": m.address_lot_share, "unit_omit": m.address_unit_omit,
                                            "stray": m.address_stray}), a.address_id

    def _record(self, stem: str, row: int, slot: str, p: Person | None, d: date, address_id: str,
                household_id: str = "") -> None:
        if p is not None:
            household_id = p.household_at(d).household_id
        self.records.write([stem, row, slot, p.person_id if p else "", household_id, address_id])

    def _maybe_bad(self, stem: str, values: list[str], kinds: list[tuple[int, str]], fresh) -> None:
        """Now and then write a copy of a good row broken in one way: (column index, kind)."""
        if self.rng.random() >= self.m.bad_row_rate:
            return
        idx, kind = self.rng.choice(kinds)
        bad = list(values)
        headers = RISK_HEADERS if stem == "risk_assessments" else HEADERS[stem]
        if kind == "empty":
            bad[idx] = ""
            reason = f"empty key {headers[idx]}"
        elif kind == "unknown_call":
            bad[idx] = f"112-{self.rng.randint(2019, 2024)}0101-{self.c.next('call'):07d}"
            reason = "unknown call_id (not in calls)"
        else:  # impossible date; a fresh key keeps the row otherwise unique
            bad[0] = fresh()
            year = self.rng.randint(2019, 2024)
            bad[idx] = self.rng.choice((f"{year}-02-30", f"{year}-04-31", f"{year}-06-31", f"{year}-13-02"))
            if stem == "calls":
                bad[idx] += " 10:15"
            reason = "impossible date"
        row = self.t[stem].write(bad)
        self.bad.write([stem, row, headers[idx], bad[idx], reason])

    # -- files ------------------------------------------------------------------------------------
    def write_calls(self, calls: list[Call]) -> None:
        rng, m = self.rng, self.m
        for call in sorted(calls, key=lambda c: (c.time, c.call_id)):
            d = call.time.date()
            summary = call.summary
            if rng.random() < m.multiline_summary:
                summary += "\n추가 신고 우려, 재출동 요청"
            elif rng.random() < m.missing_optional:
                summary = ""
            addr = format_address(rng, call.address, {"lot_share": m.address_lot_share,
                                                      "unit_omit": m.address_unit_omit, "stray": m.address_stray})
            yn = self._yn_style()
            point, (lon_t, lat_t), written, bad = self._point(call)
            values = [call.call_id, F.datetime_text(rng, call.time, m.date_mix), call.category, call.priority, addr,
                      call.agency_id, call.outcome, self._yn(call.weapon, yn), self._yn(call.injury, yn),
                      self._yn(call.child_present, yn), summary, lon_t, lat_t]
            row = self.t["calls"].write(values)
            self.call_points.write([call.call_id, row, *point, written])
            if bad is not None:
                self.bad_values.write(["calls", row, *bad])
            self._record("calls", row, "address", None, d, call.address.address_id, call.household.household_id)
            self.calls_by_year.setdefault(call.time.year, {}).setdefault(call.category, 0)
            self.calls_by_year[call.time.year][call.category] += 1
            self._maybe_bad("calls", values, [(0, "empty"), (1, "date")],
                            lambda d=d: f"112-{d:%Y%m%d}-{self.c.next('call'):07d}")
            self._write_call_persons(call)

    def _point(self, call: Call) -> tuple[tuple[float, float], tuple[str, str], str, tuple[str, str, str] | None]:
        """(true point, (경도, 위도) as written, form, (column, value, reason) when the pair is bad)."""
        rng, m = self.point_rng, self.m
        point = G.call_point(rng, call.address)
        r = rng.random()
        if r < m.coord_missing:
            return point, ("", ""), "empty", None
        if r < m.coord_missing + m.coord_bad:
            lon_t, lat_t, form, column, why = G.bad_text(rng, *point)
            return point, (lon_t, lat_t), form, (column, f"{lon_t}, {lat_t}", why)
        if r < m.coord_missing + m.coord_bad + m.coord_utmk:
            return point, G.utmk_text(rng, *point), "utmk", None
        return point, G.wgs84_text(rng, *point), "wgs84", None

    def _write_call_persons(self, call: Call) -> None:
        d = call.time.date()
        seen: set[tuple[str, str, str]] = set()
        for role, p, relation in call.persons:
            for _ in range(5):  # the graph keys a call's person by (role, name, birth): keep it unique
                name, birth = self._name(p, police=True), self._birth(p, allow_year_only=role != "목격아동")
                if (role, name, birth) not in seen:
                    break
            else:
                name, birth = p.name, p.birth.isoformat()
            seen.add((role, name, birth))
            addr, aid = self._addr(p, d, 0.9 if role in ("피해자", "가해자") else 0.6)
            sex = F.sex_text(self.rng, p.sex, self.m.sex_latin)
            values = [call.call_id, role, name, birth, sex, self._phone(p), addr, relation]
            row = self.t["call_persons"].write(values)
            self._record("call_persons", row, "person", p, d, aid)
            self._maybe_bad("call_persons", values, [(0, "unknown_call"), (0, "empty")], lambda: "")

    def write_police_measures(self, measures: list[PoliceMeasure]) -> None:
        for pm in sorted(measures, key=lambda x: (x.date, x.measure_id)):
            end = self._date(pm.end_date) if pm.end_date and self.rng.random() >= self.m.missing_optional else ""
            values = [pm.measure_id, pm.call.call_id if pm.call else "", self._date(pm.date), pm.type,
                      self._name(pm.person, police=True), self._birth(pm.person), end]
            row = self.t["police_measures"].write(values)
            self._record("police_measures", row, "person", pm.person, pm.date, "")
            self._maybe_bad("police_measures", values, [(0, "empty"), (2, "date")],
                            lambda d=pm.date: f"PM-{d.year}-{self.c.next('police_measure'):07d}")

    def write_assessments(self, items: list[Assessment]) -> None:
        for a in sorted(items, key=lambda x: (x.date, x.assessment_id)):
            yn = self._yn_style()
            answers = [self._yn(x, yn) for x in a.items]
            values = [a.assessment_id, a.call.call_id if a.call else "", self._date(a.date), a.agency_id,
                      self._name(a.person, police=True), self._birth(a.person), *answers, a.grade]
            row = self.t["risk_assessments"].write(values)
            self._record("risk_assessments", row, "person", a.person, a.date, "")
            self._maybe_bad("risk_assessments", values, [(0, "empty"), (2, "date")],
                            lambda d=a.date: f"RA-{d.year}-{self.c.next('assessment'):07d}")

    def write_services(self, services: list[Service]) -> None:
        for s in sorted(services, key=lambda x: (x.date, x.agency.agency_id, x.service_id)):
            addr, aid = self._addr(s.person, s.date, 0.45)
            values = [s.service_id, s.agency.agency_id, s.client_ref, self._date(s.date),
                      self._name(s.person, police=False), self._birth(s.person), self._phone(s.person), addr,
                      s.role, s.field, s.description, s.referred_by, s.call.call_id if s.call else ""]
            row = self.t["services"].write(values)
            self._record("services", row, "person", s.person, s.date, aid)
            ref = self.agency.get(s.referred_by)
            if ref is not None and ref.type in POLICE_TYPES:
                per_type = self.referrals_by_year.setdefault(s.date.year, {})
                per_type[s.agency.type] = per_type.get(s.agency.type, 0) + 1
            key = f"svc:{s.agency.agency_id}:{s.date.year}"
            self._maybe_bad("services", values[:11] + ["", values[12]], [(0, "empty"), (3, "date")],
                            lambda d=s.date, k=key: f"{d.year}-{self.c.next(k):05d}")

    def close(self) -> dict[str, int]:
        counts = {}
        for stem, table in self.t.items():
            table.close()
            counts[stem] = table.count
        self.records.close()
        self.bad.close()
        self.bad_values.close()
        self.call_points.close()
        return counts
