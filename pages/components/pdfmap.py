"""The map on paper (presentation): an A4 document with the Korean font embedded, a drawn scene
(pages/components/mapscene.py) as vector shapes, its legend, and the map alone as a PDF or PNG
export (the PNG is that PDF page rendered by pdfium, so both look the same, on white).

Hangul needs a CJK font: Debian's `fonts-noto-cjk` (the Dockerfile installs it) ships Noto Sans
CJK as OpenType collections (.ttc, CFF outlines); fpdf2 embeds the collection's Korean face as a
subset (a CID font with a ToUnicode map, so the text can be searched and copied)."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

from graph.errors import JSSError
from pages.components.mapscene import (
    CAPTION_PX,
    LINE_HEIGHT,
    LegendItem,
    Node,
    Scene,
    caption_room,
    caption_top,
    polygon,
)

FONT = "notokr"
# Where distributions put Noto Sans CJK (Debian/Ubuntu first: the Docker image is Debian).
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk",
             "/usr/share/fonts/opentype/noto-cjk", "/usr/local/share/fonts")
PX_TO_PT = 72 / 25.4       # points per millimetre
MAX_SCALE = 0.3            # millimetres per screen pixel at most (a small map is not blown up)
MIN_CAPTION_PT = 6.5       # captions are never drawn smaller than this


class FontMissing(JSSError):
    """No Korean font for the PDF (install fonts-noto-cjk)."""


@lru_cache(maxsize=2)
def font_face(bold: bool = False) -> tuple[str, int]:
    """(path, face number) of Noto Sans CJK's Korean face, regular or bold."""
    from fontTools.ttLib import TTCollection

    name = "NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc"
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            faces = TTCollection(str(path), lazy=True).fonts
            for i, face in enumerate(faces):   # the face order differs between releases: find KR by name
                family = str(face["name"].getDebugName(1) or "")
                if family.endswith(" KR") and "Mono" not in family:
                    return str(path), i
    raise FontMissing("PDF에 쓸 한글 글꼴(Noto Sans CJK)이 없습니다: fonts-noto-cjk 패키지를 설치하십시오 "
                      "(no Korean font for the PDF: install fonts-noto-cjk)")


