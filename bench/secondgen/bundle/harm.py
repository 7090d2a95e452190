"""The latent harm process of one victim–offender pair: a self-exciting point process.

Incidents arrive with intensity (per day)

    λ(t) = P(t) · [ Z · μ/365 · season(t) · S(t) · D(t)  +  Σ_j m_j / τ · exp(−(t − t_j) / τ) ]

- Z, the pair's frailty (gamma, mean 1; the product of the offender's and the pair's part);
  μ, incidents per year at Z = 1 for the pair's kind of harm;
- season(t): a little more in summer and around the new year (at most ×1.15);
- S(t), separation: 1 while together; from the separation on 0.5 + 2·exp(−Δ/75 days) — risk rises
  to 2.5× right after a separation and falls below the old level over months;
- D(t), desistance: exp(−Δ/150 days) after the pair's desistance day (desisting pairs only);
- the sum, self-excitation: each incident j raises the intensity by m_j/τ, decaying over τ days,
  so incidents cluster. m_j (the branching ratio) grows with every incident in escalating pairs,
  halves after desistance, and is larger after severe incidents;
- P(t), protection: the product of the factors of every protective measure in force (a restraining
  order, a shelter stay, counselling, an offender programme, a council plan), each pulled towards 1
  by `protective_strength` (0: measures change nothing, 1: as designed).

Each incident has a latent severity (the pair's level + a trend per incident for escalating or
de-escalating pairs + more after a separation + noise); weapon and injury follow from it; the victim
reports it to 112 with a probability rising with severity and with earlier calls. A separation may
follow an incident; exposure ends some time after it (the offender moves on).

Sampling is Ogata's thinning with an upper bound that holds until the next incident (the
excitation only decays, every other factor is bounded), so it is exact. `run` calls the responder
on every incident and separation in time order; the responder's measures feed back into P(t).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import Protocol

SEASON_PEAK = 1.15
SEPARATION_PEAK = 2.5
SEPARATION_DECAY_DAYS = 75.0
DESISTANCE_DAYS = 150.0
SEVERITY_TREND = {"escalating": 0.3, "stable": 0.0, "desisting": -0.15}


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def season(t: float) -> float:
    doy = t % 365.25
    summer = math.exp(-((doy - 205) / 40) ** 2)  # late July
    new_year = math.exp(-(min(doy, 365.25 - doy) / 12) ** 2)
    return 1.0 + 0.15 * max(summer, new_year)


@dataclass
class PairSpec:
    pair_id: str
    category: str  # the call category while together (가정폭력, 데이트폭력, 아동학대, 노인학대, 성폭력)
    relation: str  # the offender's relation to the victim while together
    frailty: float
    base_per_year: float
    branching: float
    decay_days: float
    trajectory: str  # escalating | stable | desisting
    severity: float  # the pair's mean latent severity
    reporting: float  # the victim's propensity to call 112 (logit shift)
    start: float
    end: float
    desist_at: float | None = None
    separable: bool = False  # partners, who may separate
    separation_hazard: float = 0.0  # chance that an incident leads to a separation
    separation_at: float | None = None  # a separation no incident causes (drawn in advance)


@dataclass
class Incident:
    pair_id: str
    k: int  # 0 for the pair's first incident
    t: float
    severity: float
    weapon: bool
    injury: bool
    reported: bool
    separated: bool
    prior_calls: int  # reported incidents before this one


class Responder(Protocol):
    def incident(self, process: PairProcess, incident: Incident) -> None: ...

    def separated(self, process: PairProcess, t: float) -> None: ...


@dataclass
class Protection:
    start: float
    end: float
    factor: float
    kind: str


@dataclass
class PairProcess:
    spec: PairSpec
    rng: random.Random
    protective_strength: float = 1.0
    end: float = 0.0
    separated_at: float | None = None
    separation_pending: float | None = None
    protections: list[Protection] = field(default_factory=list)
    incidents: list[Incident] = field(default_factory=list)
    calls: int = 0
    _excitation: float = 0.0
    _excitation_t: float = 0.0

    def __post_init__(self) -> None:
        self.end = self.spec.end
        self.separation_pending = self.spec.separation_at

    # --- the pieces of λ(t) -------------------------------------------------------------------
    def protect(self, start: float, days: float, factor: float, kind: str) -> None:
        """A measure in force from `start` for `days` that multiplies the intensity by `factor`."""
        effective = 1.0 - self.protective_strength * (1.0 - factor)
        if effective < 1.0:
            self.protections.append(Protection(start, start + days, effective, kind))

    def protection(self, t: float) -> float:
        factor = 1.0
        for p in self.protections:
            if p.start <= t < p.end:
                factor *= p.factor
        return max(factor, 0.05)

    def separation(self, t: float) -> float:
        if self.separated_at is None or t < self.separated_at:
            return 1.0
        return 0.5 + (SEPARATION_PEAK - 0.5) * math.exp(-(t - self.separated_at) / SEPARATION_DECAY_DAYS)

    def desistance(self, t: float) -> float:
        d = self.spec.desist_at
        return 1.0 if d is None or t < d else math.exp(-(t - d) / DESISTANCE_DAYS)

    def excitation(self, t: float) -> float:
        return self._excitation * math.exp(-(t - self._excitation_t) / self.spec.decay_days)

    def baseline(self, t: float) -> float:
        s = self.spec
        return s.frailty * s.base_per_year / 365.0 * season(t) * self.separation(t) * self.desistance(t)

    def intensity(self, t: float) -> float:
        return self.protection(t) * (self.baseline(t) + self.excitation(t))

    def schedule_separation(self, t: float) -> None:
        if self.spec.separable and self.separated_at is None and self.separation_pending is None:
            self.separation_pending = t

    # --- sampling ------------------------------------------------------------------------------
    def run(self, responder: Responder | None = None) -> list[Incident]:
        s, rng = self.spec, self.rng
        bound_base = s.frailty * s.base_per_year / 365.0 * SEASON_PEAK * (SEPARATION_PEAK if s.separable else 1.0)
        t = s.start
        self._excitation_t = t
        while True:
            bound = bound_base + self.excitation(t)
            if bound <= 0:
                break
            t += rng.expovariate(bound)
            pending = self.separation_pending
            if pending is not None and pending <= min(t, self.end):
                self._separate(pending, responder)
            if t >= self.end:
                break
            if rng.random() * bound > self.intensity(t):
                continue
            incident = self._incident(t)
            self.incidents.append(incident)
            if responder is not None:
                responder.incident(self, incident)
        pending = self.separation_pending
        if pending is not None and pending < self.end:
            self._separate(pending, responder)
        return self.incidents

    def _separate(self, t: float, responder: Responder | None) -> None:
        self.separated_at, self.separation_pending = t, None
        self.end = min(self.end, t + self.rng.expovariate(1 / 540))  # the offender moves on
        if responder is not None:
            responder.separated(self, t)

    def _incident(self, t: float) -> Incident:
        s, rng = self.spec, self.rng
        k = len(self.incidents)
        separated = self.separated_at is not None and t >= self.separated_at
        severity = (s.severity + SEVERITY_TREND[s.trajectory] * min(k, 8) + (0.35 if separated else 0.0)
                    + rng.gauss(0, 0.7))
        mark = s.branching
        if s.trajectory == "escalating":
            mark = min(0.85, s.branching + 0.05 * k)
        elif s.desist_at is not None and t >= s.desist_at:
            mark = s.branching * 0.5
        mark = min(0.92, mark * (1 + 0.1 * max(severity, 0.0)))
        self._excitation = self.excitation(t) + mark / s.decay_days
        self._excitation_t = t
        weapon = rng.random() < sigmoid(-3.9 + 1.1 * severity)
        injury = rng.random() < sigmoid(-2.3 + 1.2 * severity)
        reported = rng.random() < sigmoid(s.reporting + 0.9 * severity + 0.25 * min(self.calls, 3))
        incident = Incident(s.pair_id, k, t, severity, weapon, injury, reported, separated, self.calls)
        if reported:
            self.calls += 1
        if s.separable and rng.random() < s.separation_hazard * (1.6 if reported else 1.0):
            self.schedule_separation(t + rng.uniform(2, 60))
        return incident
