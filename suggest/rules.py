"""The agenda-suggestion rules: pure functions from one household's facts (as read by
suggest/cypher/household_facts.cypher, cut at the run's day) to the reasons it should be seen.

A rule fires only on something new: a fact the run counts as new (`Window.is_new`: dated after the
previous run, or created by the load being followed up, and recent) must be among the facts that
make the rule true. So a household that met a rule long ago is not raised again by every run, and
a suggestion dismissed by the council's secretary comes back only with a new fact (suggest/store.py).

Every threshold is a setting (docs/settings.md, `JSS_SUGGEST_*`), read into `Thresholds`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

RULES = ("marac", "escalation", "child", "fragmented", "serial", "risk")
# Weight of each rule in a suggestion's priority; a household meeting several rules ranks above one
# meeting one. The risk rule adds a quarter of the score's points on top (a 12-point victim: +3).
WEIGHTS = {"marac": 3.0, "escalation": 3.0, "serial": 3.0, "child": 2.0, "fragmented": 2.0, "risk": 1.0}


@dataclass(frozen=True)
class Thresholds:
    marac_calls: int = 3               # the MARAC repeat rule: this many victim calls …
    marac_days: int = 365              # … within this many days
    escalation_days: int = 365         # escalation compares with the first call of this window
    escalation_increase: int = 2       # severity (0–13, derived/) rise that counts as escalation
    faster_ratio: float = 0.5          # a gap at most this share of the gap before it is "faster"
    child_age: int = 18                # under this age on the call's day, a household member is a child
    fragmented_agencies: int = 3       # agencies in contact with a household not on the agenda
    serial_victims: int = 2            # distinct victims that make a suspect serial
    risk_points: int = 8               # hand score (queries/risk.py LEVELS: 8 = 높음)
    recent_days: int = 90              # facts older than this (before the run's day) are not news
    rules: tuple[str, ...] = RULES     # the rules in force (the back-test's baseline: marac alone)

    @classmethod
    def from_settings(cls, settings: Any, **overrides: Any) -> Thresholds:
        values = {name: getattr(settings, f"suggest_{name}") for name in cls.__dataclass_fields__
                  if name != "rules" and hasattr(settings, f"suggest_{name}")}
        return cls(**{**values, **overrides})


@dataclass(frozen=True)
class Window:
    """What a run counts as new: facts dated after `since` (the previous run's day), or created by
    `load_id`, up to `as_of`, and not older than `recent_days` before it. With neither (a first run)
    every recent fact is new."""
    as_of: date
    since: date | None = None
    load_id: str | None = None
    recent_days: int = 90

    def is_new(self, day: date, first_load_id: str | None = None) -> bool:
        if day > self.as_of or day <= self.as_of - timedelta(days=self.recent_days):
            return False
        if self.since is None and self.load_id is None:
            return True
        return bool((self.since is not None and day > self.since)
                    or (self.load_id is not None and first_load_id == self.load_id))


@dataclass
class Reason:
    rule: str
    person_id: str | None
    fact_ids: list[str]
    on: date                             # the day of the newest fact that made the rule true
    detail: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "person_id": self.person_id, "fact_ids": self.fact_ids,
                "on": self.on.isoformat(), "detail": self.detail}


def day_of(value: Any) -> date | None:
    """The day of a value as the graph or a test gives it: ISO text, a date or time, a neo4j.time value."""
    if isinstance(value, str):                               # ISO text, as household_facts.cypher gives
        return date.fromisoformat(value[:10])
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    to_native = getattr(value, "to_native", None)            # neo4j.time values
    return day_of(to_native()) if to_native else date.fromisoformat(str(value)[:10])


def _calls(facts: dict[str, Any], as_of: date) -> list[dict[str, Any]]:
    """The household's call involvements up to `as_of`, each with its `day`, oldest first (worked out
    once per household and day: every rule reads them)."""
    cached = facts.get("_calls")
    if cached is not None and cached[0] == as_of:
        return cached[1]
    out = []
    for c in facts.get("calls") or []:
        at = c.get("at")
        day = day_of(at)
        if day is not None and day <= as_of:
            out.append({**c, "day": day, "_at": at if isinstance(at, str) else at.isoformat()})
    out.sort(key=lambda c: (c["_at"], c["call_id"]))
    facts["_calls"] = (as_of, out)
    return out


def _victim_calls(calls: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    by: dict[str, list[dict[str, Any]]] = {}
    for c in calls:
        if c.get("role") == "victim":
            seen = by.setdefault(c["person_id"], [])
            if not seen or seen[-1]["call_id"] != c["call_id"]:
                seen.append(c)
    return by


def marac(facts: dict[str, Any], w: Window, t: Thresholds) -> list[Reason]:
    """A victim's new call that is the `marac_calls`-th or later within `marac_days` days."""
    out = []
    for pid, vc in _victim_calls(_calls(facts, w.as_of)).items():
        for c in reversed(vc):
            if not w.is_new(c["day"], c.get("first_load_id")):
                continue
            inside = [x for x in vc if c["day"] - timedelta(days=t.marac_days) <= x["day"] <= c["day"]]
            if len(inside) >= t.marac_calls:
                out.append(Reason("marac", pid, [x["call_id"] for x in inside], c["day"],
                                  {"calls": len(inside), "days": t.marac_days}))
                break
    return out


