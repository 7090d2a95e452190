"""Screenshots of every page in both languages for docs/app.md, taken from a running app.

Run by hand against an app with data (e.g. `jss demo`, which prints one sign-in per role):

    .venv/bin/python scripts/screenshots.py --url http://127.0.0.1:8050 \\
        --user admin=<name>:<password> --user council=<name>:<password>

Each account signs in once (headless Chromium, the real /login form), answers the purpose-of-access
dialog with 사례관리, and saves `<page>-<lang>.png` (ko and en) of every page its role may open into
docs/screenshots/ (`--out`). The case, household and person shown are found on the pages (the first
agenda item, its first household, the first person of that household) unless given. A `council`
account's pages are saved with a `council-` prefix (what a council member sees, masked).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from string import Formatter
from typing import Any
from urllib.parse import quote

REPO = Path(__file__).resolve().parent.parent
LANGS = ("ko", "en")
WIDTH = 1400
MAX_HEIGHT = 4000

# (file name, path, what to wait for, what to do before the shot); {case} etc. filled in.
PAGES: list[tuple[str, str, str, str | None]] = [
    ("overview", "/", ".js-plotly-plot .main-svg", None),
    ("household", "/household/{household}", "#household-graph", "tap-person"),
    ("person", "/person/{person}", "#person-title", None),
    ("case-list", "/case", "#case-list", None),
    ("case", "/case/{case}", "#case-map", None),
    ("case-print", "/case/{case}?print=1", "#case-title", None),
    ("patterns", "/patterns?tab=repeat_victims", "#patterns-table td", None),
    ("agencies", "/agencies", "#agencies-network", "tap-agency"),
    ("review", "/review", "#review-list", None),
    ("console", "/console", "#console-run", "run-query"),
    ("admin", "/admin", "#admin-users-table", "audit-search"),
    ("not-found", "/no-such-page", "#not-found-title", None),
]
# Pages a council member opens (the rest are refused for the role).
COUNCIL_PAGES = ("overview", "household", "case-list", "case", "case-print", "not-found")

_TAP = ("var el = document.getElementById(arguments[0]); if (!el) return false;"
        "var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('div')));"
        "for (var i = 0; i < all.length; i++) { if (all[i]._cyreg) {"
        "  var n = all[i]._cyreg.cy.nodes(arguments[1]).filter(function (x) { return !x.isParent()"
        "    && x.id().indexOf('group:') !== 0 && x.id().indexOf('more:') !== 0; }).first();"
        "  if (n.length) { n.emit('tap'); return true; } } } return false;")
_IDLE = "return document.querySelectorAll('[data-dash-is-loading=\"true\"]').length;"


def driver_for(width: int = WIDTH) -> Any:
    from selenium import webdriver

    opts = webdriver.ChromeOptions()
    opts.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},1000",
                "--lang=ko-KR", "--hide-scrollbars"):
        opts.add_argument(arg)
    return webdriver.Chrome(options=opts)


class Shooter:
    def __init__(self, url: str, out: Path, prefix: str = "") -> None:
        self.url, self.out, self.prefix = url.rstrip("/"), out, prefix
        self.driver = driver_for()
        self.saved: list[Path] = []

    def close(self) -> None:
        self.driver.quit()

    # --- browser steps --------------------------------------------------------------------
    def sign_in(self, username: str, password: str) -> None:
        from selenium.webdriver.common.by import By

        self.driver.get(f"{self.url}/login?next=%2F")
        self.driver.find_element(By.ID, "username").send_keys(username)
        self.driver.find_element(By.ID, "password").send_keys(password)
        self.driver.find_element(By.ID, "login-submit").click()
        self.wait_for(".navbar", 20)

    def language(self, lang: str) -> None:
        self.driver.add_cookie({"name": "jss_lang", "value": lang, "path": "/"})

    def wait_for(self, selector: str, timeout: float = 60) -> bool:
        from selenium.webdriver.common.by import By

        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.driver.find_elements(By.CSS_SELECTOR, selector):
                return True
            time.sleep(0.2)
        return False

    def idle(self, timeout: float = 60) -> None:
        """Until no Dash component has been loading for half a second."""
        deadline, quiet = time.time() + timeout, 0
        while time.time() < deadline and quiet < 3:
            quiet = quiet + 1 if self.driver.execute_script(_IDLE) == 0 else 0
            time.sleep(0.2)

    def purpose(self) -> None:
        from selenium.webdriver.common.by import By

        boxes = [b for b in self.driver.find_elements(By.CSS_SELECTOR, '[id*="jss-purpose-reason"] input')
                 if b.is_displayed()]
        if boxes:
            boxes[0].click()
            self.driver.find_element(By.CSS_SELECTOR, '[id*="jss-purpose-submit"]').click()
            self.idle()

    def links(self, prefix: str) -> list[str]:
        from selenium.webdriver.common.by import By

        hrefs = [a.get_attribute("href") or "" for a in self.driver.find_elements(By.CSS_SELECTOR, "a[href]")]
        return [h.split(self.url, 1)[-1] for h in hrefs if h.split(self.url, 1)[-1].startswith(prefix)]

    def open(self, path: str, ready: str) -> bool:
        self.driver.get(self.url + path)
        if not self.wait_for(".navbar", 30):
            return False
        time.sleep(0.3)
        self.purpose()
        ok = self.wait_for(ready, 60)
        self.idle()
        return ok

    def act(self, action: str | None) -> None:
        from selenium.webdriver.common.by import By

        if action == "tap-person":
            self.driver.execute_script(_TAP, "household-graph", "node[type = 'Person']")
        elif action == "tap-agency":
            self.driver.execute_script(_TAP, "agencies-network", "node")
        elif action == "run-query":
            self.driver.find_element(By.ID, "console-run").click()
            self.wait_for("#console-summary", 30)
        elif action == "audit-search":
            self.driver.find_element(By.ID, "audit-search").click()
            self.wait_for("#audit-table", 30)
        if action:
            time.sleep(0.5)
            self.idle()

    def save(self, name: str) -> Path:
        height = min(MAX_HEIGHT, int(self.driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);")))
        self.driver.set_window_size(WIDTH, max(height, 800))
        time.sleep(0.6)   # graphs refit to the new size
        path = self.out / f"{self.prefix}{name}.png"
        self.driver.save_screenshot(str(path))
        self.driver.set_window_size(WIDTH, 1000)
        self.saved.append(path)
        return path

    # --- what to show -----------------------------------------------------------------------
    def discover(self, ids: dict[str, str | None]) -> dict[str, str | None]:
        """The first agenda item, its first household (else the first repeat victim's), and a
        person of that household."""
        from selenium.webdriver.common.by import By

        found = dict(ids)
        if not found.get("case") and self.open("/case", "#case-list"):
            cases = self.links("/case/")
            found["case"] = cases[0].split("/case/", 1)[1] if cases else None
        if found.get("case") and not found.get("household") and self.open(f"/case/{found['case']}", "#case-map"):
            homes = self.links("/household/")
            found["household"] = homes[0].split("/household/", 1)[1].split("?")[0] if homes else None
        if not found.get("household") and self.open("/patterns?tab=repeat_victims", "#patterns-table td.dash-cell"):
            # a pattern row opens its household
            self.driver.find_element(By.CSS_SELECTOR, "#patterns-table td.dash-cell").click()
            deadline = time.time() + 20
            while time.time() < deadline and "/household/" not in self.driver.current_url:
                time.sleep(0.2)
            if "/household/" in self.driver.current_url:
                found["household"] = self.driver.current_url.split("/household/", 1)[1].split("?")[0]
        if found.get("household") and not found.get("person") and \
                self.open(f"/household/{found['household']}", "#household-graph"):
            self.wait_for("#household-count", 60)
            self.act("tap-person")
            self.wait_for("#household-details a[href^='/person/']", 20)
            people = self.links("/person/")
            found["person"] = people[0].split("/person/", 1)[1] if people else None
        return found

    def shoot(self, pages: list[tuple[str, str, str, str | None]], ids: dict[str, str | None]) -> None:
        for lang in LANGS:
            self.language(lang)
            for name, path, ready, action in pages:
                needed = [field for _, field, _, _ in Formatter().parse(path) if field]
                if any(not ids.get(field) for field in needed):
                    print(f"  skipped {name}-{lang}: no {', '.join(needed)} found", file=sys.stderr)
                    continue
                filled = path.format(**{k: quote(v or "", safe="") for k, v in ids.items()})
                if not self.open(filled, ready):
                    print(f"  skipped {name}-{lang}: {ready} did not appear at {filled}", file=sys.stderr)
                    continue
                self.act(action)
                print(f"  {self.save(f'{name}-{lang}')}")


def login_shots(url: str, out: Path) -> list[Path]:
    shooter = Shooter(url, out)
    try:
        for lang in LANGS:
            shooter.driver.get(f"{url.rstrip('/')}/login?lang={lang}")
            shooter.wait_for("#login-submit", 20)
            print(f"  {shooter.save(f'login-{lang}')}")
        return shooter.saved
    finally:
        shooter.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Screenshots of every page in Korean and English.")
    parser.add_argument("--url", default="http://127.0.0.1:8050", help="the running app (default %(default)s)")
    parser.add_argument("--user", action="append", default=[], metavar="ROLE=NAME:PASSWORD",
                        help="an account to sign in with; admin (or analyst) for the analysts' pages, "
                             "council for the council's view; repeat for several")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--case", help="agenda item to show (default: the first on the list)")
    parser.add_argument("--household", help="household to show (default: the case's first)")
    parser.add_argument("--person", help="person to show (default: one of the household)")
    args = parser.parse_args(argv)
    if not args.user:
        parser.error("give at least one --user ROLE=NAME:PASSWORD")
    args.out.mkdir(parents=True, exist_ok=True)
    login_shots(args.url, args.out)
    for spec in args.user:
        role, _, cred = spec.partition("=")
        name, _, password = cred.partition(":")
        if not (role and name and password):
            parser.error(f"--user {spec!r}: expected ROLE=NAME:PASSWORD")
        council = role == "council"
        shooter = Shooter(args.url, args.out, prefix="council-" if council else "")
        try:
            shooter.sign_in(name, password)
            ids = shooter.discover({"case": args.case, "household": args.household,
                                    "person": None if council else args.person})
            pages = [p for p in PAGES if not council or p[0] in COUNCIL_PAGES]
            print(f"{role}: case {ids.get('case')}, household {ids.get('household')}, person {ids.get('person')}")
            shooter.shoot(pages, ids)
        finally:
            shooter.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
