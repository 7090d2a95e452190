"""What the language test (test_languages.py) reads from a page and how it judges it (pure apart
from the JavaScript it hands the driver).

The rule:
- English mode: no raw code (snake_case) and no Hangul outside recorded data. Recorded data is what agencies wrote and the page
  shows as it was written: people's names (masked or not; elements marked `.pii`), addresses,
  agency names and districts (the tokens of those values in the graph), and free-text
  descriptions, call summaries and reasons (whole phrases). Everything else — labels, codes,
  notices — must be English.
- Korean mode: no English that is a code or a UI word: lowercase snake_case tokens, the catalogue's
  English code values (spouse, household, both …) and a list of common UI words. Ids, units and
  proper names (JSS, Neo4j, CSV, PNG, 112 …) are fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Text of every visible element (script, style and text areas — the user's own query — left out),
# the placeholders of visible inputs, and the labels of the elements of every Cytoscape graph
# (drawn on a canvas, so not in the page's text). Elements under `.pii` (personal data) and the
# selectors given as arguments[0] are skipped.
COLLECT_JS = """
var skipSel = ['.pii'].concat(arguments[0] || []).join(',');
var out = [];
var skipTags = {SCRIPT: 1, STYLE: 1, NOSCRIPT: 1, TEXTAREA: 1};
function visible(el) {
  if (el.checkVisibility) { return el.checkVisibility({checkVisibilityCSS: true}); }
  return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
}
var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
var node;
while ((node = walker.nextNode())) {
  var el = node.parentElement;
  if (!el || skipTags[el.tagName] || el.closest(skipSel)) { continue; }
  var text = (node.nodeValue || '').trim();
  if (text && visible(el)) { out.push(text); }
}
document.querySelectorAll('input[placeholder]').forEach(function (input) {
  if (input.placeholder && visible(input) && !input.closest(skipSel)) { out.push(input.placeholder); }
});
document.querySelectorAll('div').forEach(function (div) {
  if (div._cyreg && div._cyreg.cy && !div.closest(skipSel)) {
    div._cyreg.cy.elements().forEach(function (e) {
      var label = e.data('label');
      if (label) { out.push(String(label)); }
    });
  }
});
return out;
"""

HANGUL_TOKEN = re.compile(r"[\uac00-\ud7a3\u3131-\u318e][\uac00-\ud7a3\u3131-\u318e0-9*○●◯]*|"
                          r"[0-9*○●◯]+[\uac00-\ud7a3\u3131-\u318e][\uac00-\ud7a3\u3131-\u318e0-9*○●◯]*")
MASK = re.compile(r"[*○●◯]")
LATIN_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z][A-Za-z0-9_]*)*")
SNAKE = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)+$")
FILE_NAME = re.compile(r"[\w.-]+\.(?:csv|xlsx|xls|json|yaml|png|svg|pdf)\b", re.I)

# Korean words an English page may show: the switch back to Korean.
ENGLISH_MODE_ALLOWED = frozenset({"한국어"})
# English a Korean page may show: names of products, formats, settings and Cypher keywords in
# hints, the language switch, units.
KOREAN_MODE_ALLOWED = frozenset({
    "JSS", "Graph", "Neo4j", "Cypher", "CSV", "PNG", "SVG", "PDF", "JSON", "ID", "KST", "English", "ms", "MATCH",
    "RETURN", "LOAD", "LIMIT", "EXPLAIN", "PROFILE", "CALL", "IN", "TRANSACTIONS", "jss", "load", "users",
    "passwd", "SHA-256", "Excel", "BOM", "UTF-8", "AM", "PM",
})
# English UI words that have no place on a Korean page (lower case; compared case-insensitively).
UI_WORDS = frozenset("""
filter data search select loading page pages results result yes no true false none null nan undefined
error errors not found clear cancel submit close export download sign out more items item rows row start
end date dates from to previous next of the and or with for household households person people agency
agencies case cases call calls victim victims suspect offender offenders measure measures service services
risk score level high low medium very reset view print open details detail members member timeline legend
filters relation relations type types status field fields reason due done overdue count total year years
month months week day days january february march april may june july august september october november
december jan feb mar apr jun jul aug sep oct nov dec monday tuesday wednesday thursday friday saturday
sunday mon tue wed thu fri sat sun su mo tu we th fr sa unknown other others all name names address phone
birth role roles kind key source record records provenance purpose access council agenda meeting map
""".split())


def hangul_tokens(text: str) -> list[str]:
    return HANGUL_TOKEN.findall(text)


def data_words(values: Iterable[str | None]) -> set[str]:
    """The Hangul tokens of recorded values (names, addresses, agency names, districts)."""
    out: set[str] = set()
    for v in values:
        if v:
            out.update(hangul_tokens(str(v)))
    return out


def wrong_in_english(texts: Iterable[str], words: set[str], phrases: list[str],
                     allowed: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """The strings of an English page that hold Hangul which is not recorded data, or a raw code
    (a lowercase snake_case token such as child_protection: codes are shown by their labels)."""
    bad = []
    for text in texts:
        if any(SNAKE.match(token) and token not in allowed
               for token in LATIN_TOKEN.findall(FILE_NAME.sub(" ", text))):
            bad.append(text)
            continue
        tokens = [t for t in hangul_tokens(text) if not MASK.search(t) and t not in words
                  and t not in ENGLISH_MODE_ALLOWED]
        if not tokens:
            continue
        # a graph label may wrap a name over two lines, between words or inside one
        if not any(_only_data(form, words, phrases) for form in (" ".join(text.split()),
                                                                 re.sub(r"\s*\n\s*", "", text))):
            bad.append(text)
    return bad


def _only_data(text: str, words: set[str], phrases: list[str]) -> bool:
    if text.endswith("…") and any(p.startswith(text[:-1].rstrip()) for p in phrases):
        return True                     # a recorded name cut short to fit a label
    for p in phrases:  # recorded free text (names of agencies, descriptions, summaries), longest first
        if p in text:
            text = text.replace(p, " ")
    return not [t for t in hangul_tokens(text) if not MASK.search(t) and t not in words
                and t not in ENGLISH_MODE_ALLOWED]


def wrong_in_korean(texts: Iterable[str], codes: set[str], allowed: set[str]) -> list[str]:
    """The strings of a Korean page that hold an English code or UI word (file names, such as a
    record's source file, are names)."""
    bad = []
    for text in texts:
        for token in LATIN_TOKEN.findall(FILE_NAME.sub(" ", text)):
            if token in KOREAN_MODE_ALLOWED or token in allowed:
                continue
            if SNAKE.match(token) or token in codes or token.lower() in UI_WORDS:
                bad.append(text)
                break
    return bad
