"""overview_counts reads counts from the count store and dates in index order: check it against a
hand-built graph where records are unresolved and dates are out of insertion order."""

from __future__ import annotations

from graph.runner import Runner
from queries import catalogue


def test_overview_counts_on_a_hand_built_graph(empty_graph: Runner) -> None:
    empty_graph.write(
        "CREATE (:Call {call_id: 'C2', received_at: localdatetime('2023-05-01T10:00:00')}),"
        "       (:Call {call_id: 'C1', received_at: localdatetime('2021-02-03T23:59:00')}),"
        "       (:Call {call_id: 'C3'}),"
        "       (r1:PersonRecord {record_id: 'r1'})-[:RESOLVES_TO]->(p:Person {person_id: 'P1'}),"
        "       (:PersonRecord {record_id: 'r2'}), (:PersonRecord {record_id: 'r3'}),"
        "       (:PoliceMeasure {measure_id: 'M1', date: date('2022-07-01')}),"
        "       (:PoliceMeasure {measure_id: 'M2', date: date('2020-01-15')}),"
        "       (:CouncilMeasure {measure_id: 'K1'})", name="test.seed")
    got = {r["item"]: r for r in catalogue.run(empty_graph, "overview_counts", {}).rows}
    assert (got["Call"]["count"], str(got["Call"]["first"]), str(got["Call"]["last"])) == (3, "2021-02-03", "2023-05-01")
    assert (got["PersonRecord"]["count"], got["UnresolvedRecord"]["count"], got["Person"]["count"]) == (3, 2, 1)
    assert (str(got["PoliceMeasure"]["first"]), str(got["PoliceMeasure"]["last"])) == ("2020-01-15", "2022-07-01")
    assert (got["CouncilMeasure"]["count"], got["CouncilMeasure"]["first"]) == (1, None)
    assert (got["Service"]["count"], got["Service"]["first"]) == (0, None)


def test_year_on_year_compares_the_same_months_when_the_data_end_in_march(empty_graph: Runner) -> None:
    """Calls and police referrals through 2024-03-31 (and a referral follow-up in May, after the
    calls end): 2024 is compared with January–March 2023, not with the whole of 2023, and the May
    follow-up is outside the compared months. The monthly counts are read from the graph."""
    from auth.testing import shared_app
    from derived import statements
    from queries import db as data

    shared_app()
    from pages import overview

    empty_graph.write(
        "CREATE (:Agency {agency_id: 'P1', type: '경찰서'}), (:Agency {agency_id: 'M1', type: '의료기관'}) "
        "WITH 1 AS one "
        "UNWIND range(0, 14) AS m "   # January 2023 … March 2024
        "WITH date('2023-01-01') + duration({months: m}) AS month, m "
        "UNWIND range(1, CASE WHEN m >= 12 THEN 12 ELSE 10 END) AS i "
        "CREATE (:Call {call_id: 'C' + m + '-' + i, category: '가정폭력', "
        "               received_at: localdatetime({date: month + duration({days: i}), hour: 9})}) "
        "WITH DISTINCT m, month "
        "MATCH (p:Agency {agency_id: 'P1'}), (a:Agency {agency_id: 'M1'}) "
        "UNWIND range(1, CASE WHEN m >= 12 THEN 6 ELSE 5 END) AS i "
        "CREATE (s:Service {service_key: 'M1/' + m + '-' + i, date: month + duration({days: i})}) "
        "CREATE (s)-[:REFERRED_BY]->(p), (s)-[:BY_AGENCY]->(a)", name="test.seed_months")
    empty_graph.write(
        "MATCH (p:Agency {agency_id: 'P1'}), (a:Agency {agency_id: 'M1'}) "
        "CREATE (s:Service {service_key: 'M1/late', date: date('2024-05-20')})-[:REFERRED_BY]->(p), "
        "       (s)-[:BY_AGENCY]->(a), (:Call {call_id: 'C-last', category: '가정폭력', "
        "                                     received_at: localdatetime('2024-03-31T23:00:00')})",
        name="test.seed_tail")
    empty_graph.run_script([q.text for q in statements() if q.name in ("11_calls_per_year", "12_referrals_per_year")],
                           name="test.year_counts")
    old = data.set_runner(empty_graph)
    data.clear_cache()
    try:
        counts = {r["item"]: r for r in catalogue.run(empty_graph, "overview_counts", {}).rows}
        links = catalogue.run(empty_graph, "linkage_yoy", {}).rows
        calls = [r for r in catalogue.run(empty_graph, "calls_yoy", {}).rows if r["relationship_crime"]]
        # whole-year figures say 2024 fell by two thirds; over the same months it rose by a fifth
        assert {r["year"]: r["calls"] for r in calls} == {2023: 120, 2024: 37}
        monthly = data.app_query("calls_per_month", {"from": "2023-01-01", "to": "2024-04-01"}, row_cap=100).rows
        assert [(r["year"], r["month"], r["calls"]) for r in monthly][:2] == [(2023, 1, 10), (2023, 2, 10)]
        assert monthly[-1] == {"year": 2024, "month": 3, "category": "가정폭력", "calls": 13}
        panel = overview.year_on_year(counts, links, calls, "ko")
        lines = [li.children for li in panel.children[1].children]
        assert lines == ["연계 의뢰 전년 대비 2024 (1~3월 기준): +3 (+20.0%)",
                         "관계성 범죄 신고 전년 대비 2024 (1~3월 기준): +7 (+23.3%)"]
        english = [li.children for li in overview.year_on_year(counts, links, calls, "en").children[1].children]
        assert english[0] == "Referral linkage year on year 2024 (Jan–Mar, both years): +3 (+20.0%)"
    finally:
        data.set_runner(old)
        data.clear_cache()


def test_jeju_overview_compares_whole_years_and_leaves_out_the_year_after_the_data(jeju_graph: Runner) -> None:
    """The jeju preset's calls run from January 2022 to December 2023; a few referral follow-ups
    fall in 2024. 2023 is compared with 2022 as whole years; 2024 is not compared (it used to read
    "2024 (일부 기간): -1136 (-98.9%)")."""
    import re

    from auth.testing import shared_app
    from queries import db as data

    shared_app()
    from pages import overview

    old = data.set_runner(jeju_graph)
    data.clear_cache()
    try:
        body = overview.build_overview("ko", None, None)
        panel = next(c for c in _walk(body) if getattr(c, "id", None) == "overview-changes")
        lines = [li.children for li in panel.children]
        assert [re.sub(r":.*", "", line) for line in lines] == ["연계 의뢰 전년 대비 2023", "관계성 범죄 신고 전년 대비 2023"]
        assert not any("2024" in line or "일부" in line for line in lines)
        hint = next(c for c in _walk(body) if getattr(c, "id", None) == "overview-coverage")
        assert "2022-01-01 ~ 2023-12-31" in hint.children
    finally:
        data.set_runner(old)
        data.clear_cache()


def _walk(node: object):  # noqa: ANN202
    yield node
    children = getattr(node, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        yield from _walk(child)
