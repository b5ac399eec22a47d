"""The portal's printed documents: A4, Sarabun 16 pt, the issuing office at the top, "หน้า x/y".

`render(build, letterhead)` runs `build(doc)` on a fresh `ThaiDocument` and returns the PDF's
bytes. Every piece of text goes through `reports.thai_text` first: only characters Sarabun can
draw, and a line break allowed only between Thai words.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import fontpkg
from fpdf import FPDF
from fpdf.enums import Align, XPos, YPos
from fpdf.fonts import FontFace

from core.thai import to_thai_digits
from reports import shaping, thai_text

FAMILY = "Sarabun"
BODY_PT = 16
SMALL_PT = 13
LINE_MM = 7.4  # 16 pt Sarabun with room for stacked marks
GREY = (90, 90, 90)
RULE = (150, 150, 150)
HEAD_FILL = (232, 238, 232)
MAX_CELL_LINES = 24


@lru_cache(maxsize=1)
def font_files() -> dict[str, str]:
    return {
        "": str(fontpkg.path(FAMILY)),
        "B": str(fontpkg.path(FAMILY, weight=700)),
    }


@dataclass(frozen=True)
class Letterhead:
    """What heads every page: the issuing office and the document's reference number."""

    office: str
    reference: str | None = None
    thai_digits: bool = False
    title: str = ""


