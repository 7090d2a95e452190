"""The meeting's paper in the browser, on the hand-built graph (tests/app_graph.py, case K1 with
three measures, CM2 overdue): `?print=1` is a document — no navigation, a title, the meeting date,
the legend, the masking notice, the map as an image fitted to the page, every measure — the
browser's own print of the normal page hides the controls and shows the same, and the PNG export
is opaque white with its title drawn."""

from __future__ import annotations

import io
import time
from pathlib import Path

from apphelpers import login, shot


def _go(dash_duo, path: str) -> None:  # type: ignore[no-untyped-def]
    dash_duo.driver.get(dash_duo.server.url.rstrip("/") + path)
    dash_duo.wait_for_element(".navbar", timeout=30)


def _shown(dash_duo, selector: str) -> bool:  # type: ignore[no-untyped-def]
    return bool(dash_duo.driver.execute_script(
        "var el = document.querySelector(arguments[0]);"
        "return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0;", selector))


def test_print_view_is_a_document_and_png_export_is_opaque(served, app_users) -> None:  # type: ignore[no-untyped-def]
    duo = served
    login(duo, app_users["council"])
    _go(duo, "/case/K1?print=1")
    duo.wait_for_element(".print-doc", timeout=20)
    duo.wait_for_contains_text("#case-title", "K1", timeout=20)
    assert not _shown(duo, ".navbar"), "no navigation in the print view"
    assert "2023-06-01" in duo.find_element("#case-meeting").text
    assert "범례" in duo.find_element("#case-legend").text and "기한 경과" in duo.find_element("#case-legend").text
    assert "가명 처리" in duo.find_element("#case-notice").text
    # the map: an image that has loaded, no wider than the sheet
    size = duo.driver.execute_script(
        "var i = document.getElementById('case-print-map'); var d = document.querySelector('.print-doc');"
        "return [i.complete, i.naturalWidth, i.getBoundingClientRect().width, d.getBoundingClientRect().width];")
    assert size[0] and size[1] > 0 and 0 < size[2] <= size[3]
    rows = duo.driver.find_elements("css selector", "#case-measures-print tbody tr")
    assert len(rows) == 3 and len(duo.driver.find_elements("css selector", "#case-measures-print tr.overdue")) == 1
    body = duo.find_element(".print-doc").text
    assert "김*희" in body and "김영희" not in body
    shot(duo, "case-print")

    # The normal page printed: controls and the interactive map give way to the paper versions.
    _go(duo, "/case/K1")
    duo.wait_for_contains_text("#case-title", "K1", timeout=20)
    assert _shown(duo, "#case-map") and not _shown(duo, "#case-print-map")
    duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not _shown(duo, ".navbar") and not _shown(duo, ".toolbar") and not _shown(duo, "#case-map")
        assert _shown(duo, "#case-print-map") and _shown(duo, "#case-measures-print") and _shown(duo, "#case-legend")
    finally:
        duo.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})

    # PNG export: white, opaque, titled.
    from PIL import Image

    duo.find_element("#case-export-png").click()
    duo.wait_for_contains_text("#case-export-status", "PNG", timeout=30)
    image = Image.open(io.BytesIO(_downloaded(duo, "case-K1.png"))).convert("RGBA")
    w, h = image.size
    assert [image.getpixel(c)[3] for c in ((0, 0), (w - 1, 0), (0, h - 1), (w - 1, h - 1))] == [255] * 4
    assert image.getpixel((0, 0)) == (255, 255, 255, 255)
    assert min(image.crop((0, 0, w // 2, h // 6)).convert("L").tobytes()) < 80, "the title is drawn"


def test_meeting_pack_button_downloads_the_pdf(served, app_users) -> None:  # type: ignore[no-untyped-def]
    """One button on the agenda list: the purpose is asked for there, then the whole meeting's pack
    (cover + its one case, K1) downloads as a PDF."""
    import pypdfium2 as pdfium

    duo = served
    login(duo, app_users["council"])
    _go(duo, "/case")
    duo.wait_for_element("#pack-build", timeout=20)
    assert "2023-06-01" in duo.find_element("#pack-meeting").text
    duo.find_element("#pack-build").click()          # no purpose yet: asked for, nothing made
    duo.wait_for_contains_text("#pack-status", "목적", timeout=20)
    duo.select_dcc_dropdown("#pack-reason", value="실무협의회 준비")
    duo.find_element("#pack-build").click()
    duo.wait_for_contains_text("#pack-status", "2쪽", timeout=60)
    doc = pdfium.PdfDocument(_downloaded(duo, "meeting-pack-2023-06-01.pdf"))
    texts = [page.get_textpage().get_text_range() for page in doc]
    doc.close()
    assert len(texts) == 2 and "실무협의회 회의 자료" in texts[0] and "K1" in texts[1]
    assert "김*희" in texts[1] and "김영희" not in "".join(texts)


def _downloaded(duo, name: str, timeout: float = 20) -> bytes:  # type: ignore[no-untyped-def]
    """The bytes of a file the browser downloaded (waits until it is written)."""
    target = Path(duo.download_path) / name
    deadline = time.time() + timeout
    while time.time() < deadline and not (target.exists() and target.stat().st_size > 0):
        time.sleep(0.3)
    return target.read_bytes()
