"""`generate()`: the whole bundle, chunk by chunk (people, calls and everything around them are
made, written and forgotten per chunk, so memory stays flat at national volumes)."""

from __future__ import annotations

import gc
import heapq
import json
import math
import random
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import yaml

from synth.agencies import POLICE_TYPES, build_agencies, by_type
from synth.bundle import Bundle
from synth.contract import RISK_MAPPING
from synth.council import write_council
from synth.events import EventBuilder
from synth.figures import council_figures
from synth.incidents import Call, IncidentGenerator
from synth.presets import CATEGORIES, PRESETS, VAW_CATEGORIES, Messiness, scaled
from synth.services import ServiceBuilder
from synth.truth import TruthWriter
from synth.world import Counters, Population

_COUNCIL_CATEGORIES = ("가정폭력", "아동학대", "성폭력", "스토킹", "데이트폭력", "노인학대")
# Raised whenever the same preset, seed and scale give other files: caches of generated bundles
# (tests/conftest.py) compare it. 2: calls carry 경도/위도.
GENERATOR_VERSION = 2


def _split(total: int, parts: int, k: int) -> int:
    """The k-th of `parts` near-equal shares of `total` (shares sum exactly to total)."""
    return total // parts + (1 if k < total % parts else 0)


def generate(preset: str, out: Path, seed: int = 42, scale: float = 1.0,
             progress: Callable[[str], None] | None = None, messiness: Messiness | None = None,
             calls_per_chunk: int | None = None) -> dict:
    """Write the bundle and its ground truth to `out`; return the manifest. `calls_per_chunk`
    overrides the preset's streaming unit (memory grows with it, not with the bundle)."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r}; choose one of {', '.join(PRESETS)}")
    if scale <= 0:
        raise ValueError("scale must be positive")
    p = PRESETS[preset]
    m = messiness or p.messiness
    say = progress or (lambda _msg: None)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    agencies, precinct_of, station_of = build_agencies()
    police_ids = {a.agency_id for a in agencies if a.type in POLICE_TYPES}
    counters = Counters()
    bundle = Bundle(out, m, random.Random(f"{seed}:{preset}:bundle"), counters, agencies,
                    random.Random(f"{seed}:{preset}:points"))
    truth = TruthWriter(out)

    totals = {(c, y): scaled(n, scale) for y, cats in p.calls.items() for c, n in cats.items()}
    referrals = {y: scaled(n, scale) for y, n in p.police_referrals.items()}
    per_chunk = calls_per_chunk or p.calls_per_chunk
    n_chunks = max(1, math.ceil(sum(totals.values()) / per_chunk))
    start, end = date(min(p.years), 1, 1), date(max(p.years), 12, 31)
    n_cases = scaled(p.council_cases, scale, 1)
    window = (p.council_from - timedelta(days=14), p.council_to - timedelta(days=10))
    candidates: list[tuple[float, int, Call]] = []  # a weighted reservoir (A-ES): top keys win
    kinds = by_type(agencies)
    written_calls = 0
    for k in range(n_chunks):
        # People and households reference each other (cycles): collect the previous chunk now, and
        # keep the cyclic collector from rescanning the live chunk again and again while it grows.
        gc.collect()
        gc.disable()
        try:
            rng = random.Random(f"{seed}:{preset}:chunk:{k}")
            pop = Population(rng, counters)
            events = EventBuilder(rng, pop, counters, precinct_of, station_of)
            gen = IncidentGenerator(rng, pop, {key: _split(n, n_chunks, k) for key, n in totals.items()},
                                    start, end, precinct_of)
            gen.run(CATEGORIES, events.new_call)
            calls = events.calls
            services = ServiceBuilder(rng, counters, kinds, station_of)
            services.police_referrals(calls, {y: _split(n, n_chunks, k) for y, n in referrals.items()})
            services.other_services(calls)
            measures, assessments = events.police_measures(), events.assessments()
            bundle.write_calls(calls)
            bundle.write_police_measures(measures)
            bundle.write_assessments(assessments)
            bundle.write_services(services.out)
            truth.write_chunk(pop.persons, pop.households, calls, services.out, assessments)
            for s in gen.series:
                inside = [c for c in s.calls if window[0] <= c.time.date() <= window[1]]
                if s.category in _COUNCIL_CATEGORIES and inside:
                    weight = 1 + 2 * s.escalating + len(s.calls) / 3 + max(c.risk for c in inside)
                    key = rng.random() ** (1 / weight)
                    entry = (key, counters.next("candidate"), inside[-1])
                    if len(candidates) < 3 * n_cases + 10:
                        heapq.heappush(candidates, entry)
                    elif key > candidates[0][0]:
                        heapq.heapreplace(candidates, entry)
        finally:
            gc.enable()
        written_calls += len(calls)
        say(f"chunk {k + 1}/{n_chunks}: {written_calls:,} calls, {counters.values.get('person', 0):,} people")

    chosen = [c for _, _, c in heapq.nlargest(n_cases, candidates)]
    period = (p.council_from, p.council_to)
    write_council(bundle, random.Random(f"{seed}:{preset}:council"), chosen, agencies, station_of,
                  max(len(chosen), scaled(p.council_measures, scale)),
                  min(len(chosen), scaled(p.council_non_police, scale)), p.council_outside_avg, period)
    counts = bundle.close()
    truth.close()
    say("council and summaries")
    figures = council_figures(out, period, police_ids)
    yoy = {"referrals_by_year": {str(y): dict(sorted(v.items())) for y, v in sorted(bundle.referrals_by_year.items())},
           "calls_by_year": {str(y): dict(sorted(v.items())) for y, v in sorted(bundle.calls_by_year.items())}}
    _dump(out / "_truth" / "council_figures.json", figures)
    _dump(out / "_truth" / "yoy.json", yoy)
    (out / "mapping.yaml").write_text(
        yaml.safe_dump({"risk_assessments": RISK_MAPPING}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    bad_per_file: dict[str, int] = {}
    for f, _ in _bad_list(out):
        bad_per_file[f] = bad_per_file.get(f, 0) + 1
    counts |= {"council_cases": figures["cases"], "council_measures": figures["measures"] + bad_per_file.get("council_measures", 0)}
    manifest = {
        "preset": preset, "seed": seed, "scale": scale, "generator": GENERATOR_VERSION,
        "counts": {f: {"rows": n, "bad_rows": bad_per_file.get(f, 0)} for f, n in sorted(counts.items())},
        "bad_values": _bad_value_counts(out),
        "persons": counters.values.get("person", 0), "households": counters.values.get("household", 0),
        "chunks": n_chunks, "period": {"from": start.isoformat(), "to": end.isoformat()},
        "year_on_year": _changes(yoy, police_ids),
        "parameters": {"messiness": m.as_dict(), "calls_per_year": {str(y): c for y, c in p.calls.items()},
                       "police_referrals_per_year": {str(y): n for y, n in p.police_referrals.items()},
                       "calls_per_chunk": per_chunk},
    }
    _dump(out / "_truth" / "manifest.json", manifest)
    return manifest


def _changes(yoy: dict, police_ids: set[str]) -> dict:
    """Year-on-year change of the last two years (percent), as the article reports them."""
    years = sorted(yoy["calls_by_year"])
    if len(years) < 2:
        return {}
    a, b = years[-2], years[-1]

    def vaw(y: str) -> int:
        return sum(n for c, n in yoy["calls_by_year"][y].items() if c in VAW_CATEGORIES)

    def refs(y: str) -> int:
        return sum(yoy["referrals_by_year"].get(y, {}).values())

    return {"years": [a, b],
            "police_to_partner_referrals_pct": round(100 * (refs(b) / refs(a) - 1), 1) if refs(a) else None,
            "violence_against_women_calls_pct": round(100 * (vaw(b) / vaw(a) - 1), 1) if vaw(a) else None}


def _bad_list(out: Path) -> list[tuple[str, int]]:
    import csv
    with open(out / "_truth" / "bad_rows.csv", encoding="utf-8", newline="") as fh:
        return [(r["file"], int(r["row"])) for r in csv.DictReader(fh)]


def _bad_value_counts(out: Path) -> dict[str, int]:
    """Bad values per file that do not reject their row (`_truth/bad_values.csv`)."""
    import csv
    counts: dict[str, int] = {}
    with open(out / "_truth" / "bad_values.csv", encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            counts[r["file"]] = counts.get(r["file"], 0) + 1
    return counts


def _dump(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8")
