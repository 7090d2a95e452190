"""On the jeju preset, in the browser: a council member finds agenda people by a surname alone and
sees them masked with their household's name; the agencies page opens with its network's labels
readable (measured from cytoscape's own zoom and label font), grouped and coloured by type with a
legend, and a tapped agency lists its households by name."""

from __future__ import annotations

import time

from apphelpers import login, shot
from selenium.webdriver.common.by import By

_CY = ("var el = document.getElementById('agencies-network');"
       "var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
       "var cy = null; for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) { cy = all[i]._cyreg.cy; } }")


def _go(duo, path: str) -> None:  # type: ignore[no-untyped-def]
    duo.driver.get(duo.server.url.rstrip("/") + path)


def test_council_search_by_surname_and_the_agencies_network(jeju_graph, served_app, app_users) -> None:  # type: ignore[no-untyped-def]
    duo = served_app
    login(duo, app_users["council"], "/household")
    duo.wait_for_element("#household-search-input", timeout=30).send_keys("김")
    duo.find_element("#household-search-button").click()
    duo.wait_for_element(".search-hit", timeout=30)
    hits = duo.driver.find_elements(By.CSS_SELECTOR, ".search-hit")
    names = [h.find_element(By.CSS_SELECTOR, ".search-name").text for h in hits]
    assert names and all(n.startswith("김") and "*" in n for n in names), names
    households = [h.find_element(By.CSS_SELECTOR, ".search-household").text for h in hits]
    assert all("H-" not in x and "*" in x for x in households), households
    assert "협의회 안건 가구" in duo.find_element("#household-search-results").text
    shot(duo, "jeju-council-search")

    duo.driver.delete_all_cookies()
    login(duo, app_users["analyst"], "/agencies")
    duo.wait_for_element("#agencies-legend", timeout=60)
    time.sleep(1.5)   # the preset layout's fit
    got = duo.driver.execute_script(_CY + """
        var nodes = cy.nodes('.agency');
        var sizes = nodes.map(function (n) { return parseFloat(n.style('font-size')) * cy.zoom(); });
        var colours = {}; nodes.forEach(function (n) { colours[n.data('group')] = n.style('background-color'); });
        var widths = cy.edges().map(function (e) { return [e.data('shared'), parseFloat(e.style('width'))]; });
        return {zoom: cy.zoom(), smallest: Math.min.apply(null, sizes), n: nodes.length,
                colours: colours, widths: widths, groups: cy.nodes('.agency-group').length};""")
    assert got["n"] > 10 and got["groups"] >= 4
    assert got["smallest"] >= 9, f"labels drawn at {got['smallest']:.1f} px at the opening zoom {got['zoom']:.2f}"
    assert len(set(got["colours"].values())) == len(got["colours"]) >= 4     # one colour per group
    widths = sorted(got["widths"])
    assert widths[0][1] < widths[-1][1]          # the link sharing most households is the widest
    legend = duo.find_element("#agencies-legend").text
    assert "지구대·파출소" in legend and "선 굵기" in legend
    shot(duo, "jeju-agencies-network")

    duo.driver.execute_script(_CY + "cy.nodes('.agency').first().emit('tap');")
    duo.wait_for_element("#agencies-selected-name", timeout=30)
    assert not duo.find_element("#agencies-selected-name").text.startswith(("P-", "SV-", "DV-"))
    duo.wait_for_element("#agencies-households-table", timeout=30)
    cells = duo.driver.find_elements(By.CSS_SELECTOR, "#agencies-households-table td a")
    assert cells and all("/household/H-" in c.get_attribute("href") for c in cells)
    assert not any(c.text.startswith("H-") for c in cells)
