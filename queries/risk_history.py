"""Every victim's history read from the graph once, whatever its date, as flat arrays: the input of
`queries.risk_snapshot`, which computes the risk features at any cut-off from it with numpy (what
`queries/analytics/risk_features.cypher` and `risk_features.feature_bins` give one victim at a
time, for all victims at once). A fit reads the graph once for all its cut-offs (`risk/dataset.py`)
and the app scores every victim from the same arrays (`queries.risk.score_victims`).

`read_history(runner)` reads a few flat, keyset-paged pulls (queries/analytics/risk_history_*.cypher:
calls, who was involved in them, checklists, services, protection measures, council cases,
victims), two at a time, and `build_history` turns their frames into arrays indexed by person code
(person ids sorted) and call index (call ids sorted). Nothing is filtered by date here.

Dates are whole days since 1970-01-01 (int64). A call "before the cut-off" is one received before
midnight starting `as_of`, the same as `c.received_at < localdatetime({date: as_of})`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from graph.cypher_files import NamedQuery, load_directory
from graph.runner import Runner
from queries.risk_features import (
    CATEGORIES,
    FAMILY,
    ORDER_OUTCOMES,
    PARTNER,
    PROTECTION,
    SEPARATION,
)

log = logging.getLogger("jss.risk")
PAGE = 50_000
EPOCH = date(1970, 1, 1)
SHELTER = "주거·보호시설"
NO_DAY = np.iinfo(np.int64).max          # "never" for a first date
SEVERITY_PRIORITY = {"C0": 4, "C1": 3, "C2": 2, "C3": 1}
# relations on a victim's calls as bits, OR-ed over the calls before the cut-off
REL_SEPARATION, REL_PARTNER, REL_FAMILY, REL_ANY = 1, 2, 4, 8


def day_number(d: date) -> int:
    return (d - EPOCH).days


@lru_cache(maxsize=1)
def _pulls() -> dict[str, NamedQuery]:
    return load_directory(Path(__file__).resolve().parent / "analytics")


def pages(runner: Runner, q: NamedQuery, params: dict[str, Any] | None = None, *,
          name: str) -> Iterator[dict[str, Any]]:
    """The pages of a keyset-paged query whose one record per page holds `nodes` (how many it
    read), `last` (the key to continue after) and `rows` (a list per row), which the driver decodes
    many times faster than a record per row."""
    after = ""
    while True:
        # `stream`, not `read`: the rows hold only text, numbers, booleans and None, so the values
        # need no conversion, which took a third of the client's time per page.
        [page] = runner.stream(q.text, q.bind({**(params or {}), "after": after, "page": PAGE}), name=name,
                               timeout=runner.settings.write_timeout_s)
        yield page
        if page["nodes"] < PAGE:
            return
        after = page["last"]


def _paged(runner: Runner, name: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """All rows of a pull as one frame (the columns its pages name); values stay Python objects."""
    frames = [pd.DataFrame(page["rows"], columns=page["columns"], dtype=object)
              for page in pages(runner, _pulls()[name], params, name=f"risk.{name}")]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _days(values: Any) -> np.ndarray:
    """ISO dates or date-times as text (None allowed) → day numbers as float (NaN for none)."""
    s = pd.to_datetime(pd.Series(values, dtype=object), format="ISO8601", errors="coerce")
    out = s.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64).astype(float)
    out[s.isna().to_numpy()] = np.nan
    return out


def _is_true(values: Any) -> np.ndarray:
    return np.fromiter((v is True for v in values), dtype=bool, count=len(values))


def _explode(df: pd.DataFrame, column: str, codes: pd.Index) -> tuple[np.ndarray, np.ndarray]:
    """(row index, person code) for each person id listed in `df[column]`."""
    lengths = df[column].map(len).to_numpy(dtype=np.int64)
    rows = np.repeat(np.arange(len(df)), lengths)
    ids = [p for ps in df[column] for p in ps]
    return rows, codes.get_indexer(ids).astype(np.int64)


def _first_days(person: np.ndarray, key: np.ndarray, days: np.ndarray) -> pd.DataFrame:
    """The earliest day per (person, key), dropping rows without a day."""
    ok = ~np.isnan(days)
    df = pd.DataFrame({"p": person[ok], "k": key[ok], "day": days[ok].astype(np.int64)})
    return df.groupby(["p", "k"], sort=True, as_index=False)["day"].min()


@dataclass
class RiskHistory:
    """The victims' histories as flat arrays, read once (`read_history`), any date."""
    person_ids: np.ndarray              # code → person_id (sorted)
    victims: pd.DataFrame               # per person code: name, sex, birth_year, household_id, ...
                                        # (None / 0 for people never named as victim)
    calls: pd.DataFrame                 # per call index (call_id order): received_at, day, severity, flags
    victim_calls: pd.DataFrame          # (v, call, day) sorted by v, received_at, call_id
    pairs: pd.DataFrame                 # (v, s, day): s is a suspect on a call of v from `day`
    suspect_calls: pd.DataFrame         # (s, call, day)
    suspect_victims: pd.DataFrame       # (s, o, day): o a victim on a call naming s, from `day`
    assessments: pd.DataFrame           # (v, day, grade, yes) sorted by v, day, assessment_id
    services: pd.DataFrame              # distinct (v, day, field)
    council: pd.DataFrame               # distinct (v, day)
    agencies: pd.DataFrame              # (p, k: agency code, day: the first day p met it)
    protection_from: np.ndarray         # per person code: first protection measure day
    shelter_from: np.ndarray            # per person code: first shelter service day
    seconds: float = 0.0

    @property
    def n_people(self) -> int:
        return len(self.person_ids)


