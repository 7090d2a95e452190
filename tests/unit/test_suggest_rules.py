"""The agenda-suggestion rules and the merge with stored suggestions (suggest/rules.py,
suggest/store.py), on hand-made household facts: each rule once firing and once not."""

from __future__ import annotations

from datetime import date, datetime

from suggest.backtest import month_ends
from suggest.rules import Thresholds, Window, reasons
from suggest.store import merge

T = Thresholds()
W = Window(as_of=date(2024, 6, 30), since=date(2024, 5, 31))


def call(cid: str, day: str, person: str = "V", role: str = "victim", sev: int = 2, **kw) -> dict:
    return {"call_id": cid, "at": datetime.fromisoformat(day + "T10:00"), "person_id": person, "role": role,
            "severity": sev, "weapon": kw.get("weapon", False), "injury": kw.get("injury", False),
            "first_load_id": kw.get("load"), "suspects": kw.get("suspects", [])}


def facts(*calls: dict, members=None, pairs=(), contacts=(), cases=(), load_records=0) -> dict:
    return {"household_id": "H", "members": members or [{"person_id": "V"}], "calls": list(calls),
            "pairs": list(pairs), "contacts": list(contacts), "cases": list(cases), "load_records": load_records}


def rules_of(f: dict, w: Window = W, t: Thresholds = T, points=None) -> set[str]:
    return {r.rule for r in reasons(f, w, t, risk_points=points)}


def test_marac_third_call_within_a_year_only_when_the_third_is_new():
    three = facts(call("C1", "2023-09-01"), call("C2", "2024-01-10"), call("C3", "2024-06-10"))
    assert rules_of(three) == {"marac"}
    hit = reasons(three, W, T)[0]
    assert hit.fact_ids == ["C1", "C2", "C3"] and hit.on == date(2024, 6, 10) and hit.detail["calls"] == 3
    spread = facts(call("C1", "2023-01-05"), call("C2", "2023-08-01"), call("C3", "2024-06-12"))
    assert "marac" not in rules_of(spread)
    old = facts(call("C1", "2024-01-01"), call("C2", "2024-02-01"), call("C3", "2024-03-01"))
    assert rules_of(old) == set()                      # met long ago: nothing new
    assert "marac" in rules_of(three, t=Thresholds(marac_calls=3, marac_days=365))
    assert "marac" not in rules_of(three, t=Thresholds(marac_calls=4))


def test_escalation_severity_weapon_and_faster_repeats():
    worse = facts(call("C1", "2024-03-01", sev=1), call("C2", "2024-06-15", sev=6, weapon=True))
    r = reasons(worse, W, T)
    assert [x.rule for x in r] == ["escalation"]
    assert set(r[0].detail["kinds"]) == {"severity", "weapon"} and r[0].detail["to_severity"] == 6
    same = facts(call("C1", "2024-03-01"), call("C2", "2024-06-15"))
    assert rules_of(same) == set()
    faster = facts(call("C1", "2024-01-01"), call("C2", "2024-05-01"), call("C3", "2024-06-10"))
    kinds = [x.detail["kinds"] for x in reasons(faster, W, T) if x.rule == "escalation"]
    assert kinds == [["faster"]]                        # 40 days after a 121-day gap: at most half
    slower = facts(call("C1", "2024-01-01"), call("C2", "2024-04-01"), call("C3", "2024-06-10"))
    assert rules_of(slower) == {"marac"}                # 70 days after 91: not at most half
    assert rules_of(slower, t=Thresholds(faster_ratio=0.8)) == {"marac", "escalation"}
    first_ever = facts(call("C1", "2024-06-15", sev=9, weapon=True))
    assert "escalation" not in rules_of(first_ever)     # no earlier call to escalate from


def test_child_exposed_by_age_on_the_day_or_as_witness():
    kid = {"person_id": "K", "birth_date": date(2016, 1, 1)}
    adult_child = {"person_id": "A", "birth_date": date(2000, 1, 1)}
    f = facts(call("C1", "2024-06-20"), members=[{"person_id": "V"}, kid, adult_child])
    hits = [x for x in reasons(f, W, T) if x.rule == "child"]
    assert [(x.person_id, x.detail["first_exposure"]) for x in hits] == [("K", True)]
    year_only = facts(call("C1", "2024-06-20"), members=[{"person_id": "V"}, {"person_id": "K", "birth_year": 2010}])
    assert "child" in rules_of(year_only)
    witness = facts(call("C1", "2024-06-20", person="W", role="child_witness"),
                    members=[{"person_id": "W"}])
    assert rules_of(witness) == {"child"}
    old = facts(call("C1", "2024-01-20"), members=[{"person_id": "V"}, kid])
    assert rules_of(old) == set()