class Document(FPDF):
    """A4 with the Korean font as `notokr` (regular and bold) and a footer line on every page."""

    def __init__(self, orientation: str = "P", footer: str = "", page_format: str | tuple[float, float] = "A4"):
        super().__init__(orientation=orientation, unit="mm", format=page_format)
        for style, bold in (("", False), ("B", True)):
            path, face = font_face(bold)
            self.add_font(FONT, style, path, collection_font_number=face)
        self.footer_text = footer
        self.set_margins(15, 15, 15)
        self.set_auto_page_break(True, margin=16)
        self.alias_nb_pages()

    def footer(self) -> None:
        if not self.footer_text:
            return
        self.set_y(-12)
        self.set_font(FONT, "", 7)
        self.set_text_color(102, 112, 133)
        self.cell(self.epw - 20, 5, self.footer_text, align="L")
        self.cell(20, 5, f"{self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0, 0, 0)


def rgb(colour: str) -> tuple[int, int, int]:
    c = colour.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def _shape(pdf: FPDF, shape: str, cx: float, cy: float, size: float, style: str) -> None:
    pts = polygon(shape, cx, cy, size)
    if pts is not None:
        pdf.polygon(pts, style=style)
    elif shape == "ellipse":
        pdf.ellipse(cx - size / 2, cy - size / 2, size, size, style=style)
    else:
        rounded = shape.startswith("round")
        pdf.rect(cx - size / 2, cy - size / 2, size, size, style=style, round_corners=rounded,
                 corner_radius=size / 5 if rounded else 0)


def scene_scale(scene: Scene, width: float, height: float) -> float:
    left, top, right, bottom = scene.bounds()
    return min(width / max(right - left, 1.0), height / max(bottom - top, 1.0), MAX_SCALE)


def draw_scene(pdf: FPDF, scene: Scene, x: float, y: float, width: float, height: float) -> float:
    """Draw `scene` fitted into the box (x, y, width, height) in mm, centred across; returns the
    height it took."""
    left, top, right, bottom = scene.bounds()
    s = scene_scale(scene, width, height)
    ox = x + (width - (right - left) * s) / 2 - left * s
    oy = y - top * s
    caption_pt = CAPTION_PX * s * PX_TO_PT
    # Small captions are drawn larger, as far as the room around them allows.
    grow = min(max(MIN_CAPTION_PT / caption_pt, 1.0), max(caption_room(scene), 1.0)) if caption_pt > 0 else 1.0

    def at(px: float, py: float) -> tuple[float, float]:
        return ox + px * s, oy + py * s

    pdf.set_line_width(0.25)
    for e in scene.edges:
        pdf.set_draw_color(*rgb(e.colour))
        pdf.line(*at(e.x1, e.y1), *at(e.x2, e.y2))
    for n in scene.nodes:
        _draw_node(pdf, n, at(n.x, n.y), s)
    pdf.set_text_color(29, 41, 57)
    pdf.set_font(FONT, "", caption_pt * grow)
    line_mm = CAPTION_PX * LINE_HEIGHT * s * grow
    for n in scene.nodes:
        cx, _ = at(n.x, n.y)
        base = oy + caption_top(n) * s
        for i, line in enumerate(n.lines):
            pdf.text(cx - pdf.get_string_width(line) / 2, base + (i + 0.85) * line_mm, line)
    return (bottom - top) * s


def _draw_node(pdf: FPDF, n: Node, centre: tuple[float, float], s: float) -> None:
    cx, cy = centre
    size = n.size * s
    with pdf.local_context(fill_opacity=0.6 if n.faded else 1.0, stroke_opacity=0.6 if n.faded else 1.0):
        pdf.set_fill_color(*rgb(n.fill))
        pdf.set_draw_color(*rgb(n.border or "#ffffff"))
        pdf.set_line_width(max(4 * s, 0.6) if n.border else 0.2)
        _shape(pdf, n.shape, cx, cy, size, "DF")
        if n.double:
            pdf.set_line_width(max(1.5 * s, 0.3))
            _shape(pdf, n.shape, cx, cy, size - 9 * s, "D")


def draw_legend(pdf: FPDF, items: list[LegendItem], x: float, y: float, width: float, size: float = 8) -> float:
    """The legend as a flowing row of swatches and labels; returns the height it took."""
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(52, 64, 84)
    swatch, gap, row_h = 3.4, 4.0, 5.5
    cx, cy = x, y
    for item in items:
        w = swatch + 1.5 + pdf.get_string_width(item.label) + gap
        if cx > x and cx + w > x + width:
            cx, cy = x, cy + row_h
        pdf.set_fill_color(*rgb(item.fill))
        pdf.set_draw_color(*rgb(item.border or "#98a2b3"))
        pdf.set_line_width(0.6 if item.border else 0.15)
        _shape(pdf, item.shape, cx + swatch / 2, cy + row_h / 2, swatch, "DF")
        if item.double:
            pdf.set_line_width(0.2)
            _shape(pdf, item.shape, cx + swatch / 2, cy + row_h / 2, swatch - 1.4, "D")
        pdf.text(cx + swatch + 1.5, cy + row_h / 2 + size * 0.35 / PX_TO_PT * 1.0, item.label)
        cx += w
    return cy + row_h - y


def map_document(scene: Scene, *, title: str, subtitle: str, legend_items: list[LegendItem], notice: str) -> Document:
    """One page as wide as landscape A4 and as tall as its content: title, date, the map fitted to
    the width, legend, masking notice."""
    width, margin, head = 297.0, 15.0, 30.0
    left, top, right, bottom = scene.bounds()
    map_h = min((bottom - top) * scene_scale(scene, width - 2 * margin, 170.0), 170.0)
    pdf = Document(page_format=(width, max(head + map_h + 34, 120.0)))
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font(FONT, "B", 16)
    pdf.cell(0, 9, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(71, 84, 103)
    pdf.cell(0, 6, subtitle, new_x="LMARGIN", new_y="NEXT")
    used = draw_scene(pdf, scene, pdf.l_margin, head, pdf.epw, map_h)
    y = head + used + 6
    y += draw_legend(pdf, legend_items, pdf.l_margin, y, pdf.epw) + 2
    pdf.set_xy(pdf.l_margin, y)
    pdf.set_font(FONT, "", 8)
    pdf.set_text_color(102, 112, 133)
    pdf.multi_cell(pdf.epw, 4, notice)
    return pdf


def map_pdf(scene: Scene, **text: object) -> bytes:
    return bytes(map_document(scene, **text).output())  # type: ignore[arg-type]


def pdf_to_png(pdf_bytes: bytes, scale: float = 2.0) -> bytes:
    """The first page of a PDF as an opaque PNG (white paper), `scale` × 72 dpi."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        image = doc[0].render(scale=scale, fill_color=(255, 255, 255, 255)).to_pil().convert("RGB")
    finally:
        doc.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def map_png(scene: Scene, **text: object) -> bytes:
    return pdf_to_png(map_pdf(scene, **text))
