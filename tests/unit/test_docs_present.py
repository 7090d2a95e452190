"""The documentation and comments describe the project as it is now, and its links lead somewhere.

History belongs in CHANGELOG.md and git. A comment or doc that cites a round of work by number
("as measured in the n-th work session") stops meaning anything once that round is forgotten, and
hides the reason the code is as it is. A link or a `docs/…md` path that points at a removed file
sends a newcomer nowhere.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SCANNED = {".py", ".cypher", ".md", ".sh", ".toml"}
SKIPPED_DIRS = {".venv", ".git", ".data", ".neo4j", "node_modules", "__pycache__", ".pytest_cache",
                ".ruff_cache", ".import_linter_cache"}
HISTORY = {REPO / "CHANGELOG.md"}
SELF = Path(__file__).resolve()          # its examples of diary phrases are the pattern's test

_ORDINALS = ("earlier|previous|next|last|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|"
             "tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|"
             "nineteenth|twentieth")
# A work session cited as a point in time. A user's sign-in session is written "the signed-in
# session", which none of these match.
DIARY = re.compile(
    r"\bsessions? \d+"                       # a session by number
    r"|(?<![-\w])in session\b"               # "(as measured) in session …"
    r"|\bthis session\b"
    rf"|\b(?:{_ORDINALS}) session\b"
    r"|\bbefore this work\b",
    re.IGNORECASE)
MD_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
DOC_PATH = re.compile(r"(?<![\w/.-])((?:docs|bench)/[\w./-]*\w\.md)\b")


def scanned_files(suffixes: set[str]) -> list[Path]:
    out = []
    for root, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.endswith(".egg-info")]
        out += [Path(root) / f for f in files if Path(f).suffix in suffixes]
    return sorted(p for p in out if p not in HISTORY | {SELF})


def _hits(pattern: re.Pattern[str], files: list[Path]) -> list[str]:
    hits = []
    for path in files:
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            for m in pattern.finditer(line):
                hits.append(f"{path.relative_to(REPO)}:{n}: {m.group(0)!r}")
    return hits


def test_the_scan_covers_the_tree() -> None:
    files = scanned_files(SCANNED)
    names = {str(p.relative_to(REPO)) for p in files}
    assert {"README.md", "docs/architecture.md", "graph/runner.py", "pyproject.toml"} <= names
    assert not any(n.startswith((".venv/", ".git/")) or n == "CHANGELOG.md" for n in names)


def test_the_diary_pattern_tells_work_sessions_from_sign_in_sessions() -> None:
    diary = ["measured in session 9", "Sessions 8 and 11", "this session's code",
             "the fifth session", "before this work: 580 rows/s", "an EARLIER SESSION"]
    present = ["the signed-in session expires", "sessions as splink trains them",
               "JSS_SESSION_MINUTES", "a session cookie", "the session's purpose"]
    assert [t for t in diary if not DIARY.search(t)] == []
    assert [t for t in present if DIARY.search(t)] == []


def test_no_development_diary_in_code_or_docs() -> None:
    hits = _hits(DIARY, scanned_files(SCANNED))
    assert hits == [], ("say why the code is as it is, in the present tense; history goes to "
                        "CHANGELOG.md:\n" + "\n".join(hits))


def test_relative_markdown_links_resolve() -> None:
    broken = []
    for path in scanned_files({".md"}):
        text = path.read_text(encoding="utf-8")
        for n, line in enumerate(text.splitlines(), 1):
            for m in MD_LINK.finditer(line):
                target = m.group(1).split("#", 1)[0].split("?", 1)[0]
                if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
                    continue                     # an anchor in the same page, or a URL
                if not (path.parent / target).exists():
                    broken.append(f"{path.relative_to(REPO)}:{n}: {m.group(1)}")
    assert broken == [], "links to files that do not exist:\n" + "\n".join(broken)


def test_doc_paths_named_in_code_and_docs_exist() -> None:
    missing = [h for h in _hits(DOC_PATH, scanned_files(SCANNED))
               if not (REPO / h.rsplit(": ", 1)[1].strip("'")).exists()]
    assert missing == [], "paths of documents that do not exist:\n" + "\n".join(missing)
