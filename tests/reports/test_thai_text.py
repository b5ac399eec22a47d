"""Thai line breaking in the printed documents: never before a mark, never inside a word."""

from __future__ import annotations

import unicodedata

import pytest
from icu4py.breakers import LineBreaker

from reports import thai_text
from reports.document import FAMILY, Letterhead, ThaiDocument

PARAGRAPHS = [
    "ชุมชนบ้านท่าเกษมร่วมกันจัดทำแผนพัฒนาชุมชนอย่างมีส่วนร่วม โดยสมาชิกทุกครัวเรือนเข้าร่วม"
    "ประชุมประจำเดือนและแสดงความคิดเห็นเกี่ยวกับการแก้ไขปัญหาหนี้สินครัวเรือน การทำบัญชีรับจ่าย "
    "การออมทรัพย์ และการลดรายจ่ายด้วยการปลูกผักสวนครัวรั้วกินได้ ผลการดำเนินงานพบว่าครัวเรือน"
    "ร้อยละ 85 ทำบัญชีครัวเรือนอย่างต่อเนื่องและมีเงินออมเพิ่มขึ้นเฉลี่ย 1,250 บาทต่อเดือน",
    "ปี่ ฝั่ง ญู ฐู ที่ น้ำ กำลัง เด็กๆ ไม่ได้ ผู้ใหญ่บ้านและกำนันตำบลโคกปี่ฆ้องให้คำแนะนำ"
    "เรื่องการจัดตั้งกองทุนหมุนเวียนเพื่อการผลิต (Revolving Fund for Production) ตั้งแต่ปี 2565",
    "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูงหมู่ที่ห้าตำบลโคกปี่ฆ้องอำเภอเมืองสระแก้วจังหวัดสระแก้ว"
    "ได้รับการสนับสนุนจากองค์การบริหารส่วนตำบลและสำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
]


def _doc() -> ThaiDocument:
    doc = ThaiDocument(Letterhead(office="สำนักงานทดสอบ"))
    doc.add_page()
    doc.set_font(FAMILY, "", 16)
    return doc


def _bad_start(line: str) -> bool:
    first = line.replace(thai_text.ZWSP, "").lstrip()[:1]
    return bool(first) and (
        unicodedata.category(first) == "Mn" or first in thai_text.FOLLOWING_VOWELS
    )


def _lines(doc: ThaiDocument, text: str, width: float) -> list[str]:
    return doc.multi_cell(width, 7, text, dry_run=True, output="LINES")


def _boundaries(paragraph: str) -> set[int]:
    """Every place ICU allows a line break in `paragraph` (offsets into the text)."""
    offsets, at = {0, len(paragraph)}, 0
    for segment in LineBreaker(paragraph, "th"):
        at += len(segment)
        offsets.add(at)
    return offsets


@pytest.mark.parametrize("width", [40, 63, 90, 120, 160])
@pytest.mark.parametrize("paragraph", PARAGRAPHS, ids=["long", "marks", "one-run"])
def test_paragraph_lines_start_with_no_mark_and_end_only_where_icu_allows(paragraph, width):
    doc = _doc()
    lines = _lines(doc, doc.breakable(paragraph, width), width)
    assert len(lines) > 1
    assert not [line for line in lines if _bad_start(line)]
    # Put back together, the lines are the paragraph, and each ends at a word boundary.
    allowed = _boundaries(paragraph)
    at = 0
    for line in lines:
        text = line.replace(thai_text.ZWSP, "")
        start = paragraph.index(text.strip(), at)
        at = start + len(text.strip())
        assert at in allowed or paragraph[at : at + 1] == " ", (line, paragraph[at - 5 : at + 5])


def test_unbroken_thai_without_the_segmenter_would_start_lines_with_marks():
    """The check above can fail: plain fpdf2 on the same text cuts inside words."""
    doc = _doc()
    bad = [
        line
        for paragraph in PARAGRAPHS
        for width in range(30, 161, 7)
        for line in _lines(doc, doc.clean(paragraph), width)
        if _bad_start(line)
    ]
    assert bad


@pytest.mark.parametrize("width", [9, 12, 16, 22, 30])
def test_a_word_wider_than_a_table_cell_is_cut_between_clusters_only(width):
    doc = _doc()
    doc.set_font(FAMILY, "", 13)
    for text in ["ประชาสัมพันธ์", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง", "ผู้ใหญ่บ้าน", "น้ำท่วมซ้ำซาก"]:
        lines = _lines(doc, doc.breakable(text, width), width)
        assert "".join(lines).replace(thai_text.ZWSP, "") == text
        assert not [line for line in lines if _bad_start(line)], lines


def test_characters_the_font_lacks_and_control_characters_do_not_reach_the_pdf():
    doc = _doc()
    cleaned = doc.clean("กลุ่ม😀ทอผ้า\x00\x07 ☃ 中文\tสระแก้ว")
    assert "😀" not in cleaned and "\x00" not in cleaned and "\x07" not in cleaned
    assert cleaned.startswith("กลุ่ม?ทอผ้า")
    assert "สระแก้ว" in cleaned


def test_thai_digits_follow_the_letterhead_but_not_for_codes():
    doc = ThaiDocument(Letterhead(office="สำนักงานทดสอบ", thai_digits=True))
    doc.add_page()
    assert "๒๕๗๐" in doc.breakable("ปีงบประมาณ 2570")
    assert "W3WHA33V2C" in doc.breakable("รหัส W3WHA33V2C", digits=False)
