"""The whole meeting's pack as one PDF (presentation, fpdf2): a cover page (meeting, number of
cases, the agenda, the masking notice, who made it and when), then for every case on the agenda
its sheet (pages/components/casesheet.py): head fields, people, the map drawn as vector shapes
from the server's positions, its legend, every measure with open and overdue ones marked, and the
overdue items with their reasons. Everything in it was masked by the data gate for the reader."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from fpdf.fonts import FontFace

from pages.components.casesheet import MEASURE_COLUMNS, Sheet, measure_headers
from pages.components.codes import code_label
from pages.components.i18n import t
from pages.components.pdfmap import FONT, Document, draw_legend, draw_scene

MAP_HEIGHT = 110.0      # mm at most for a case's map on its first page
MIN_MAP_HEIGHT = 55.0   # mm at least (the measures then run onto the next page)
LINE = 3.8              # mm per line of the measures table
MEASURE_WIDTHS = (25, 17, 27, 30, 13, 18, 18, 18, 14)   # mm, MEASURE_COLUMNS in order (180 in all)
HEADING = FontFace(emphasis="BOLD", fill_color=(243, 244, 246))
OVERDUE_ROW = FontFace(color=(138, 28, 28), fill_color=(253, 236, 234))
DONE_ROW = FontFace(color=(102, 112, 133), fill_color=(255, 255, 255))
PLAIN_ROW = FontFace(fill_color=(255, 255, 255))


@dataclass(frozen=True)
class PackInfo:
    meeting_date: str
    meeting_no: str
    user: str             # the reader's display name (and user name)
    role: str
    generated_at: datetime
    as_of: date
    purpose: str | None
    notice: str
    lang: str


def pack_pdf(info: PackInfo, sheets: list[Sheet]) -> tuple[bytes, int]:
    """(the PDF, its number of pages)."""
    lang = info.lang
    pdf = Document(footer=f"{t('pack.footer', lang)} · {t('pack.meeting_short', lang, date=info.meeting_date)} · "
                          f"{info.notice}")
    pdf.set_title(f"{t('pack.title', lang)} {info.meeting_date}")
    pdf.set_creator("JSS Graph")
    pdf.set_author(info.user)
    _cover(pdf, info, sheets)
    for sheet in sheets:
        _case_pages(pdf, sheet, lang)
    data = bytes(pdf.output())
    return data, pdf.pages_count


def _table_colours(pdf: Document) -> None:
    """Tables draw with the current colours: grey rules, white cells, dark text."""
    pdf.set_draw_color(208, 213, 221)
    pdf.set_fill_color(255, 255, 255)
    pdf.set_text_color(29, 41, 57)
    pdf.set_line_width(0.2)


def _text_line(pdf: Document, text: str, size: float, *, bold: bool = False, colour: tuple[int, int, int] = (29, 41, 57),
               height: float | None = None) -> None:
    pdf.set_font(FONT, "B" if bold else "", size)
    pdf.set_text_color(*colour)
    pdf.multi_cell(pdf.epw, height or size * 0.5, text, new_x="LMARGIN", new_y="NEXT")


def _cover(pdf: Document, info: PackInfo, sheets: list[Sheet]) -> None:
    lang = info.lang
    pdf.add_page()
    pdf.start_section(t("pack.title", lang))
    pdf.ln(8)
    _text_line(pdf, t("pack.title", lang), 22, bold=True, height=11)
    pdf.ln(2)
    _text_line(pdf, t("pack.meeting", lang, date=info.meeting_date, no=info.meeting_no or "-"), 13, height=7)
    _text_line(pdf, f"{t('pack.cases', lang, n=len(sheets))} · {t('pack.as_of', lang, date=info.as_of.isoformat())}",
               11, colour=(71, 84, 103), height=6)
    pdf.ln(4)
    # The masking notice in a box, before anything about a person.
    pdf.set_fill_color(255, 244, 229)
    pdf.set_draw_color(245, 194, 122)
    pdf.set_font(FONT, "B", 10)
    pdf.set_text_color(122, 46, 14)
    pdf.multi_cell(pdf.epw, 6, info.notice, border=1, fill=True, padding=3, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    _text_line(pdf, t("pack.agenda", lang), 13, bold=True, height=7)
    pdf.ln(1)
    pdf.set_font(FONT, "", 9)
    _table_colours(pdf)
    with pdf.table(col_widths=(34, 30, 24, 24, 34, 34), line_height=5.5, headings_style=HEADING,
                   text_align="LEFT") as table:
        table.row(["ID", t("case.type", lang), t("case.risk", lang),
                   t("case.status", lang), t("case.measures", lang), t("case.overdue", lang)])
        for s in sheets:
            head = dict(s.head)
            overdue = len(s.overdue)
            table.row([s.case_id, head.get(t("case.type", lang), ""), head.get(t("case.risk", lang), ""),
                       head.get(t("case.status", lang), ""), str(len(s.measures)),
                       t("case.overdue_count", lang, n=overdue) if overdue else "–"],
                      style=OVERDUE_ROW if overdue else PLAIN_ROW)
    pdf.ln(8)
    role = code_label("user_role", info.role, lang)
    _text_line(pdf, t("pack.generated", lang, user=info.user, role=role,
                      at=info.generated_at.strftime("%Y-%m-%d %H:%M")), 9, colour=(71, 84, 103), height=5)
    if info.purpose:
        _text_line(pdf, t("pack.purpose", lang, purpose=code_label("purpose", info.purpose, lang)), 9,
                   colour=(71, 84, 103), height=5)


def _case_pages(pdf: Document, sheet: Sheet, lang: str) -> None:
    pdf.add_page()
    pdf.start_section(sheet.case_id)
    type_ = dict(sheet.head).get(t("case.type", lang), "")
    _text_line(pdf, f"{t('nav.case', lang)} {sheet.case_id} · {type_}", 15, bold=True, height=8)
    pdf.ln(1)
    pdf.set_font(FONT, "", 8.5)
    _table_colours(pdf)
    pairs = sheet.head
    with pdf.table(col_widths=(22, 68, 22, 68), line_height=4.6, first_row_as_headings=False,
                   text_align="LEFT") as table:
        for i in range(0, len(pairs), 2):
            row = table.row()
            for label, value in pairs[i:i + 2]:
                row.cell(label, style=HEADING)
                row.cell(value, style=PLAIN_ROW)
    pdf.ln(2)
    if sheet.people:
        _text_line(pdf, t("pack.people", lang), 10, bold=True, height=5.5)
        for line in sheet.people:
            _text_line(pdf, f"• {line}", 8.5, height=4.6)
    pdf.ln(2)
    _text_line(pdf, t("pack.map", lang), 10, bold=True, height=5.5)
    top = pdf.get_y() + 1
    # The map takes what the measures and overdue items leave of the page (so that a case stays on
    # one page when it can), between MIN_MAP_HEIGHT and MAP_HEIGHT.
    room = pdf.h - pdf.b_margin - top - 14 - _below_map_height(pdf, sheet)
    used = draw_scene(pdf, sheet.scene, pdf.l_margin, top, pdf.epw, min(MAP_HEIGHT, max(room, MIN_MAP_HEIGHT)))
    legend_h = draw_legend(pdf, sheet.legend, pdf.l_margin, top + used + 2, pdf.epw, size=7.5)
    pdf.set_xy(pdf.l_margin, top + used + legend_h + 5)
    _measures(pdf, sheet, lang)
    pdf.ln(3)
    _text_line(pdf, t("pack.overdue_items", lang), 10, bold=True, height=5.5)
    if sheet.overdue:
        for line in sheet.overdue:
            _text_line(pdf, f"• {line}", 8.5, colour=(138, 28, 28), height=4.6)
    else:
        _text_line(pdf, t("pack.no_overdue", lang), 8.5, colour=(71, 84, 103), height=4.6)


def _below_map_height(pdf: Document, sheet: Sheet) -> float:
    """About how tall the legend, measures table and overdue items will be (mm), measured with the
    table's font: each row as tall as its most wrapped cell."""
    pdf.set_font(FONT, "", 7.5)
    height = 6.0 + 6.0 + 2 * LINE + 2        # legend, heading, heading row
    for m in sheet.measures:
        lines = max(-(-pdf.get_string_width(str(m[c])) // max(w - 2.0, 1.0)) or 1
                    for c, w in zip(MEASURE_COLUMNS, MEASURE_WIDTHS, strict=True))
        height += lines * LINE + 2
    return height + 9 + 4.6 * max(len(sheet.overdue), 1)


def _measures(pdf: Document, sheet: Sheet, lang: str) -> None:
    _text_line(pdf, t("case.measures", lang), 10, bold=True, height=5.5)
    if not sheet.measures:
        _text_line(pdf, t("pack.no_measures", lang), 8.5, colour=(71, 84, 103), height=4.6)
        return
    headers = measure_headers(lang)
    pdf.set_font(FONT, "", 7.5)
    _table_colours(pdf)
    # Every row, cells wrapped; the heading row repeats on each page the table runs onto.
    with pdf.table(col_widths=MEASURE_WIDTHS, line_height=LINE, headings_style=HEADING, text_align="LEFT",
                   repeat_headings=1) as table:
        table.row([headers[c] for c in MEASURE_COLUMNS])
        for m in sheet.measures:
            cells = [m[c] for c in MEASURE_COLUMNS]
            if m["is_open"] and not m["is_overdue"]:
                cells[-1] = t("pack.open", lang)   # open and not yet due
            table.row(cells, style=OVERDUE_ROW if m["is_overdue"] else DONE_ROW if m["is_done"] else PLAIN_ROW)
