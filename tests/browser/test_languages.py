"""Every page in both languages on the jeju preset, as each role that may open it: no visible
string of the wrong language (codes included). The rule is in langcheck.py.

One browser session; each role signs in once and sees its pages in Korean, then English (the
council the other way round, so the purpose-of-access dialog is seen in English too). Failures
are collected over every page and reported together, page by page."""

from __future__ import annotations

import time
from typing import Any

import pytest
from apphelpers import GRAPH_TIMEOUT, PASSWORD
from langcheck import COLLECT_JS, data_words, wrong_in_english, wrong_in_korean
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pages.components.codes import all_codes
from queries import db as data

CASE_ID = "JSS-2023-0001"   # the bundle's first agenda item: on the council's agenda by definition
PATTERNS = ("repeat_victims", "repeat_addresses", "serial_offenders", "escalation", "fragmented_households",
            "children_exposed", "open_council_measures")
# Output of the user's own console query is what they asked for, not the page's language.
# Display names of accounts are personal data.
# The audit trail's targets are ids (of records, queries, callbacks).
SKIP = ["#console-table", "#console-graph", "td[data-dash-column='display_name']",
        "#audit-table td[data-dash-column='target']"]


@pytest.fixture()
def recorded(jeju_graph) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """What the jeju graph holds as written by agencies, and the case / household / person used."""
    def values(label: str, props: tuple[str, ...]) -> list[str]:
        # one row: the read's row cap would cut a column of values
        cypher = (f"MATCH (n:{label}) UNWIND [{', '.join(f'n.{p}' for p in props)}] AS v "
                  "WITH v WHERE v IS NOT NULL RETURN collect(DISTINCT toString(v)) AS vs")
        return jeju_graph.read(cypher, name="test.lang_values").rows[0]["vs"]

    names = values("Person", ("name",)) + values("PersonRecord", ("name", "address"))
    places = (values("Address", ("text", "lot", "road", "city", "district")) + values("Call", ("address",))
              + values("Agency", ("district",)))
    # Agency names are whole phrases: their words include agency types (…가정폭력상담소), which are
    # codes wherever they stand alone.
    phrases = (values("Service", ("description",)) + values("CouncilMeasure", ("description", "reason"))
               + values("Call", ("summary",)) + values("Agency", ("name",)))
    korean_codes = {v for values_ in all_codes().values() for v in values_ if not v.isascii()}
    who = jeju_graph.read(
        "MATCH (:CouncilCase {case_id: $id})<-[r:SUBJECT_OF {role: 'victim'}]-(:PersonRecord)-[:RESOLVES_TO]->"
        "(p:Person)-[:MEMBER_OF]->(h:Household) RETURN p.person_id AS person, h.household_id AS household",
        {"id": CASE_ID}, name="test.lang_case_victim").rows[0]
    # An agency that was assigned a measure of that case: the case's household is its client.
    agency = jeju_graph.read(
        "MATCH (:CouncilCase {case_id: $id})<-[:FOR_CASE]-(:CouncilMeasure)-[:ASSIGNED_TO]->(a:Agency) "
        "RETURN a.agency_id AS agency ORDER BY agency LIMIT 1", {"id": CASE_ID}, name="test.lang_case_agency").rows[0]
    codes = {v for values_ in all_codes().values() for v in values_ if v.isascii() and len(v) > 2}
    return {"words": data_words(names + places) - korean_codes,
            "phrases": sorted(set(phrases) - korean_codes, key=len, reverse=True),
            "codes": codes, **who, **agency}