def test_fragmented_needs_a_new_agency_and_no_council_case():
    contacts = [{"agency_id": "H", "first": date(2024, 1, 10), "last": date(2024, 1, 10)},
                {"agency_id": "C", "first": date(2024, 3, 1), "last": date(2024, 3, 1)},
                {"agency_id": "P1", "first": date(2024, 6, 5), "last": date(2024, 6, 5)}]
    f = facts(contacts=contacts)
    r = reasons(f, W, T)
    assert [x.rule for x in r] == ["fragmented"] and r[0].fact_ids == ["agency:C", "agency:H", "agency:P1"]
    assert rules_of(facts(contacts=contacts, cases=[{"case_id": "K", "meeting_date": date(2024, 2, 1)}])) == set()
    later_case = facts(contacts=contacts, cases=[{"case_id": "K", "meeting_date": date(2024, 9, 1)}])
    assert rules_of(later_case) == {"fragmented"}      # tabled after the run's day: not yet on the agenda
    assert rules_of(facts(contacts=contacts[:2])) == set()
    no_new = [{**c, "first": date(2024, 1, 1)} for c in contacts]
    assert rules_of(facts(contacts=no_new)) == set()


def test_serial_offender_with_a_new_victim_names_the_offender():
    pairs = [{"suspect_id": "S", "victim_id": "V0", "first_at": datetime(2023, 10, 1), "first_call_id": "C0"},
             {"suspect_id": "S", "victim_id": "V", "first_at": datetime(2024, 6, 18), "first_call_id": "C9"}]
    f = facts(call("C9", "2024-06-18", suspects=["S"]), pairs=pairs)
    r = [x for x in reasons(f, W, T) if x.rule == "serial"]
    assert len(r) == 1 and r[0].detail == {"offender_id": "S", "victims": 2}
    one_victim = facts(call("C9", "2024-06-18", suspects=["S"]), pairs=pairs[1:])
    assert "serial" not in rules_of(one_victim)
    not_new_to_them = [pairs[0], {**pairs[1], "first_at": datetime(2024, 1, 1), "first_call_id": "C1"}]
    again = facts(call("C1", "2024-01-01", suspects=["S"]), call("C9", "2024-06-18", suspects=["S"]),
                  pairs=not_new_to_them)
    assert "serial" not in rules_of(again)


def test_risk_rule_reads_stored_points_or_the_given_ones():
    f = facts(call("C1", "2024-06-25"), members=[{"person_id": "V", "risk_points": 12, "risk_level": "매우높음"}])
    r = [x for x in reasons(f, W, T) if x.rule == "risk"]
    assert r[0].detail == {"points": 12, "level": "매우높음"}
    assert "risk" not in rules_of(facts(call("C1", "2024-06-25"), members=[{"person_id": "V", "risk_points": 4}]))
    assert "risk" in rules_of(facts(call("C1", "2024-06-25")), points={"V": 9})
    assert "risk" not in rules_of(facts(call("C1", "2024-06-25")), points={"V": 7})


def test_window_late_arrivals_of_a_load_and_recency():
    w = Window(as_of=date(2024, 6, 30), since=date(2024, 5, 31), load_id="L2")
    assert w.is_new(date(2024, 6, 1)) and not w.is_new(date(2024, 5, 1))
    assert w.is_new(date(2024, 5, 1), "L2")             # created by the load followed: late, but news
    assert not w.is_new(date(2024, 3, 1), "L2")         # older than the recent window
    assert not w.is_new(date(2024, 7, 1))               # after the run's day
    first = Window(as_of=date(2024, 6, 30))
    assert first.is_new(date(2024, 4, 5)) and not first.is_new(date(2024, 3, 1))


def test_merge_creates_updates_and_reraises_only_with_new_facts():
    f = facts(call("C1", "2023-09-01"), call("C2", "2024-01-10"), call("C3", "2024-06-10"))
    hits = reasons(f, W, T)
    row, event = merge(None, "H", hits, W.as_of)
    assert event == "created" and row["status"] == "open" and row["rules"] == ["marac"]
    assert merge(row, "H", hits, W.as_of) == (None, "unchanged")           # same facts: idempotent
    dismissed = {**row, "status": "dismissed"}
    assert merge(dismissed, "H", hits, W.as_of) == (None, "unchanged")     # dismissed stays dismissed
    f2 = facts(*f["calls"], call("C4", "2024-07-10"))
    later = Window(as_of=date(2024, 7, 31), since=date(2024, 6, 30))
    hits2 = reasons(f2, later, T)
    again, event = merge(dismissed, "H", hits2, later.as_of)
    assert event == "reraised" and again["status"] == "open" and again["raised_count"] == 2
    assert "C4" in again["fact_ids"] and again["first_raised_on"] == "2024-06-30"
    accepted, event = merge({**row, "status": "accepted"}, "H", hits2, later.as_of)
    assert event == "updated" and accepted["status"] == "accepted" and accepted["news_since_decision"] is True


def test_priority_ranks_more_rules_and_higher_risk_first():
    one = facts(call("C1", "2023-09-01"), call("C2", "2024-01-10"), call("C3", "2024-06-10"))
    two = facts(*one["calls"], members=[{"person_id": "V", "risk_points": 14}])
    p1 = merge(None, "H1", reasons(one, W, T), W.as_of)[0]["priority"]
    p2 = merge(None, "H2", reasons(two, W, T), W.as_of)[0]["priority"]
    assert p2 > p1


def test_month_ends():
    assert month_ends(date(2023, 11, 15), date(2024, 2, 10)) == [
        date(2023, 11, 30), date(2023, 12, 31), date(2024, 1, 31), date(2024, 2, 10)]
