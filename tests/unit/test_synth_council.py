"""The jeju preset at scale 1.0 reproduces the source article's picture, computed here from the
generated files with the contract reader (not from the generator): 70 cases, 277 measures,
about 7 attending agencies per case, 8 cases tabled by non-police agencies, police referrals up
about 28% and violence-against-women calls down about 3.3% year on year."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_synth_contract import bad_rows, parse_date, parse_datetime, read_table, validate

from cli.main import cli
from cli.synth import command as synth_command

POLICE_TYPES = {"경찰서", "지구대·파출소"}
VAW = {"가정폭력", "스토킹", "데이트폭력", "성폭력"}


@pytest.fixture(scope="module")
def jeju(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("jeju1") / "jeju-42"
    result = CliRunner().invoke(synth_command, ["--preset", "jeju", "--seed", "42", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def _good(folder: Path, stem: str) -> list[dict]:
    bad = bad_rows(folder)
    return [r for i, r in read_table(folder, stem) if (stem, i) not in bad]


def test_council_figures_of_the_article(jeju: Path) -> None:
    agencies = {r["agency_id"]: r["type"] for r in _good(jeju, "agencies")}
    cases = _good(jeju, "council_cases")
    case_ids = {c["case_id"] for c in cases}
    measures = [m for m in _good(jeju, "council_measures") if m["case_id"] in case_ids]
    assert len(cases) == 70
    assert len(measures) == 277
    attending = [len(c["attending"].split(";")) for c in cases]
    outside = [sum(1 for a in c["attending"].split(";") if agencies[a] not in POLICE_TYPES) for c in cases]
    assert round(sum(attending) / len(cases)) == 7
    assert round(sum(outside) / len(cases)) == 7
    non_police = [c for c in cases if agencies[c["submitted_by"]] not in POLICE_TYPES]
    assert len(non_police) == 8
    assert {"해바라기센터", "청소년쉼터"} <= {agencies[c["submitted_by"]] for c in non_police}
    meeting = [parse_date(c["meeting_date"]) for c in cases]
    assert min(meeting) >= date(2023, 2, 1) and max(meeting) <= date(2023, 8, 31)
    assert (max(meeting).year, max(meeting).month) > (2023, 7)  # spread over the 7 months
    # the truth file says the same
    fig = json.loads((jeju / "_truth" / "council_figures.json").read_text(encoding="utf-8"))
    assert (fig["cases"], fig["measures"], fig["non_police_submissions"]) == (70, 277, 8)
    assert sum(fig["measures_by_field"].values()) == 277


def test_overdue_measures_have_reasons(jeju: Path) -> None:
    measures = _good(jeju, "council_measures")
    as_of = date(2023, 8, 31)
    overdue = [m for m in measures if m["status"] in ("계획", "진행") and parse_date(m["due_date"]) < as_of]
    assert len(overdue) >= 5
    assert all(m["reason"] for m in overdue)
    assert {"상황변화", "기관미이행"} <= {m["reason"] for m in measures}
    assert all(m["done_date"] for m in measures if m["status"] == "완료")


def test_year_on_year_changes_from_the_files(jeju: Path) -> None:
    agencies = {r["agency_id"]: r["type"] for r in _good(jeju, "agencies")}
    per_year: dict[int, int] = {}
    for c in _good(jeju, "calls"):
        if c["category"] in VAW:
            y = parse_datetime(c["received_at"]).year
            per_year[y] = per_year.get(y, 0) + 1
    assert 5500 <= per_year[2022] <= 6300  # Jeju scale: ~3,600 DV + dating, stalking, sexual violence
    assert per_year[2023] / per_year[2022] - 1 == pytest.approx(-0.033, abs=0.005)
    refs: dict[int, int] = {}
    for s in _good(jeju, "services"):
        if s["referred_by"] and agencies[s["referred_by"]] in POLICE_TYPES:
            y = parse_date(s["date"]).year
            refs[y] = refs.get(y, 0) + 1
    assert refs[2023] / refs[2022] - 1 == pytest.approx(0.28, abs=0.04)
    dv = sum(1 for c in _good(jeju, "calls") if c["category"] == "가정폭력" and parse_datetime(c["received_at"]).year == 2022)
    assert dv == pytest.approx(3600, abs=10)


def test_full_jeju_bundle_is_contract_valid(jeju: Path) -> None:
    rejected, problems = validate(jeju)
    assert problems == []
    assert rejected == bad_rows(jeju)
    assert len(rejected) >= 50


def test_cli_rejects_non_positive_scale(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["synth", "--preset", "jeju", "--scale", "0", "--out", str(tmp_path / "x")])
    assert result.exit_code == 1
    assert "scale" in result.output and "Traceback" not in result.output
