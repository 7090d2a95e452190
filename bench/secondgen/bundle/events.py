"""What the agencies recorded, as true values (people, days, flags) before anyone writes them down.
Ids are given when the files are written, in time order."""

from __future__ import annotations

from dataclasses import dataclass, field

from bench.secondgen.bundle.agencies import Agency
from bench.secondgen.bundle.people import Person
from bench.secondgen.places import Home


@dataclass
class CallEvent:
    t: float  # day (from 2019-01-01) plus the time of day as a fraction
    pair_id: str
    category: str
    priority: str
    precinct: str
    outcome: str
    weapon: bool
    injury: bool
    child_present: bool
    place: Home
    victim: Person
    suspect: Person | None
    relation: str
    reporter: Person | None = None
    reporter_relation: str = ""
    witnesses: list[Person] = field(default_factory=list)
    summary: str = ""
    severity: float = 0.0
    call_id: str = ""
    point: tuple[float, float] | None = None  # (longitude, latitude) when the export gives one


@dataclass
class MeasureEvent:
    t: float
    type: str
    target: Person
    call: CallEvent | None
    end: float | None
    measure_id: str = ""


@dataclass
class AssessmentEvent:
    t: float
    agency_id: str
    victim: Person
    call: CallEvent | None
    items: list[bool | None]
    grade: str
    latent: float  # the assessor's noisy view of the risk (truth only)
    assessment_id: str = ""


@dataclass
class ServiceEvent:
    t: float
    agency: Agency
    person: Person
    role: str  # 피해자, 가해자, 아동, 가족
    field: str
    description: str
    referred_by: str
    call: CallEvent | None
    shelter_stay: bool = False
    service_id: str = ""


@dataclass
class CouncilMeasure:
    field: str
    agency_id: str
    description: str
    start: float
    due: float
    done: float | None
    status: str
    reason: str
    measure_id: str = ""


@dataclass
class CouncilCase:
    t: float  # meeting day
    meeting_no: int
    submitted_by: str
    category: str
    risk_level: str
    victim: Person
    offender: Person | None
    attending: list[str]
    status: str
    pair_id: str
    measures: list[CouncilMeasure] = field(default_factory=list)
    case_id: str = ""


@dataclass
class Recorded:
    """Everything the agencies recorded inside the export window."""
    calls: list[CallEvent] = field(default_factory=list)
    measures: list[MeasureEvent] = field(default_factory=list)
    assessments: list[AssessmentEvent] = field(default_factory=list)
    services: list[ServiceEvent] = field(default_factory=list)
    cases: list[CouncilCase] = field(default_factory=list)