class ThaiDocument(FPDF):
    numbers_pages = True

    def __init__(self, letterhead: Letterhead, total_pages: int | None = None) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.letterhead = letterhead
        self._total_pages = total_pages
        # page: where its footer's drawing begins, and the margins it was drawn within
        self._footers: dict[int, tuple[int, tuple[float, float, float]]] = {}
        for style, path in font_files().items():
            self.add_font(FAMILY, style, path)
            shaping.adopt(self.fonts[f"{FAMILY.lower()}{style}"])
        self.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
        self.set_margins(left=25, top=18, right=20)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(self.clean(letterhead.title or letterhead.office))
        self.set_creator("ระบบ มชช. ออนไลน์")
        self.set_lang("th")
        if total_pages is None:
            self.alias_nb_pages()

    def multi_cell(self, w: float, h: float | None = None, text: str = "", *args, **kwargs):  # type: ignore[no-untyped-def]
        with shaping.hint(text):  # fpdf2 measures pieces of `text` as it breaks lines
            return super().multi_cell(w, h, text, *args, **kwargs)

    # ------------------------------------------------------------------ text helpers
    def digits(self, text: str) -> str:
        return to_thai_digits(text) if self.letterhead.thai_digits else text

    def clean(self, text: str | None) -> str:
        return thai_text.drawable(text or "", font_files()[""])

    def breakable(
        self, text: str | None, width: float | None = None, *, digits: bool = True
    ) -> str:
        """`text` ready for multi_cell: drawable, breakable between words, and in Thai digits
        when the document uses them (`digits=False` for codes a person must type back)."""
        width = width if width is not None else self.epw
        text = self.clean(text)
        if digits:
            text = self.digits(text)
        return thai_text.breakable(text, width=width, measure=self._width_over(width))

    def _width_over(self, width: float):  # type: ignore[no-untyped-def]
        """The string width, skipped (0) for a string too short to reach `width`: no glyph of
        Sarabun is wider than one em, and shaping makes measuring the costly part of a PDF."""

        def measure(text: str) -> float:
            if len(text) * self.font_size < width:
                return 0.0
            return self.get_string_width(text)

        return measure

    # ------------------------------------------------------------------ page furniture
    def header(self) -> None:
        head = self.letterhead
        self.set_font(FAMILY, "", SMALL_PT)
        self.set_text_color(*GREY)
        self.set_xy(self.l_margin, 8)
        self.cell(self.epw * 0.62, 6, self.breakable(head.office), align=Align.L)
        if head.reference:
            self.cell(self.epw * 0.38, 6, self.digits(self.clean(head.reference)), align=Align.R)
        self.set_draw_color(*RULE)
        self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        self.set_text_color(0, 0, 0)
        self.set_xy(self.l_margin, self.t_margin)
        self.set_font(FAMILY, "", BODY_PT)

    def footer(self) -> None:
        margins = (self.l_margin, self.r_margin, self.c_margin)  # a table may have moved them
        self._footers[self.page] = (len(self.pages[self.page].contents), margins)
        self._page_number()

    def _page_number(self) -> None:
        self.set_y(-14)
        self.set_font(FAMILY, "", SMALL_PT)
        self.set_text_color(*GREY)
        if self._total_pages is None:  # fpdf2 puts the count in place of the alias
            text = self.digits(f"หน้า {self.page_no()}/") + self.str_alias_nb_pages
        else:
            text = self.digits(f"หน้า {self.page_no()}/{self._total_pages}")
        self.cell(0, 6, text, align=Align.C)
        self.set_text_color(0, 0, 0)

    def number_pages(self, total: int) -> None:
        """Redraw the page number of every finished page as "หน้า x/`total`".

        A page's footer is the last thing drawn on it, so it is cut off its contents and drawn
        again there; the font is set anew, as nothing drawn before can be relied on."""
        self._total_pages = total
        last, x, y = self.page, self.x, self.y
        font = (self.font_family, self.font_style, self.font_size_pt)
        margins = (self.l_margin, self.r_margin, self.c_margin)
        for page, (start, drawn_within) in self._footers.items():
            if page == last:
                continue  # not finished: fpdf2 draws its footer when the document closes
            self.pages[page].contents = self.pages[page].contents[:start]
            self.page = page
            self.l_margin, self.r_margin, self.c_margin = drawn_within
            self.current_font_is_set_on_page = False
            self.in_footer = True  # as fpdf2 draws footers: no automatic page break
            self._page_number()
            self.in_footer = False
        self.page = last
        self.l_margin, self.r_margin, self.c_margin = margins
        self.set_font(*font)
        self.current_font_is_set_on_page = False
        self.set_xy(x, y)

    # ------------------------------------------------------------------ blocks
    def title_block(self, title: str, subtitle: str | None = None) -> None:
        self.set_font(FAMILY, "B", 20)
        self.multi_cell(0, 10, self.breakable(title), align=Align.C, **_next_line())
        if subtitle:
            self.set_font(FAMILY, "", BODY_PT)
            self.multi_cell(0, LINE_MM, self.breakable(subtitle), align=Align.C, **_next_line())
        self.ln(3)
        self.set_font(FAMILY, "", BODY_PT)

    def heading(self, text: str) -> None:
        if self.will_page_break(LINE_MM * 4):
            self.add_page()
        self.ln(2)
        self.set_font(FAMILY, "B", 17)
        self.multi_cell(0, 8.5, self.breakable(text), align=Align.L, **_next_line())
        self.set_font(FAMILY, "", BODY_PT)

    def paragraph(self, text: str | None, *, empty: str = "-", indent: float = 0) -> None:
        self.set_font(FAMILY, "", BODY_PT)
        self.set_x(self.l_margin + indent)
        width = self.epw - indent
        self.multi_cell(
            width, LINE_MM, self.breakable(text or empty, width), align=Align.L, **_next_line()
        )

    def field(self, label: str, value: str | None, *, label_width: float = 52) -> None:
        """ "label   value" on one row, each wrapping in its own column."""
        value_width = self.epw - label_width
        text = self.breakable(value or "-", value_width)
        name = self.breakable(label, label_width - 2)
        self.set_font(FAMILY, "B", BODY_PT)
        label_h = self.multi_cell(label_width - 2, LINE_MM, name, dry_run=True, output="HEIGHT")
        self.set_font(FAMILY, "", BODY_PT)
        value_h = self.multi_cell(value_width, LINE_MM, text, dry_run=True, output="HEIGHT")
        height = max(label_h, value_h)
        if self.will_page_break(height):
            self.add_page()
        top = self.get_y()
        self.set_font(FAMILY, "B", BODY_PT)
        self.multi_cell(label_width - 2, LINE_MM, name, align=Align.L)
        self.set_xy(self.l_margin + label_width, top)
        self.set_font(FAMILY, "", BODY_PT)
        self.multi_cell(value_width, LINE_MM, text, align=Align.L, **_next_line())
        self.set_y(top + height)

    def grid(
        self,
        headings: Sequence[str],
        rows: Sequence[Sequence[str | None]],
        widths: Sequence[float],
        *,
        size: float = 14,
        aligns: Sequence[str] | None = None,
    ) -> None:
        """A bordered table; `widths` are relative; the heading row repeats on each page."""
        total = sum(widths)
        mm = [self.epw * w / total for w in widths]
        self.set_fill_color(255, 255, 255)  # a chart's bar colour must not fill the cells
        padding = 1.5
        self.set_font(FAMILY, "", size)
        with self.table(
            col_widths=tuple(widths),
            width=self.epw,
            text_align=tuple(aligns) if aligns else "LEFT",
            line_height=size * 0.45,
            padding=padding,
            headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
            repeat_headings=1,
        ) as table:
            for cells in [headings, *rows]:
                row = table.row()
                for text, width in zip(cells, mm, strict=True):
                    row.cell(self._cell_text(text, width - 2 * padding - 0.5, size * 0.45))
        self.set_font(FAMILY, "", BODY_PT)
        self.ln(3.5)

    def _cell_text(self, text: str | None, width: float, line_height: float) -> str:
        """A table cell's text, cut short (with "...") past MAX_CELL_LINES lines: a row must fit
        on one page, and no table cell is meant to hold a page of text."""
        broken = self.breakable(text if text not in (None, "") else "-", width)
        room = width * MAX_CELL_LINES * 0.8
        if self._width_over(room)(broken) < room:
            return broken  # too short to fill the lines, even wrapping badly
        lines = self.multi_cell(width, line_height, broken, dry_run=True, output="LINES")
        if len(lines) <= MAX_CELL_LINES:
            return broken
        return thai_text.ZWSP.join(lines[: MAX_CELL_LINES - 1]) + thai_text.ZWSP + "..."

    def signature_block(
        self,
        lines: Sequence[tuple[str, str]],
        *,
        date_line: str,
        statement: str | None = None,
    ) -> None:
        """One or more signature places side by side: (what the signer signs as, name), after
        the `statement` they sign for; the two never part across a page break."""
        height = LINE_MM * 5
        said = self.breakable(statement, self.epw - 12) if statement else ""
        said_h = (
            self.multi_cell(self.epw - 12, LINE_MM, said, dry_run=True, output="HEIGHT")
            if said
            else 0
        )
        if self.will_page_break(height + said_h + 10):
            self.add_page()
        if said:
            self.ln(4)
            self.set_x(self.l_margin + 12)
            self.multi_cell(self.epw - 12, LINE_MM, said, align=Align.L, **_next_line())
        self.ln(6)
        top = self.get_y()
        width = self.epw / max(len(lines), 1)
        for i, (role, name) in enumerate(lines):
            x = self.l_margin + i * width
            self.set_xy(x, top)
            self.multi_cell(
                width, LINE_MM, "ลงชื่อ ..............................................", align=Align.C
            )
            self.set_x(x)
            self.multi_cell(
                width, LINE_MM, self.breakable(f"({name or ' ' * 30})", width), align=Align.C
            )
            self.set_x(x)
            self.multi_cell(width, LINE_MM, self.breakable(role, width), align=Align.C)
            self.set_x(x)
            self.multi_cell(width, LINE_MM, self.digits(date_line), align=Align.C)
        self.set_xy(self.l_margin, top + height)


def _next_line() -> dict[str, object]:
    return {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def render(
    build: Callable[[ThaiDocument], None],
    letterhead: Letterhead,
    *,
    document: type[ThaiDocument] = ThaiDocument,
) -> bytes:
    """The PDF `build` draws, with "หน้า x/y" on every page when the document numbers pages.

    fpdf2's page-count alias can only print Arabic digits: for Thai digits, every page says
    "/๐" until the document is drawn, then its number is drawn again with the total."""
    thai_total = letterhead.thai_digits and document.numbers_pages
    doc = document(letterhead, total_pages=0 if thai_total else None)
    build(doc)
    if thai_total:
        doc.number_pages(doc.pages_count)
    return bytes(doc.output())
