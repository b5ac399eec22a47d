"""Remembered and run-derived widths are the widths fpdf2 measures itself, to the last bit."""

from __future__ import annotations

import pytest
from fpdf.enums import TextDirection
from fpdf.fonts import TTFFont

from reports import shaping
from reports.document import Letterhead, ThaiDocument
from tests.reports.test_documents import LONG, ODD
from tests.reports.test_thai_text import PARAGRAPHS

TEXTS = [
    *PARAGRAPHS,
    ODD,
    LONG,
    "AVAV To WA 1,250 บาท น้ำท่วมซ้ำซาก ปี่ ฝั่ง ญู ฐู ที่ กำลัง เด็กๆ ฯลฯ ๒๕๗๐",
    "ก\u200bข\u200bค เเ ำำ ่่ ๆๆ\nบรรทัดใหม่ ผู้ใหญ่บ้าน",
]


@pytest.fixture
def doc() -> ThaiDocument:
    shaping.forget()
    doc = ThaiDocument(Letterhead(office="สำนักงานทดสอบ"))
    doc.add_page()
    return doc


def _params(doc: ThaiDocument) -> dict[str, object]:
    return {**doc.text_shaping, "fragment_direction": TextDirection.LTR}


@pytest.mark.parametrize("style", ["", "B"])
@pytest.mark.parametrize("size", [11, 16])
def test_every_piece_of_a_line_measures_as_fpdf2_measures_it(doc, style, size):
    font = doc.fonts[f"sarabun{style}"]
    assert isinstance(font, shaping.MemoFont)
    params = _params(doc)
    for text in (doc.clean(t) for t in TEXTS):
        for start in range(0, len(text), 11):
            with shaping.hint(text):
                for end in range(start + 1, min(len(text), start + 120) + 1):
                    piece = text[start:end]
                    expected = TTFFont.get_text_width(font, piece, size, params)
                    assert font.get_text_width(piece, size, params) == expected, piece


def test_a_remembered_width_is_the_one_measured_and_belongs_to_its_size_and_font(doc):
    regular, bold = doc.fonts["sarabun"], doc.fonts["sarabunB"]
    params = _params(doc)
    text = "ผู้ใหญ่บ้านและกำนัน"
    first = regular.get_text_width(text, 16, params)
    assert regular.get_text_width(text, 16, params) == first
    assert first == TTFFont.get_text_width(regular, text, 16, params)
    assert regular.get_text_width(text, 12, params) == TTFFont.get_text_width(
        regular, text, 12, params
    )
    assert bold.get_text_width(text, 16, params) == TTFFont.get_text_width(bold, text, 16, params)
    assert bold.get_text_width(text, 16, params) != first


def test_measuring_in_a_document_still_breaks_long_text_only_between_words(doc):
    """The same lines with the memos as measured the slow way, for text that wraps a lot."""
    text = doc.breakable(PARAGRAPHS[0] + " " + PARAGRAPHS[2], 63)
    fast = doc.multi_cell(63, 7, text, dry_run=True, output="LINES")
    for font in doc.fonts.values():
        font.__class__ = TTFFont
    slow = doc.multi_cell(63, 7, text, dry_run=True, output="LINES")
    assert fast == slow and len(fast) > 5