class Pages:
    """One signed-in browser: opens pages, collects their text, keeps what is wrong."""

    def __init__(self, duo: Any, recorded: dict[str, Any], users: dict[str, str]) -> None:
        self.duo, self.recorded = duo, recorded
        from auth.users import UserStore

        self.allowed = {u.username for u in UserStore().list()}  # account names are ids
        self.failures: dict[str, list[str]] = {}
        self.lang = "ko"
        self.role = ""

    def sign_in(self, role: str, username: str, lang: str) -> None:
        driver = self.duo.driver
        driver.delete_all_cookies()
        driver.set_window_size(1400, 1000)
        driver.get(self.duo.server.url.rstrip("/") + f"/login?lang={lang}")
        self.role, self.lang = role, lang
        self.check("/login")
        self.duo.wait_for_element("#username").send_keys(username)
        driver.find_element(By.CSS_SELECTOR, "#password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "#login-submit").click()
        self.duo.wait_for_element(".navbar", timeout=15)

    def language(self, lang: str) -> None:
        self.lang = lang
        self.duo.driver.add_cookie({"name": "jss_lang", "value": lang, "path": "/"})

    def go(self, path: str, ready: str, timeout: float = 60) -> None:
        self.duo.driver.get(self.duo.server.url.rstrip("/") + path)
        self.duo.wait_for_element(".navbar", timeout=30)
        self.duo.wait_for_element(ready, timeout=timeout)

    def wait_text(self, selector: str, timeout: float = GRAPH_TIMEOUT) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = self.duo.driver.find_elements(By.CSS_SELECTOR, selector)
            if found and found[0].text.strip():
                return
            time.sleep(0.2)
        raise AssertionError(f"{selector} stayed empty on {self.duo.driver.current_url}")

    def check(self, page: str) -> None:
        texts = self.duo.driver.execute_script(COLLECT_JS, SKIP)
        if self.lang == "en":
            bad = wrong_in_english(texts, self.recorded["words"], self.recorded["phrases"], self.allowed)
        else:
            bad = wrong_in_korean(texts, self.recorded["codes"], self.allowed)
        if bad:
            key = f"{self.role} {self.lang} {page}"
            self.failures.setdefault(key, [])
            self.failures[key] += [b[:160] for b in bad if b[:160] not in self.failures[key]]

    def pick(self, label: str) -> None:
        """Choose the open dropdown's option `label` (a table cell with the same text is not it)."""
        xpath = f"//*[normalize-space(text())='{label}'][not(ancestor::td)][not(ancestor::nav)]"
        deadline = time.time() + 10
        while time.time() < deadline:
            shown = [e for e in self.duo.driver.find_elements(By.XPATH, xpath) if e.is_displayed()]
            if shown:
                shown[-1].click()
                return
            time.sleep(0.2)
        raise AssertionError(f"no option {label!r}")

    def click(self, selector: str) -> None:
        self.duo.driver.find_element(By.CSS_SELECTOR, selector).click()

    def tap_first(self, graph_id: str, selector: str) -> None:
        self.duo.driver.execute_script(
            "var el = document.getElementById(arguments[0]);"
            "var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
            "for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) {"
            "  all[i]._cyreg.cy.nodes(arguments[1]).filter(function (n) { return !n.isParent()"
            "    && n.id().indexOf('group:') !== 0 && n.id().indexOf('more:') !== 0; }).first().emit('tap'); } }",
            graph_id, selector)

    def purpose_dialog(self, gate: str) -> bool:
        found = self.duo.driver.find_elements(By.CSS_SELECTOR, f'[id*="jss-purpose-reason"][id*="{gate}"] input')
        if not found or not found[0].is_displayed():
            return False
        self.check(f"purpose dialog ({gate})")
        found[0].click()
        self.click(f'[id*="jss-purpose-submit"][id*="{gate}"]')
        return True

    # --- the pages -------------------------------------------------------------------------
    def overview(self) -> None:
        self.go("/", "#overview-kpi-cases")
        self.wait_text("#overview-kpi-cases")
        self.duo.wait_for_element(".js-plotly-plot .main-svg", timeout=30)
        time.sleep(0.5)  # the other charts draw in the same moment
        self.check("/")
        # the period picker's calendar: month and weekday names in the page's language
        self.click("#overview-period")
        self.duo.wait_for_element(".dash-datepicker-calendar-month-header", timeout=10)
        self.check("/ (date picker open)")

    def household(self) -> None:
        self.go(f"/household/{self.recorded['household']}", "#household-graph")
        time.sleep(0.5)
        self.purpose_dialog("household")
        self.wait_text("#household-count")
        before = self.duo.find_element("#household-details").text
        self.tap_first("household-graph", "node[type = 'Person']")
        deadline = time.time() + GRAPH_TIMEOUT
        while time.time() < deadline and self.duo.find_element("#household-details").text in (before, ""):
            time.sleep(0.2)
        time.sleep(0.5)  # the panel's parts (risk, records) arrive together; a moment for the render
        self.check("/household/<victim's household> (a person tapped)")

    def cases(self) -> None:
        self.go("/case", "#case-list")
        self.check("/case")
        self.go(f"/case/{CASE_ID}", "#case-measures")
        self.check(f"/case/{CASE_ID}")

    def person(self) -> None:
        self.go(f"/person/{self.recorded['person']}", "#person-body")
        self.purpose_dialog("person")
        self.duo.wait_for_element("#person-title", timeout=GRAPH_TIMEOUT)
        self.check("/person/<victim>")

    def patterns(self) -> None:
        for name in PATTERNS:
            self.go(f"/patterns?tab={name}", "#patterns-table")
            self.wait_text("#patterns-count")
            self.check(f"/patterns?tab={name}")

    def agencies(self) -> None:
        self.go("/agencies", "#agencies-table")
        self.tap_first("agencies-network", "node")
        self.duo.wait_for_element("#agencies-households table, #agencies-households .empty-state", timeout=30)
        self.check("/agencies (an agency tapped)")

    def review(self) -> None:
        self.go("/review", "#review-list")
        self.purpose_dialog("review")
        self.wait_text("#review-list")
        self.check("/review")

    def not_found(self) -> None:
        self.go("/no-such-page", "#not-found-title")
        self.check("/no-such-page (404)")

    def admin(self) -> None:
        self.go("/admin", "#admin-users-table")
        self.click("#admin-add")   # no user name: the form's error
        self.duo.wait_for_element("#admin-user-error", timeout=15)
        # a new analyst: the role chosen by its label, the password shown once
        self.duo.find_element("#admin-username").send_keys(f"lang-{self.lang}-{int(time.time())}")
        self.click("#admin-role")
        label = "분석가" if self.lang == "ko" else "Analyst"
        self.pick(label)
        self.click("#admin-add")
        self.duo.wait_for_element("#admin-new-password", timeout=15)
        assert label in self.duo.find_element("#admin-user-message").text
        self.click("#audit-search")
        self.duo.wait_for_element("#audit-table", timeout=30)
        self.click("#audit-verify")
        self.duo.wait_for_element("#audit-verify-ok, #audit-verify-bad", timeout=30)
        self.click("#sealed-list")
        self.duo.wait_for_element("#sealed-table", timeout=30)
        self.check("/admin (form error, audit search, verification, sealed items)")

    def console(self) -> None:
        self.go("/console", "#console-run")
        self.click("#console-run")
        self.duo.wait_for_element("#console-summary", timeout=30)
        self.check("/console (a query run)")


def _report(failures: dict[str, list[str]]) -> str:
    lines = [f"{sum(len(v) for v in failures.values())} wrong-language strings on {len(failures)} pages:"]
    for page, bad in failures.items():
        lines.append(f"  {page}:")
        lines += [f"    {b!r}" for b in bad[:25]]
        if len(bad) > 25:
            lines.append(f"    … {len(bad) - 25} more")
    return "\n".join(lines)


def test_every_page_in_both_languages_shows_no_wrong_language(recorded, served_app, app_users) -> None:  # type: ignore[no-untyped-def]
    from pages import household  # importable once the app exists (dash.register_page)

    assert data.run_warm_tasks([household.warm])
    from auth.users import UserStore

    store, agency_user = UserStore(), f"b_agency_{recorded['agency'].lower()}".replace("-", "_")[:32]
    if store.get(agency_user) is None:
        store.add(agency_user, "agency", PASSWORD, display_name="테스트 agency", agency_id=recorded["agency"])
    pages = Pages(served_app, recorded, app_users)

    pages.sign_in("analyst", app_users["analyst"], "ko")
    for lang in ("ko", "en"):
        pages.language(lang)
        pages.overview()
        pages.household()
        pages.person()
        pages.cases()
        pages.patterns()
        pages.agencies()
        pages.review()
        pages.not_found()

    pages.sign_in("council", app_users["council"], "en")
    for lang in ("en", "ko"):
        pages.language(lang)
        pages.overview()
        pages.household()
        pages.cases()

    # An agency user (the case's household is one of its clients): the same pages, its scope.
    pages.sign_in("agency", agency_user, "ko")
    for lang in ("ko", "en"):
        pages.language(lang)
        pages.overview()
        pages.household()
        pages.cases()

    pages.sign_in("admin", app_users["admin"], "ko")
    for lang in ("ko", "en"):
        pages.language(lang)
        pages.admin()
        pages.console()

    assert not pages.failures, _report(pages.failures)


def test_console_syntax_error_shows_no_internal_prefix(neo4j_server, served_app, app_users) -> None:  # type: ignore[no-untyped-def]
    # (neo4j_server: the plan check needs a running database, whatever ran before this test)
    from apphelpers import login

    login(served_app, app_users["admin"], "/console")
    served_app.driver.get(served_app.server.url.rstrip("/") + "/console")
    box = served_app.wait_for_element("#console-query")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(Keys.DELETE)
    box.send_keys("MATCH (n) RETRN n")
    served_app.find_element("#console-run").click()
    shown = served_app.wait_for_element("#console-syntax", timeout=30).text
    assert "EXPLAIN" not in shown
    assert "RETRN" in shown and "column 11" in shown, shown