# The pulls, the longest first: two run at a time, so the server works on both cores while the
# client decodes.
PULLS = {"involvements": ("risk_history_involvements", None), "calls": ("risk_history_calls", None),
         "victims": ("risk_history_victims", None), "assessments": ("risk_history_assessments", None),
         "services": ("risk_history_services", None),
         "measures": ("risk_history_measures", {"types": sorted(PROTECTION)}),
         "council": ("risk_history_council", None)}
READ_WORKERS = 2


def read_history(runner: Runner) -> RiskHistory:
    started = time.monotonic()
    with ThreadPoolExecutor(READ_WORKERS, thread_name_prefix="jss-risk-read") as pool:
        futures = {kind: pool.submit(_paged, runner, name, params) for kind, (name, params) in PULLS.items()}
        frames = {kind: f.result() for kind, f in futures.items()}
    read_s = time.monotonic() - started
    history = build_history(**frames)
    history.seconds = time.monotonic() - started
    log.info("risk.history read=%.1fs build=%.1fs calls=%d victims=%d", read_s, history.seconds - read_s,
             len(frames["calls"]), len(frames["victims"]))
    return history


def _relation_bits(relation: Any) -> int:
    if relation is None:
        return 0
    return REL_ANY | (REL_SEPARATION if relation in SEPARATION else REL_PARTNER if relation in PARTNER
                      else REL_FAMILY if relation in FAMILY else 0)


def _agency_links(rows: np.ndarray, people: np.ndarray, agencies: pd.Series,
                  days: np.ndarray) -> pd.DataFrame:
    """(person, agency, day) for each person linked to a row (a call, a checklist, a service) and
    each agency of that row."""
    a_rows = np.repeat(np.arange(len(agencies)), agencies.map(len).to_numpy(dtype=np.int64))
    a_ids = np.array([a for listed in agencies for a in listed], dtype=object)
    link = pd.DataFrame({"row": rows, "p": people}).merge(pd.DataFrame({"row": a_rows, "a": a_ids}), on="row")
    return pd.DataFrame({"p": link["p"].to_numpy(dtype=np.int64), "a": link["a"].to_numpy(dtype=object),
                         "day": days[link["row"].to_numpy(dtype=np.int64)]})


