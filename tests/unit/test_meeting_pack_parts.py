"""The meeting pack's pure parts: captions wrapped to the room the map gives them, the scene drawn
from the server's positions, legends, the SVG and PNG exports on white, and the pack PDF read
back page by page (pypdfium2)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date, datetime
from typing import Any

import pytest

from pages.components.casemap import case_elements
from pages.components.casesheet import notice, sheet_of
from pages.components.i18n import t
from pages.components.mapscene import (
    CAPTION_WIDTH,
    OVERDUE,
    caption_room,
    legend,
    scene_of,
    svg,
    text_px,
    wrap,
)
from pages.components.pack import PackInfo, pack_pdf
from pages.components.pdfmap import font_face, map_png
from pages.components.styles import ROLE_COLOURS

AS_OF = date(2024, 1, 10)


def _case(case_id: str = "K1", measures: int = 3) -> dict[str, Any]:
    fields = ["법률", "심리상담", "주거·보호시설", "의료"]
    return {
        "case": {"case_id": case_id, "case_type": "가정폭력", "meeting_date": date(2023, 8, 17), "meeting_no": 15,
                 "risk_level": "높음", "status": "모니터링"},
        "submitted_by": {"agency_id": "P-1", "name": "제주동부경찰서"},
        "attending": [{"agency_id": "P-1", "name": "제주동부경찰서"}, {"agency_id": "S-1", "name": "제주해바라기센터"}],
        "people": [{"role": "victim", "name": "김*희", "person_id": "P1", "household_id": "H1"},
                   {"role": "offender", "name": "박*수", "person_id": "P2", "household_id": "H1"}],
        # measure 0: overdue (due before AS_OF, open); 1: done; 2…: due in the future
        "measures": [{"measure_id": f"{case_id}-{i:02d}", "field": fields[i % 4], "description": "보호명령 청구 지원",
                      "status": "완료" if i == 1 else "진행", "due_date": date(2023, 12, 1) if i < 2 else date(2099, 1, 1),
                      "done_date": date(2023, 11, 1) if i == 1 else None, "reason": "기관미이행" if i == 0 else None,
                      "agency_id": "S-1", "agency_name": "제주해바라기센터"} for i in range(measures)]}


def _sheet(case_id: str = "K1", measures: int = 3, lang: str = "ko"):  # type: ignore[no-untyped-def]
    return sheet_of(_case(case_id, measures), AS_OF, lang, lambda _kind, value: value,
                    {"H1": "김*희 · 박*수 (이도이동)"})


def test_wrap_keeps_lines_within_width_and_cuts_with_an_ellipsis() -> None:
    assert wrap("피해자 김*희") == ("피해자 김*희",)
    lines = wrap("제주특별자치도 서귀포시 가정폭력상담소 부설 피해자 보호시설 지원 담당 부서")
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_px(line) <= CAPTION_WIDTH for line in lines)
    assert all(text_px(line) <= CAPTION_WIDTH for line in wrap("A" * 80, lines=5))  # a long word is cut


def test_scene_keeps_server_positions_and_marks_roles_and_overdue() -> None:
    sheet = _sheet()
    positions = {e["data"]["id"]: e["position"] for e in sheet.elements if "position" in e}
    nodes = {n.id: n for n in sheet.scene.nodes}
    assert {k: (n.x, n.y) for k, n in nodes.items()} == {k: (p["x"], p["y"]) for k, p in positions.items()}
    assert nodes["person:0"].border == ROLE_COLOURS["victim"]
    assert nodes["measure:K1-00"].double and nodes["measure:K1-00"].border == OVERDUE
    assert nodes["measure:K1-01"].faded and not nodes["measure:K1-01"].double
    assert nodes["household:H1"].lines[0].startswith("김*희")   # named by its members, not by its id
    assert len(sheet.scene.edges) == sum(1 for e in sheet.elements if "source" in e["data"])
    assert caption_room(sheet.scene) >= 1.4, "the case map leaves room to enlarge captions on paper"
    labels = [i.label for i in legend(sheet.scene, "ko")]
    assert {"인물", "가구", "협의회 안건", "기관", "피해자", "가해자", "기한 경과"} <= set(labels)


def test_caption_room_shrinks_when_nodes_crowd() -> None:
    close = scene_of([{"data": {"id": "a", "type": "Agency", "label": "제주동부경찰서 여성청소년과 담당"},
                       "position": {"x": 0, "y": 0}},
                      {"data": {"id": "b", "type": "Agency", "label": "B"}, "position": {"x": 0, "y": 40}}])
    assert caption_room(close) < 1


def test_long_columns_are_split() -> None:
    elements = case_elements(_case(measures=20), AS_OF, lambda _k, v: v, lambda r: r)
    xs = {e["position"]["x"] for e in elements if e["data"].get("type") == "CouncilMeasure"}
    assert len(xs) == 2


def test_sheet_flags_overdue_open_and_done_measures() -> None:
    sheet = _sheet(measures=4)
    flags = [(m["is_overdue"], m["is_open"], m["is_done"]) for m in sheet.measures]
    assert flags[0] == (True, True, False) and flags[1] == (False, False, True) and flags[2] == (False, True, False)
    assert len(sheet.overdue) == 1 and "기관미이행" in sheet.overdue[0] and "2023-12-01" in sheet.overdue[0]
    assert dict(sheet.head)[t("case.overdue")] == "1"


def test_notice_depends_on_the_role() -> None:
    assert "가명 처리되어" in notice("council", "ko") and "가명 처리되어" in notice("agency", "ko")
    assert "가명 처리되지 않은" in notice("analyst", "ko")
    assert "pseudonymised for your role" in notice("council", "en")


def test_svg_export_is_well_formed_on_white_with_title_and_legend() -> None:
    sheet = _sheet()
    text = svg(sheet.scene, title="안건 관계도 K1", subtitle="회의일 2023-08-17", legend_items=sheet.legend,
               notice=notice("council", "ko"))
    root = ET.fromstring(text)
    ns = "{http://www.w3.org/2000/svg}"
    first = root.find(f"{ns}rect")
    assert first is not None and first.get("fill") == "#ffffff" and first.get("width") == "100%"
    shown = [el.text for el in root.iter(f"{ns}text")]
    assert "안건 관계도 K1" in shown and "회의일 2023-08-17" in shown and "기한 경과" in shown
    assert any("김*희" in (s or "") for s in shown) and notice("council", "ko") in shown


def test_png_export_is_opaque_white_with_drawing() -> None:
    from PIL import Image

    sheet = _sheet()
    data = map_png(sheet.scene, title="안건 관계도 K1", subtitle="회의일 2023-08-17", legend_items=sheet.legend,
                   notice=notice("council", "ko"))
    image = Image.open(io.BytesIO(data)).convert("RGBA")
    w, h = image.size
    assert w > 1000 and h > 400
    for corner in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1)):
        assert image.getpixel(corner) == (255, 255, 255, 255)
    title_band = image.crop((0, 0, w // 2, h // 8)).convert("L")
    assert min(title_band.tobytes()) < 80, "the title is drawn"
    rgb = image.convert("RGB").tobytes()
    assert any(rgb[i] > 180 and rgb[i + 1] < 80 and rgb[i + 2] < 80 for i in range(0, len(rgb), 3)), \
        "the overdue red is drawn"


def test_font_face_is_the_korean_face() -> None:
    from fontTools.ttLib import TTFont

    path, index = font_face()
    assert "KR" in str(TTFont(path, fontNumber=index, lazy=True)["name"].getDebugName(1))


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_pack_pdf_has_a_cover_and_one_page_per_case(lang: str) -> None:
    import pypdfium2 as pdfium

    sheets = [_sheet(f"K{i}", measures=m, lang=lang) for i, m in enumerate((2, 5, 9))]
    info = PackInfo(meeting_date="2023-08-17", meeting_no="15", user="테스트 (t_council)", role="council",
                    generated_at=datetime(2024, 1, 10, 9, 30), as_of=AS_OF, purpose="실무협의회 준비",
                    notice=notice("council", lang), lang=lang)
    data, pages = pack_pdf(info, sheets)
    doc = pdfium.PdfDocument(data)
    texts = [page.get_textpage().get_text_range() for page in doc]
    assert pages == len(doc) == 4
    assert t("pack.title", lang) in texts[0] and "2023-08-17" in texts[0] and "t_council" in texts[0]
    assert "".join(notice("council", lang).split()) in "".join(texts[0].split())
    for i, text in enumerate(texts[1:]):
        assert f"K{i}" in text.splitlines()[0]
        assert "김*희" in text and "보호명령 청구 지원" in text
    assert "1/4" in texts[0] and "4/4" in texts[3]
    doc.close()
