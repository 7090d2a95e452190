"""Person-record generator with truth, for entity-resolution benchmarks at 100k / 1M records.

Reuses `synth`'s name, date, phone and address variants (the same messiness the jeju preset has)
and adds what a record-level benchmark needs: several records per person spread over agencies,
each agency leaving different fields empty, households whose members share surname, address and
sometimes a phone, day-month swaps, changed phones and moves. Returns a DataFrame with the
resolver's columns plus `person_id` (truth).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from synth import addresses as sa
from synth import formats as sf
from synth import names as sn

# (source, share, fields kept): what each kind of export records about a person.
SOURCES = (
    ("call_persons", 0.40, ("name", "birth", "sex", "phone", "address")),
    ("police_measures", 0.12, ("name", "birth")),
    ("risk_assessments", 0.10, ("name", "birth")),
    ("services", 0.30, ("name", "birth", "phone", "address", "client_ref")),
    ("council_cases", 0.08, ("name", "birth")),
)
AGENCIES = tuple(f"S-{i:02d}" for i in range(1, 21))
NAME_RATES = {"space": 0.05, "mask": 0.04, "typo": 0.03, "latin": 0.02}


def _phone(rng: random.Random) -> str:
    return f"010-{rng.randrange(2000, 10000)}-{rng.randrange(10000):04d}"


def generate(records: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    counters: dict[str, int] = {}
    rows: list[tuple] = []
    person_no = 0
    household_no = 0
    while len(rows) < records:
        household_no += 1
        home = sa.new_address(rng, f"H{household_no}", counters)
        family = sn.surname_pick(rng)
        base_year = rng.randrange(1940, 1990)
        members = rng.choices((1, 2, 3, 4), (0.3, 0.3, 0.25, 0.15))[0]
        shared_phone = _phone(rng) if rng.random() < 0.1 else None
        for m in range(members):
            person_no += 1
            sex = rng.choice("MF")
            year = base_year + (rng.randrange(-3, 4) if m < 2 else rng.randrange(22, 34))
            birth = date(year, 1, 1) + timedelta(days=rng.randrange(365))
            if rng.random() < 0.03:
                name, sex = sn.foreign_name(rng)
            else:
                name = sn.korean_name(rng, sex, year)
                if m != 1:  # the spouse keeps their own surname
                    name = family + name[1:]
            phone = shared_phone if shared_phone and m < 2 else _phone(rng)
            refs = {a: f"C{rng.randrange(10**6):06d}" for a in AGENCIES}
            moved = sa.new_address(rng, f"M{person_no}", counters) if rng.random() < 0.1 else None
            count = min(1 + int(rng.expovariate(1 / 2.2)), 25)
            for _ in range(count):
                rows.append(_record(rng, person_no, name, sex, birth, phone, home, moved, refs))
            if len(rows) >= records:
                break
    df = pd.DataFrame(rows[:records], columns=["person_id", "source", "agency_id", "client_ref", "name",
                                                "birth", "sex", "phone", "address"])
    df.insert(0, "record_id", [f"r{i:07d}" for i in range(len(df))])
    return df


def _record(rng: random.Random, pid: int, name: str, sex: str, birth: date, phone: str,
            home: sa.Address, moved: sa.Address | None, refs: dict[str, str]) -> tuple:
    source, _, kept = rng.choices(SOURCES, [s[1] for s in SOURCES])[0]
    agency = rng.choice(AGENCIES[:6]) if source == "services" else "P-01"
    b = birth
    if rng.random() < 0.01 and b.day <= 12 and b.day != b.month:
        b = date(b.year, b.day, b.month)  # day and month swapped
    birth_txt = sf.birth_text(rng, b, 0.5, 0.08) if "birth" in kept and rng.random() > 0.05 else ""
    ph = phone if rng.random() > 0.05 else _phone(rng)  # a changed number
    phone_txt = sf.phone_text(rng, ph, 0.5, 0.1) if "phone" in kept and rng.random() > 0.15 else ""
    where = moved if moved is not None and rng.random() < 0.5 else home
    addr_txt = sa.format_address(rng, where, {"lot_share": 0.4, "unit_omit": 0.1, "stray": 0.05}) \
        if "address" in kept and rng.random() > 0.1 else ""
    sex_txt = sf.sex_text(rng, sex, 0.3) if "sex" in kept and rng.random() > 0.05 else ""
    return (f"T{pid}", source, agency, refs[agency] if "client_ref" in kept else "",
            sn.name_variant(rng, name, NAME_RATES), birth_txt, sex_txt, phone_txt, addr_txt)


def cached(records: int, seed: int, folder: Path) -> pd.DataFrame:
    """Generate once and keep as Parquet-free CSV under `folder` (generation is not benchmarked)."""
    path = folder / f"er-records-{records}-{seed}.csv"
    if path.exists():
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    folder.mkdir(parents=True, exist_ok=True)
    df = generate(records, seed)
    df.to_csv(path, index=False)
    return df
