"""Ground-truth files (`_truth/`, see helpers/truth-format.md), streamed chunk by chunk: every
person, household and address of a chunk lives only in that chunk."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from synth.events import Assessment, Service
from synth.incidents import Call
from synth.world import Household, Person
from synth.writers import CsvTable


class TruthWriter:
    def __init__(self, out: Path) -> None:
        d = out / "_truth"
        d.mkdir(parents=True, exist_ok=True)
        self.persons = CsvTable(d / "persons.csv", ["person_id", "name", "birth_date", "sex", "phone", "household_id"])
        self.households = CsvTable(d / "households.csv", ["household_id", "address_id", "member_person_ids"])
        self.addresses = CsvTable(d / "addresses.csv", ["address_id", "road_address", "lot_address", "district"])
        self.repeat = CsvTable(d / "repeat_victims.csv", ["person_id", "call_ids"])
        self.serial = CsvTable(d / "serial_offenders.csv", ["person_id", "victim_person_ids", "call_ids"])
        self.hh_agencies = CsvTable(d / "household_agencies.csv",
                                    ["household_id", "agency_id", "first_contact", "last_contact", "contacts"])

    def write_chunk(self, persons: list[Person], households: list[Household], calls: list[Call],
                    services: list[Service], assessments: list[Assessment]) -> None:
        for p in persons:
            self.persons.write([p.person_id, p.name, p.birth.isoformat(), p.sex, p.phone,
                                max(p.homes, key=lambda h: h[0])[1].household_id])
        for hh in households:
            self.households.write([hh.household_id, hh.address.address_id, ";".join(p.person_id for p in hh.members)])
            a = hh.address
            self.addresses.write([a.address_id, a.road_address(), a.lot_address(), a.district_full])
        self._repeat_and_serial(calls)
        self._household_agencies(calls, services, assessments)

    def _repeat_and_serial(self, calls: list[Call]) -> None:
        as_victim: dict[str, list[tuple[object, str]]] = {}
        as_suspect: dict[str, tuple[set[str], list[tuple[object, str]]]] = {}
        for c in calls:
            for role, p, _ in c.persons:
                if role == "피해자":
                    as_victim.setdefault(p.person_id, []).append((c.time, c.call_id))
                elif role == "가해자":
                    victims, cs = as_suspect.setdefault(p.person_id, (set(), []))
                    victims.add(c.series.victim.person_id)
                    cs.append((c.time, c.call_id))
        for pid in sorted(as_victim):
            seq = sorted(as_victim[pid])
            if any(b[0] - a[0] <= timedelta(days=365) for a, b in zip(seq, seq[1:], strict=False)):
                self.repeat.write([pid, ";".join(cid for _, cid in seq)])
        for pid in sorted(as_suspect):
            victims, cs = as_suspect[pid]
            if len(victims) >= 2:
                self.serial.write([pid, ";".join(sorted(victims)), ";".join(cid for _, cid in sorted(cs))])

    def _household_agencies(self, calls: list[Call], services: list[Service], assessments: list[Assessment]) -> None:
        contacts: dict[tuple[str, str], list[date]] = {}
        for c in calls:
            contacts.setdefault((c.household.household_id, c.agency_id), []).append(c.time.date())
        for s in services:
            hid = s.person.household_at(s.date).household_id
            contacts.setdefault((hid, s.agency.agency_id), []).append(s.date)
        for a in assessments:
            hid = a.person.household_at(a.date).household_id
            contacts.setdefault((hid, a.agency_id), []).append(a.date)
        for (hid, aid), days in sorted(contacts.items()):
            self.hh_agencies.write([hid, aid, min(days).isoformat(), max(days).isoformat(), len(days)])

    def close(self) -> None:
        for t in (self.persons, self.households, self.addresses, self.repeat, self.serial, self.hh_agencies):
            t.close()
