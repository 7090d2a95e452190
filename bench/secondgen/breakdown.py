"""Why pairs were missed or wrongly joined: every record's forms and errors (from the generator's
tags) and what the two records of a pair share, counted over missed pairs (false negatives) and
wrongly joined pairs (false positives).

A *feature* is one fact about a record (`birth:serial`, `name:masked_star`, `typo_jamo`,
`agency:제주의료원`) or about a pair (`pair:moved`, `pair:road_vs_lot`, `pair:phone_differs`). A pair
carries the union of its records' features. A feature is *elevated* among missed pairs when the
share of true pairs carrying it that were missed is at least twice the overall miss rate, and among
wrong joins when it occurs in them at least twice as often as in a random pair of records. A
cause is the pair's shared fields (or, for wrong joins, how the two people are related and what
they truly share) plus its elevated features: features unrelated to errors are left out so the
causes do not fragment, and so are agencies (they stand for their formats) and `<field>:missing`
(the shared fields say it).
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict

import numpy as np
import pandas as pd

FIELDS = ("name", "birth", "phone", "address")
ELEVATION = 2.0
MIN_PAIRS = 3


def record_features(records: pd.DataFrame, tags: pd.DataFrame) -> list[frozenset[str]]:
    out = []
    for t in tags.itertuples(index=False):
        f = {f"name:{t.name_form}", f"birth:{t.birth_form}", f"phone:{t.phone_form}",
             f"address:{t.address_form}", f"sex:{t.sex_form}", f"agency:{t.agency}",
             *(e for e in t.errors.split() if e != "unit_omitted")}  # that one is `unit:omitted`
        if t.address_form != "missing":
            f.add(f"province:{t.province}")
            if t.unit_form:
                f.add(f"unit:{t.unit_form}")
        if t.country:
            f.add(f"foreign:{t.country}")
        out.append(frozenset(f))
    return out


def _present(records: pd.DataFrame) -> np.ndarray:
    cols = {"name": "name", "birth": "birth_date", "phone": "phone", "address": "address"}
    return np.column_stack([records[cols[f]].str.strip().ne("").to_numpy() for f in FIELDS])


def true_pairs(truth: pd.Series) -> np.ndarray:
    groups = pd.Series(np.arange(len(truth))).groupby(truth.to_numpy()).agg(list)
    pairs = [p for idx in groups if len(idx) > 1 for p in itertools.combinations(idx, 2)]
    return np.array(pairs, dtype=np.int64).reshape(-1, 2)


def wrong_pairs(truth: pd.Series, predicted: pd.Series, limit: int = 200_000) -> tuple[np.ndarray, int]:
    """Pairs in one predicted cluster with different true people (first `limit`), and their count."""
    df = pd.DataFrame({"t": truth.to_numpy(), "p": predicted.to_numpy(), "i": np.arange(len(truth))})
    mixed = df.groupby("p")["t"].transform("nunique") > 1
    pairs, total = [], 0
    for _, g in df[mixed].groupby("p"):
        idx, t = g["i"].to_numpy(), g["t"].to_numpy()
        a, b = np.triu_indices(len(idx), 1)
        keep = t[a] != t[b]
        total += int(keep.sum())
        if len(pairs) < limit:
            pairs.extend(zip(idx[a[keep]].tolist(), idx[b[keep]].tolist(), strict=True))
    return np.array(pairs[:limit], dtype=np.int64).reshape(-1, 2), total


class Breakdown:
    def __init__(self, records: pd.DataFrame, tags: pd.DataFrame, predicted: pd.Series) -> None:
        self.records, self.tags = records.reset_index(drop=True), tags.reset_index(drop=True)
        self.predicted = predicted.reset_index(drop=True)
        self.features = record_features(self.records, self.tags)
        self.present = _present(self.records)
        self.latin = self.records["name"].str.contains("[A-Za-z]", regex=True).to_numpy()
        self.address_of = self.tags["true_address"].to_numpy()
        self.phone_of = self.tags["true_phone"].to_numpy()
        self.address_form = self.tags["address_form"].to_numpy()
        self.truth = self.tags["person_id"]
        self.true = true_pairs(self.truth)
        same = self.predicted.to_numpy()
        self.missed = self.true[same[self.true[:, 0]] != same[self.true[:, 1]]]
        self.wrong, self.wrong_total = wrong_pairs(self.truth, self.predicted)
        self._pair_cache: dict[tuple[int, int], frozenset[str]] = {}
        self._rates: pd.DataFrame | None = None

    def shared(self, i: int, j: int) -> str:
        both = self.present[i] & self.present[j]
        return "both have " + ("+".join(f for f, b in zip(FIELDS, both, strict=True) if b) or "nothing")

    def pair_features(self, i: int, j: int) -> frozenset[str]:
        if (i, j) in self._pair_cache:
            return self._pair_cache[i, j]
        f = set(self.features[i] | self.features[j])
        if self.present[i][3] and self.present[j][3]:
            if self.address_of[i] != self.address_of[j]:
                f.add("pair:address_differs")
            elif self.address_form[i] != self.address_form[j]:
                f.add("pair:road_vs_lot")
        if self.present[i][2] and self.present[j][2] and self.phone_of[i] != self.phone_of[j]:
            f.add("pair:phone_differs")
        if self.latin[i] != self.latin[j] and self.present[i][0] and self.present[j][0]:
            f.add("pair:latin_vs_hangul_name")
        self._pair_cache[i, j] = frozenset(f)
        return self._pair_cache[i, j]

    def relation(self, i: int, j: int) -> str:
        t = self.tags
        a, b = t.loc[i], t.loc[j]
        if a.household_id == b.household_id:
            roles = tuple(sorted((a.role, b.role)))
            if roles == ("child", "child"):
                return "twins" if a.true_birth == b.true_birth else "siblings"
            return {("head", "spouse"): "spouses", ("child", "head"): "parent-child",
                    ("child", "spouse"): "parent-child", ("child", "grandparent"): "grandparent-grandchild"
                    }.get(roles, "parent-adult child")
        if a.true_name == b.true_name:
            return "namesakes, same birth year" if a.true_birth[:4] == b.true_birth[:4] else "namesakes"
        if a.true_name[:1] == b.true_name[:1] and a.true_birth[:4] == b.true_birth[:4]:
            return "same surname and birth year"
        return "same address, other household" if a.true_address == b.true_address else "unrelated"

    def agreements(self, i: int, j: int) -> str:
        t = self.tags
        same = [label for label, col in (("address", "true_address"), ("phone", "true_phone"),
                                          ("birth date", "true_birth")) if t.at[i, col] == t.at[j, col]]
        return "truly share " + (", ".join(same) or "no address/phone/birth date")

    def _example(self, i: int, j: int) -> list[str]:
        lines = []
        for k in (i, j):
            r, t = self.records.loc[k], self.tags.loc[k]
            lines.append(f"      {t.person_id} [{t.agency}] {r['name']!r} | {r['birth_date']!r} | {r['sex']!r} | "
                         f"{r['phone']!r} | {r['address']!r}  (cluster {str(self.predicted[k])[-8:]}; "
                         f"{t.name_form}/{t.birth_form}/{t.phone_form}/{t.address_form}"
                         f"{' ' + t.errors if t.errors else ''})")
        return lines

    def _distinct(self, pairs: list[tuple[int, int]], k: int) -> list[tuple[int, int]]:
        """Up to k pairs, pairs of people not shown yet first (one person's records pair up many times)."""
        seen, first, rest = set(), [], []
        for i, j in pairs:
            who = tuple(sorted((self.truth[i], self.truth[j])))
            (rest if who in seen else first).append((i, j))
            seen.add(who)
        return (first + rest)[:k]

    def miss_rates(self) -> pd.DataFrame:
        if self._rates is not None:
            return self._rates
        total, missed = Counter(), Counter()
        missed_set = set(map(tuple, self.missed.tolist()))
        for i, j in self.true.tolist():
            feats = self.pair_features(i, j)
            total.update(feats)
            if (i, j) in missed_set:
                missed.update(feats)
        df = pd.DataFrame({"true_pairs": pd.Series(total), "missed": pd.Series(missed)}).fillna(0).astype(int)
        df["miss_rate"] = (df["missed"] / df["true_pairs"]).round(4)
        self._rates = df.sort_values(["miss_rate", "missed"], ascending=False)
        return self._rates

    def wrong_lift(self) -> pd.DataFrame:
        n = len(self.records)
        share = Counter(f for fs in self.features for f in fs)
        in_wrong = Counter(f for i, j in self.wrong.tolist() for f in self.pair_features(i, j))
        rows = {f: (c, c / max(len(self.wrong), 1) / (1 - (1 - share.get(f, 0) / n) ** 2 or 1))
                for f, c in in_wrong.items()}
        df = pd.DataFrame.from_dict(rows, orient="index", columns=["wrong_pairs", "lift"])
        return df.sort_values(["wrong_pairs", "lift"], ascending=False)

    def _over_represented(self, members: list[tuple[int, int]], baseline: dict[str, float], cause: str) -> str:
        """The features a cause's pairs carry far more often than the baseline pairs (a hint for the
        `-` causes, whose pairs carry no single elevated feature)."""
        counts = Counter(f for i, j in members for f in self.pair_features(i, j))
        rows = []
        for f, c in counts.items():
            share = c / len(members)
            lift = share / baseline[f] if baseline.get(f) else 0.0
            if share >= 0.2 and lift >= 1.5 and f not in cause and not f.startswith("agency:"):
                rows.append((lift, f, share))
        return ", ".join(f"{f} {share:.0%} (×{lift:.1f})" for lift, f, share in sorted(rows, reverse=True)[:5])

    def causes(self, kind: str, top: int, examples: int) -> tuple[list[str], list[dict]]:
        if kind == "missed":
            pairs, rates = self.missed, self.miss_rates()
            overall = len(self.missed) / max(len(self.true), 1)
            elevated = set(rates.index[(rates["miss_rate"] >= ELEVATION * overall) & (rates["missed"] >= MIN_PAIRS)])
            baseline = (rates["true_pairs"] / max(len(self.true), 1)).to_dict()
        else:
            pairs, lift = self.wrong, self.wrong_lift()
            elevated = set(lift.index[(lift["lift"] >= ELEVATION) & (lift["wrong_pairs"] >= MIN_PAIRS)])
            n, share = len(self.records), Counter(f for fs in self.features for f in fs)
            baseline = {f: 1 - (1 - c / n) ** 2 for f, c in share.items()}
        implied = {f"{field}:missing" for field in FIELDS}
        elevated = {f for f in elevated if not f.startswith("agency:") and f not in implied}
        groups: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for i, j in pairs.tolist():
            head = self.shared(i, j) if kind == "missed" else f"{self.relation(i, j)}; {self.agreements(i, j)}"
            feats = sorted(self.pair_features(i, j) & elevated)
            groups[f"{head} | {' '.join(feats) or '-'}"].append((i, j))
        ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:top]
        covered = sum(len(v) for _, v in ranked)
        lines = [f"  top {len(ranked)} causes cover {covered:,} of {len(pairs):,} pairs"]
        out = []
        for rank, (cause, members) in enumerate(ranked, 1):
            lines.append(f"  {rank:2d}. {len(members):6,} pairs  {cause}")
            if over := self._over_represented(members, baseline, cause):
                lines.append(f"      more common here than in {'all true' if kind == 'missed' else 'random'} "
                             f"pairs: {over}")
            for i, j in self._distinct(members, examples):
                lines += self._example(i, j)
            out.append({"cause": cause, "pairs": len(members)})
        return lines, out