def build_history(calls: pd.DataFrame, involvements: pd.DataFrame, assessments: pd.DataFrame,
                  services: pd.DataFrame, measures: pd.DataFrame, council: pd.DataFrame,
                  victims: pd.DataFrame) -> RiskHistory:
    """The arrays from the pulls' frames (the columns each pull names)."""
    ids: list[str] = [*victims["person_id"], *(p for p in involvements["person_id"] if p is not None)]
    for df in (assessments, services, measures, council):
        ids.extend(p for ps in df["people"] for p in ps)
    person_ids = np.array(sorted(set(ids)), dtype=object)
    codes = pd.Index(person_ids, dtype=object)
    n = len(person_ids)

    # calls: one row per call in call_id order; a call without a time is before and after no cut-off
    at = pd.to_datetime(pd.Series(calls["at"], dtype=object), format="ISO8601")
    calls, at = calls[at.notna().to_numpy()], at[at.notna()]
    order_by_id = np.argsort(calls["call_id"].to_numpy(dtype=object), kind="stable")
    calls, at = calls.iloc[order_by_id].reset_index(drop=True), at.iloc[order_by_id].reset_index(drop=True)
    call_at = pd.Index(calls["call_id"].to_numpy(dtype=object), dtype=object)

    # who was involved: one row per (call, record); records of calls without a time are dropped
    inv_call = call_at.get_indexer(involvements["call_id"].to_numpy(dtype=object))
    inv = involvements[inv_call >= 0]
    inv_call = inv_call[inv_call >= 0]
    role = inv["role"].to_numpy(dtype=object)
    person = inv["person_id"].to_numpy(dtype=object)
    resolved = np.array([p is not None for p in person], dtype=bool)
    inv_person = np.full(len(inv), -1, dtype=np.int64)
    inv_person[resolved] = codes.get_indexer(person[resolved])
    relbits = np.zeros(len(calls), dtype=np.int64)
    suspect = role == "suspect"
    np.bitwise_or.at(relbits, inv_call[suspect],
                     np.array([_relation_bits(r) for r in inv["relation"].to_numpy(dtype=object)[suspect]],
                              dtype=np.int64))
    child_witness = np.zeros(len(calls), dtype=bool)
    child_witness[inv_call[role == "child_witness"]] = True

    weapon, injury = _is_true(calls["weapon"]), _is_true(calls["injury"])
    outcome = calls["outcome"].to_numpy(dtype=object)
    order = np.array([bool(o) for o in calls["order"]], dtype=bool) | np.isin(outcome, list(ORDER_OUTCOMES))
    severity = (calls["priority"].map(SEVERITY_PRIORITY).fillna(0).to_numpy(dtype=np.int64)
                + 3 * weapon + 3 * injury + 2 * order + (outcome == "형사입건"))
    category = calls["category"].map({c: i for i, c in enumerate(CATEGORIES)}).fillna(len(CATEGORIES) - 1)
    call_frame = pd.DataFrame({
        "at": at.to_numpy(),
        "day": at.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64),
        "severity": severity, "weapon": weapon, "injury": injury, "order": order,
        "children": _is_true(calls["child_present"]) | child_witness,
        "category": category.to_numpy(dtype=np.int64), "relbits": relbits,
        "serious": weapon | injury | calls["priority"].isin(["C0", "C1"]).to_numpy()})
    day = call_frame["day"].to_numpy()

    def named(as_role: str | None) -> pd.DataFrame:
        keep = resolved if as_role is None else resolved & (role == as_role)
        df = pd.DataFrame({"p": inv_person[keep], "call": inv_call[keep]}).drop_duplicates(ignore_index=True)
        return df.assign(day=day[df["call"].to_numpy()])

    vc = named("victim").rename(columns={"p": "v"})
    # sorted by victim, then received_at, then call_id (the call index is in call_id order)
    vc = vc.iloc[np.lexsort((vc["call"].to_numpy(), call_frame["at"].to_numpy()[vc["call"].to_numpy()],
                             vc["v"].to_numpy()))].reset_index(drop=True)
    sc = named("suspect").rename(columns={"p": "s"})
    pairs = vc.merge(sc[["s", "call"]], on="call")
    pairs = pairs[pairs["v"] != pairs["s"]].groupby(["v", "s"], as_index=False, sort=True)["day"].min()
    svo = sc.merge(vc[["v", "call"]].rename(columns={"v": "o"}), on="call")
    svo = svo[svo["o"] != svo["s"]].groupby(["s", "o"], as_index=False, sort=True)["day"].min()

    # agencies involved: the call's agencies for anyone named on it in any role, a checklist's and a
    # service's for the people they are about; the first day each (person, agency) pair was seen
    anyone = named(None)
    links = [_agency_links(anyone["call"].to_numpy(), anyone["p"].to_numpy(), calls["agencies"],
                           day.astype(float))]
    for df in (assessments, services):
        rows, p = _explode(df, "people", codes)
        links.append(_agency_links(rows, p, df["agencies"], _days(df["date"])))
    link = pd.concat(links, ignore_index=True)
    agency_codes, _ = pd.factorize(link["a"])
    agencies = _first_days(link["p"].to_numpy(dtype=np.int64), agency_codes,
                           link["day"].to_numpy(dtype=float))

    # checklists: the latest before a cut-off is the last by (date, assessment_id)
    rows, p = _explode(assessments, "people", codes)
    a_days = _days(assessments["date"])
    ra = pd.DataFrame({"v": p, "day": a_days[rows],
                       "id": assessments["assessment_id"].to_numpy(dtype=object)[rows],
                       "grade": pd.Series(assessments["grade"].to_numpy(dtype=object)[rows], dtype=object),
                       "yes": assessments["yes"].fillna(0).to_numpy(dtype=np.int64)[rows]})
    ra = ra[~np.isnan(ra["day"].to_numpy())].astype({"day": np.int64})
    ra = ra.sort_values(["v", "day", "id"], ignore_index=True).drop(columns="id")

    rows, p = _explode(services, "people", codes)
    sv = pd.DataFrame({"v": p, "day": _days(services["date"])[rows],
                       "field": pd.Series(services["field"].to_numpy(dtype=object)[rows], dtype=object)})
    sv = sv[~np.isnan(sv["day"].to_numpy())].astype({"day": np.int64}).drop_duplicates(ignore_index=True)
    shelter_from = np.full(n, NO_DAY, dtype=np.int64)
    shelters = sv[sv["field"] == SHELTER]
    np.minimum.at(shelter_from, shelters["v"].to_numpy(), shelters["day"].to_numpy())

    rows, p = _explode(measures, "people", codes)
    m = pd.DataFrame({"v": p, "day": _days(measures["date"])[rows],
                      "type": measures["type"].to_numpy(dtype=object)[rows]})
    m = m[~np.isnan(m["day"].to_numpy()) & m["type"].isin(list(PROTECTION)).to_numpy()]
    protection_from = np.full(n, NO_DAY, dtype=np.int64)
    np.minimum.at(protection_from, m["v"].to_numpy(), m["day"].to_numpy().astype(np.int64))

    rows, p = _explode(council, "people", codes)
    cc = pd.DataFrame({"v": p, "day": _days(council["date"])[rows]})
    cc = cc[~np.isnan(cc["day"].to_numpy())].astype({"day": np.int64}).drop_duplicates(ignore_index=True)

    # per person code (suspects and others have no row: None / 0)
    at_code = codes.get_indexer(victims["person_id"])
    people = pd.DataFrame(index=pd.RangeIndex(n))
    for column in ("name", "sex", "birth_year", "household_id"):
        values = np.full(n, None, dtype=object)
        values[at_code] = [None if pd.isna(x) else x for x in victims[column]]
        people[column] = pd.Series(values, dtype=object)   # None stays None (pandas 3 infers text as str)
    others = np.zeros(n, dtype=np.int64)
    others[at_code] = victims["household_others"].fillna(0).to_numpy(dtype=np.int64)
    people["household_others"] = others
    born = np.full(n, np.nan)
    born[at_code] = _days(victims["youngest_other_born"])
    people["youngest_other_born"] = born
    return RiskHistory(person_ids, people, call_frame, vc, pairs, sc, svo, ra, sv, cc, agencies,
                       protection_from, shelter_from)
