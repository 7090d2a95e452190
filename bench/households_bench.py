"""Households at scale: `resolution.households.build`, and its linear sweep for co-residence at one
address against the all-pairs comparison (kept in tests/unit/test_households_components.py), on synthetic
observations shaped like a national resolution: most addresses hold one family, a few are blocks or
shelters seen with hundreds to thousands of people.

    jss bench households [--records 1000000] [--no-reference]

Prints one line per implementation: seconds, peak-free figures (use /usr/bin/time -v for RSS).
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

import click
import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from resolution import households  # noqa: E402


def synthetic(records: int, seed: int = 7) -> tuple[list[str], pd.DataFrame, pd.DataFrame]:
    """`records` observations of about records/2 people at records/4 addresses (Zipf-like sizes),
    8 % undated, plus one relation per four records."""
    rng = np.random.default_rng(seed)
    n_people, n_addr = max(records // 2, 2), max(records // 4, 1)
    person = rng.integers(0, n_people, records)
    home = rng.zipf(1.6, n_people) % n_addr  # a person's usual address; a heavy tail of big addresses
    addr = np.where(rng.random(records) < 0.8, home[person], rng.integers(0, n_addr, records))
    base = dt.date(2015, 1, 1).toordinal()
    days = rng.integers(0, 9 * 365, records)
    dates = [None if u < 0.08 else dt.date.fromordinal(base + int(d)) for u, d in zip(rng.random(records), days,
                                                                                        strict=True)]
    pid = np.char.add("P", person.astype(str)).astype(object)
    seen = pd.DataFrame({"person_id": pid, "address_id": np.char.add("A", addr.astype(str)).astype(object),
                         "date": dates})
    n_rel = records // 4
    kinds = np.array(["배우자", "자녀", "부모", "전배우자", "연인", "지인", "동거인", "형제자매"], dtype=object)
    rel = pd.DataFrame({"person_a": np.char.add("P", rng.integers(0, n_people, n_rel).astype(str)).astype(object),
                        "person_b": np.char.add("P", rng.integers(0, n_people, n_rel).astype(str)).astype(object),
                        "relation": kinds[rng.integers(0, len(kinds), n_rel)],
                        "call_id": np.char.add("C", rng.integers(0, n_rel, n_rel).astype(str)).astype(object)})
    return sorted(set(pid)), seen, rel


def run(records: int = 1_000_000, reference: bool = True) -> None:
    """Build households from `records` synthetic observations (and the all-pairs comparison)."""
    persons, seen, rel = synthetic(records)
    sizes = seen.groupby("address_id")["person_id"].nunique()
    print(f"{len(seen):,} observations, {len(persons):,} people, {len(sizes):,} addresses "
          f"(largest {sizes.max():,} people, sum of pairs {int((sizes * (sizes - 1) // 2).sum()):,}), "
          f"{len(rel):,} relations")
    t0 = time.perf_counter()
    out = households.build(persons, seen, rel, set())
    print(f"build      {time.perf_counter() - t0:8.1f} s  households {int(out[3].iloc[0]['households']):,}")
    if reference:
        from resolution.clustering import components
        from tests.unit.test_households_components import _reference_address_components
        stays = households._stays(persons, seen, set())
        t0 = time.perf_counter()
        a, b = households._address_unions(stays, households.WINDOW_DAYS)
        label = components(len(stays), a, b)
        print(f"sweep      {time.perf_counter() - t0:8.1f} s  (co-residence at one address)")
        t0 = time.perf_counter()
        want = _reference_address_components(stays, households.WINDOW_DAYS)
        print(f"all-pairs  {time.perf_counter() - t0:8.1f} s")
        got = pd.Series(range(len(stays))).groupby(label).agg(frozenset)
        print("identical components:", set(got) == want)


@click.command("households", help=__doc__)
@click.option("--records", type=int, default=1_000_000, show_default=True)
@click.option("--no-reference", is_flag=True, help="skip the all-pairs comparison")
def command(records: int, no_reference: bool) -> None:
    run(records, not no_reference)


if __name__ == "__main__":
    command()
