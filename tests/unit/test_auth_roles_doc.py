"""docs/security.md's permission matrix is the one auth/roles.py enforces."""

from __future__ import annotations

from pathlib import Path

from auth.roles import PERMISSIONS, ROLES, can, matrix_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def test_documented_matrix_equals_the_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = text.split("<!-- matrix:start -->", 1)[1].split("<!-- matrix:end -->", 1)[0].strip()
    assert documented == matrix_markdown(), "regenerate the table: python -c 'from auth.roles import matrix_markdown; print(matrix_markdown())'"


def test_the_roles_the_brief_requires() -> None:
    # Hand-written from the access policy: council sees the overview, cases and households, masked;
    # only admin sees shelter locations, users and the audit trail; the console is data_staff + admin.
    assert [r for r in ROLES if can(r, "page:console")] == ["data_staff", "admin"]
    assert [r for r in ROLES if can(r, "data:shelter_address")] == ["admin"]
    assert [r for r in ROLES if can(r, "action:audit_search")] == ["admin"]
    assert [r for r in ROLES if not can(r, "data:full_detail")] == ["council", "secretary", "agency"]
    for scoped in ("council", "agency"):  # their scope is applied by queries.gate, not by pages
        assert {p for p in PERMISSIONS if can(scoped, p) and p.startswith("page:")} == {
            "page:overview", "page:case", "page:household"}
    # the council's secretary: the council's pages and the agenda suggestions, which only it and
    # admin decide on (issue 29)
    assert {p for p in PERMISSIONS if can("secretary", p) and p.startswith("page:")} == {
        "page:overview", "page:case", "page:household", "page:suggestions"}
    assert [r for r in ROLES if can(r, "action:suggestion_decide")] == ["secretary", "admin"]
    assert not can(None, "page:overview") and not can("intruder", "page:overview")
