"""Presets: volumes per year and category, the council's figures, and the amounts of messiness.
Every number a test or document refers to lives here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

CATEGORIES = ("가정폭력", "스토킹", "데이트폭력", "아동학대", "성폭력", "노인학대", "기타")
# 112 reports of "violence against women" in the article's sense.
VAW_CATEGORIES = ("가정폭력", "스토킹", "데이트폭력", "성폭력")


@dataclass(frozen=True)
class Messiness:
    """Probabilities (0..1) of each kind of variation; all are generator parameters."""

    name_space: float = 0.06
    name_mask_police: float = 0.12  # masking is a police-export habit
    name_mask_other: float = 0.02
    name_typo: float = 0.04
    name_latin: float = 0.01  # Korean names written in Latin letters
    date_mix: float = 0.35  # share of dates not in ISO form
    birth_year_only: float = 0.05
    phone_mix: float = 0.4
    phone_masked: float = 0.05
    sex_latin: float = 0.2  # M/F instead of 남/여
    address_lot_share: float = 0.4
    address_unit_omit: float = 0.15
    address_stray: float = 0.06
    missing_optional: float = 0.15
    multiline_summary: float = 0.03
    excel_serial_share: float = 0.3  # xlsx dates as raw serial numbers
    excel_date_cell_share: float = 0.4  # xlsx dates as real date cells
    bad_row_rate: float = 0.003  # extra deliberately bad rows per good row
    coord_missing: float = 0.10  # calls whose 경도/위도 are empty
    coord_utmk: float = 0.25  # calls whose 경도/위도 are UTM-K metres (EPSG:5179), not degrees
    coord_bad: float = 0.004  # calls with a bad pair (one value only, a point outside Korea): loaded, noted

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Preset:
    name: str
    years: tuple[int, ...]
    # calls per year and category at scale 1.0
    calls: dict[int, dict[str, int]]
    # police-to-partner referrals (service rows referred by police) per year at scale 1.0
    police_referrals: dict[int, int]
    council_from: date
    council_to: date
    council_cases: int
    council_measures: int
    council_non_police: int
    council_outside_avg: float  # average non-police attending agencies per case
    calls_per_chunk: int = 20000  # the unit of streaming: people and calls of one chunk
    messiness: Messiness = field(default_factory=Messiness)


def _times(base: dict[str, int], factor: dict[str, float]) -> dict[str, int]:
    return {c: round(n * factor.get(c, 1.0)) for c, n in base.items()}


_JEJU_2022 = {"가정폭력": 3600, "스토킹": 360, "데이트폭력": 1400, "아동학대": 480, "성폭력": 520,
              "노인학대": 110, "기타": 250}
# The article: 112 reports of violence against women fell 3.3% year on year in Jeju.
_JEJU_2023 = _times(_JEJU_2022, {c: 0.967 for c in VAW_CATEGORIES} | {"아동학대": 1.03, "노인학대": 1.05})

JEJU = Preset(
    name="jeju",
    years=(2022, 2023),
    calls={2022: _JEJU_2022, 2023: _JEJU_2023},
    # The article: links between police and partner agencies rose 28% year on year.
    police_referrals={2022: 900, 2023: 1152},
    council_from=date(2023, 2, 1),
    council_to=date(2023, 8, 31),
    council_cases=70,
    council_measures=277,
    council_non_police=8,
    council_outside_avg=6.8,
)

# National volumes (reference: ~230k DV calls a year, stalking growing fast after the 2021 law).
_NATIONAL_GROWTH = {2020: 0.93, 2021: 0.96, 2022: 1.0, 2023: 1.01, 2024: 0.99}
_NATIONAL_BASE = {"가정폭력": 221000, "스토킹": 27000, "데이트폭력": 19000, "아동학대": 20000, "성폭력": 6500,
                  "노인학대": 3500, "기타": 8000}


def _national_calls() -> dict[int, dict[str, int]]:
    out = {}
    for year, g in _NATIONAL_GROWTH.items():
        stalking = {2020: 0.45, 2021: 0.7, 2022: 1.0, 2023: 1.15, 2024: 1.2}[year]
        out[year] = _times(_NATIONAL_BASE, {c: g for c in CATEGORIES} | {"스토킹": stalking})
    return out


NATIONAL = Preset(
    name="national",
    years=tuple(_NATIONAL_GROWTH),
    calls=_national_calls(),
    police_referrals={2020: 50000, 2021: 54000, 2022: 58000, 2023: 63000, 2024: 80640},
    council_from=date(2024, 2, 1),
    council_to=date(2024, 8, 31),
    council_cases=2900,
    council_measures=11480,
    council_non_police=330,
    council_outside_avg=6.8,
    calls_per_chunk=25000,
)

PRESETS = {"jeju": JEJU, "national": NATIONAL}


def scaled(n: int, scale: float, minimum: int = 0) -> int:
    return max(minimum, round(n * scale))