def escalation(facts: dict[str, Any], w: Window, t: Thresholds) -> list[Reason]:
    """A victim's new call that is more severe than the first of the window before it, or the first
    with a weapon or an injury after calls without, or comes faster than the gap before it."""
    out = []
    for pid, vc in _victim_calls(_calls(facts, w.as_of)).items():
        for i in range(len(vc) - 1, 0, -1):
            c = vc[i]
            if not w.is_new(c["day"], c.get("first_load_id")):
                continue
            before = [x for x in vc[:i] if x["day"] >= c["day"] - timedelta(days=t.escalation_days)]
            if not before:
                continue
            kinds, detail = [], {}
            first_sev, sev = before[0].get("severity") or 0, c.get("severity") or 0
            if sev - first_sev >= t.escalation_increase:
                kinds.append("severity")
                detail.update(from_severity=first_sev, to_severity=sev)
            if c.get("weapon") is True and not any(x.get("weapon") is True for x in vc[:i]):
                kinds.append("weapon")
            if c.get("injury") is True and not any(x.get("injury") is True for x in vc[:i]):
                kinds.append("injury")
            if i >= 2:
                gap, prev_gap = (c["day"] - vc[i - 1]["day"]).days, (vc[i - 1]["day"] - vc[i - 2]["day"]).days
                if prev_gap > 0 and gap <= t.faster_ratio * prev_gap:
                    kinds.append("faster")
                    detail.update(gap_days=gap, previous_gap_days=prev_gap)
            if kinds:
                out.append(Reason("escalation", pid, [x["call_id"] for x in before] + [c["call_id"]], c["day"],
                                  {"kinds": kinds, **detail}))
                break
    return out


def _age_on(member: dict[str, Any], day: date) -> int | None:
    born = day_of(member.get("birth_date"))
    if born is not None:
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    year = member.get("birth_year")
    return day.year - int(year) if year else None


def child(facts: dict[str, Any], w: Window, t: Thresholds) -> list[Reason]:
    """A child of the household who witnessed a new call, or was under `child_age` on the day of a
    new call naming another member (victim or suspect)."""
    calls = _calls(facts, w.as_of)
    out = []
    for m in facts.get("members") or []:
        pid = m["person_id"]
        exposing = []
        for c in calls:
            if c["person_id"] == pid and c.get("role") == "child_witness":
                exposing.append(c)
            elif c["person_id"] != pid and c.get("role") in ("victim", "suspect"):
                age = _age_on(m, c["day"])
                if age is not None and 0 <= age < t.child_age:
                    exposing.append(c)
        ids = list(dict.fromkeys(c["call_id"] for c in exposing))
        new = [c for c in exposing if w.is_new(c["day"], c.get("first_load_id"))]
        if new:
            first_new = min(new, key=lambda c: c["day"])
            out.append(Reason("child", pid, ids, max(c["day"] for c in new),
                              {"calls": len(ids), "first_exposure": first_new["call_id"] == ids[0],
                               "witness": any(c["person_id"] == pid for c in new)}))
    return out


