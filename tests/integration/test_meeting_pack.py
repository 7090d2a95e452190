"""The whole meeting's pack, built through the app's own callback on the loaded jeju preset and
read back page by page: a cover and one page per agenda case, none blank, the case ids on their
pages, names masked for the council (and not for an analyst, so the check proves something), the
Korean font embedded and its text extractable as Hangul, and one audited export entry."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from auth import testing
from auth.masking import mask_name
from graph.runner import Runner

KEY = "..pack-download.data...pack-status.children.."
PURPOSE = {"reason": "실무협의회 준비", "text": "", "at": "2026-01-01T00:00:00+00:00"}
# The jeju meeting with the most cases (its agenda as the graph holds it is read below).
MEETINGS = """
MATCH (k:CouncilCase) WITH k.meeting_date AS day, collect(k.case_id) AS ids
RETURN toString(day) AS day, ids ORDER BY size(ids) DESC, day LIMIT 1
"""
NAMES = """
MATCH (k:CouncilCase)<-[:SUBJECT_OF]-(r:PersonRecord) WHERE k.case_id IN $ids
OPTIONAL MATCH (r)-[:RESOLVES_TO]->(p:Person)
RETURN DISTINCT coalesce(p.name, r.name) AS name
"""


def _post(role: str, meeting: str, *, purpose: bool = True, reason: str | None = None) -> dict[str, Any]:
    app = testing.shared_app()
    entry = app.callback_map[KEY]
    client = testing.client(role)
    if purpose:
        with client.session_transaction() as s:
            s["jss_purpose"] = PURPOSE
    body = {"output": KEY, "outputs": testing.callback_outputs(KEY),
            "inputs": [{**entry["inputs"][0], "value": 1}],
            "state": [{**s, "value": v} for s, v in zip(entry["state"], [meeting, reason, None], strict=True)],
            "changedPropIds": ["pack-build.n_clicks"]}
    resp = client.post("/_dash-update-component", json=body)
    assert resp.status_code == 200, resp.status_code
    return resp.get_json()["response"]


def _pdf(response: dict[str, Any]) -> bytes:
    download = response["pack-download"]["data"]
    assert download["filename"].endswith(".pdf") and download["base64"]
    return base64.b64decode(download["content"])


@pytest.fixture()
def meeting(jeju_graph: Runner) -> dict[str, Any]:
    testing.shared_app().server.test_client().get("/login")  # Dash registers pages and callbacks
    row = jeju_graph.read(MEETINGS, name="test.meeting").rows[0]
    names = [r["name"] for r in jeju_graph.read(NAMES, {"ids": row["ids"]}, name="test.names").rows
             if r["name"] and len(r["name"]) >= 3 and "*" not in r["name"]]
    assert len(row["ids"]) >= 3 and names
    return {"day": row["day"], "ids": sorted(row["ids"]), "names": names}


def _pages(data: bytes) -> list[tuple[str, float]]:
    """(text, share of non-white pixels) of every page."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(data)
    out = []
    try:
        for page in doc:
            text = page.get_textpage().get_text_range()
            image = page.render(scale=0.5).to_pil().convert("L")
            dark = sum(1 for v in image.tobytes() if v < 200)
            out.append((text, dark / (image.width * image.height)))
    finally:
        doc.close()
    return out


def test_council_pack_has_a_cover_and_every_case_masked(meeting: dict[str, Any]) -> None:
    response = _post("council", meeting["day"])
    data = _pdf(response)
    pages = _pages(data)
    ids = meeting["ids"]
    assert len(pages) == 1 + len(ids), [t[:40] for t, _ in pages]
    assert f"{len(pages)}쪽" in json.dumps(response["pack-status"], ensure_ascii=False)
    assert all(dark > 0.004 for _, dark in pages), [round(d, 4) for _, d in pages]   # no blank page
    cover = pages[0][0]
    assert "실무협의회 회의 자료" in cover and meeting["day"] in cover and f"안건 {len(ids)}건" in cover
    assert "가명 처리" in cover and "t_council" in cover
    # one page per case, in case order, each headed by its id
    assert [next(i for i in ids if i in text.split("\n")[0]) for text, _ in pages[1:]] == ids
    text = "\n".join(t for t, _ in pages)
    leaked = [n for n in meeting["names"] if n in text]
    assert leaked == [], f"full names in the council's pack: {leaked[:3]}"
    masked = {mask_name(n) for n in meeting["names"]}
    assert any(m in text for m in masked), "the people appear, masked"
    # Hangul drawn with the embedded Korean face (no fallback font that would print tofu)
    from pypdf import PdfReader

    reader = PdfReader(__import__("io").BytesIO(data))
    fonts = {f.get_object()["/BaseFont"]: f.get_object() for p in reader.pages
             for f in (p["/Resources"].get("/Font") or {}).values()}
    assert fonts and all("NotoSansCJKKR" in str(name) for name in fonts), list(fonts)
    for font in fonts.values():
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), "font embedded"
    assert "관계도" in text and "분야별 지원계획" in text


def test_pack_export_is_audited_with_purpose(meeting: dict[str, Any]) -> None:
    from auth import audit

    _post("council", meeting["day"])
    entries = [e for e in audit.iter_entries() if e.get("event") == "export" and e.get("target") == "meeting_pack"
               and e.get("user") == testing.username("council")]
    assert entries, "the pack is an audited export"
    last = entries[-1]
    assert last["purpose"] == PURPOSE["reason"] and last["role"] == "council"
    assert sorted(last["ids"]["case"]) == meeting["ids"]
    assert last["detail"]["format"] == "pdf" and last["detail"]["rows"] == len(meeting["ids"])


def test_analyst_pack_names_people_and_purpose_is_required(meeting: dict[str, Any]) -> None:
    text = "\n".join(t for t, _ in _pages(_pdf(_post("analyst", meeting["day"]))))
    assert any(n in text for n in meeting["names"]), "an analyst's pack names people: the council check is real"
    assert "가명 처리되지 않은" in text
    # No purpose in the session and none chosen: nothing is made, the user is asked for one.
    refused = _post("analyst", meeting["day"], purpose=False)
    assert "pack-download" not in refused
    assert "목적" in json.dumps(refused["pack-status"], ensure_ascii=False)
    # A purpose chosen with the button is recorded and the pack is made.
    chosen = _post("analyst", meeting["day"], purpose=False, reason="위험평가")
    assert _pdf(chosen)[:5] == b"%PDF-"