def fragmented(facts: dict[str, Any], w: Window, t: Thresholds) -> list[Reason]:
    """`fragmented_agencies` or more agencies in contact with the household, none of its members on
    the council's agenda by the run's day, and a new contact (an agency's first, or a record of this
    load) among them."""
    contacts = [c for c in facts.get("contacts") or [] if (day_of(c.get("first")) or date.max) <= w.as_of]
    if len(contacts) < t.fragmented_agencies:
        return []
    if any((day_of(c.get("meeting_date")) or date.max) <= w.as_of for c in facts.get("cases") or []):
        return []
    newest = max(day_of(c.get("first")) for c in contacts)
    new_agency = w.is_new(newest)
    latest = max(day_of(c.get("last")) or date.min for c in contacts)
    from_load = bool(w.load_id and facts.get("load_records")) and w.is_new(min(latest, w.as_of), w.load_id)
    if not (new_agency or from_load):
        return []
    agencies = sorted(c["agency_id"] for c in contacts)
    return [Reason("fragmented", None, [f"agency:{a}" for a in agencies], newest if new_agency else min(latest, w.as_of),
                   {"agencies": len(agencies), "agency_ids": agencies})]


def serial(facts: dict[str, Any], w: Window, t: Thresholds) -> list[Reason]:
    """A member who is the victim of a new call whose suspect already had other victims: the
    suspect is serial (`serial_victims` distinct victims with this one), and this victim is new to
    them. Also names the suspect for the offender re-education programme."""
    calls = _calls(facts, w.as_of)
    pairs = facts.get("pairs") or []
    out = []
    for c in calls:
        if c.get("role") != "victim" or not w.is_new(c["day"], c.get("first_load_id")):
            continue
        for s in c.get("suspects") or []:
            if s == c["person_id"]:
                continue
            mine = [p for p in pairs if p["suspect_id"] == s and p["victim_id"] == c["person_id"]]
            if mine and mine[0].get("first_call_id") not in (None, c["call_id"]):
                continue            # not a new victim of this suspect: an earlier call already named the pair
            others = {p["victim_id"] for p in pairs if p["suspect_id"] == s and p["victim_id"] != c["person_id"]
                      and (day_of(p.get("first_at")) or date.max) <= c["day"]}
            if len(others) + 1 >= t.serial_victims:
                out.append(Reason("serial", c["person_id"], [c["call_id"]], c["day"],
                                  {"offender_id": s, "victims": len(others) + 1}))
    return out


def risk(facts: dict[str, Any], w: Window, t: Thresholds, points: dict[str, int] | None = None) -> list[Reason]:
    """A victim with a new call whose risk score (the hand score's points: stored on the Person by
    the scoring run, or `points` as of the run's day in a back-test) is at or above `risk_points`."""
    out = []
    stored = {m["person_id"]: m for m in facts.get("members") or []}
    for pid, vc in _victim_calls(_calls(facts, w.as_of)).items():
        new = [c for c in vc if w.is_new(c["day"], c.get("first_load_id"))]
        score = points.get(pid) if points is not None else (stored.get(pid) or {}).get("risk_points")
        if new and score is not None and score >= t.risk_points:
            level = (stored.get(pid) or {}).get("risk_level") if points is None else None
            out.append(Reason("risk", pid, [new[-1]["call_id"]], new[-1]["day"],
                              {"points": int(score), **({"level": level} if level else {})}))
    return out


def reasons(facts: dict[str, Any], w: Window, t: Thresholds,
            risk_points: dict[str, int] | None = None) -> list[Reason]:
    """Every reason the household should be seen, by the rules in force."""
    found: list[Reason] = []
    for name in t.rules:
        if name == "risk":
            found += risk(facts, w, t, risk_points)
        else:
            found += RULE_FUNCTIONS[name](facts, w, t)
    return found


def priority(found: list[Reason]) -> float:
    """How high the household ranks: the weights of the distinct rules met, and a quarter of the
    highest risk score among the reasons."""
    rules = {r.rule for r in found}
    points = max((r.detail.get("points", 0) for r in found if r.rule == "risk"), default=0)
    return round(sum(WEIGHTS[r] for r in rules) + min(points, 20) / 4, 2)


RULE_FUNCTIONS = {"marac": marac, "escalation": escalation, "child": child, "fragmented": fragmented,
                  "serial": serial}
