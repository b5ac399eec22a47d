"""The district's one-page flyer inviting applications to this year's round, with a QR code to
the registration page (the district already chosen).

Everything must stay on one A4 page: the fixed texts are sized to fit, and what the province
types (the office's name and address) is shrunk, then cut short with "...", never spilled over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.enums import Align, XPos, YPos

from reports.certificate import qr_png
from reports.document import FAMILY, Letterhead, ThaiDocument, render
from reports.thai_text import ZWSP

GREEN = (27, 94, 32)
PALE = (232, 242, 232)
MARGIN = 15
BOTTOM_MARGIN = 10
BOTTOM_BLOCK_MM = 74  # period, contact, QR code and its URL
QR_MM = 40
QUALIFICATION_PT = 12.5
STEP_PT = 13.5

ABOUT = (
    "มชช. คือ ระบบมาตรฐานการพัฒนาชุมชน (เดิมเรียกว่า ระบบมาตรฐานงานชุมชน) ของกรมการพัฒนาชุมชน "
    "เป็นเครื่องมือที่ผู้นำชุมชน กลุ่ม เครือข่าย และชุมชน เข้าร่วมได้ด้วยความสมัครใจ "
    "เพื่อรู้จักตนเองและพัฒนาอย่างมีทิศทาง ผู้สมัครกำหนดตัวชี้วัดของตนเอง วางแผน ลงมือพัฒนา "
    "และประเมินตนเอง โดยมีพัฒนากรและที่ปรึกษาคอยช่วยเหลือ"
)
NOT_A_CONTEST = "มชช. ไม่ใช่การประกวด ไม่ได้แข่งกับใคร แต่เป็นการแข่งกับตัวเอง ให้วันนี้ดีกว่าเมื่อวาน"


@dataclass(frozen=True)
class FlyerData:
    office: str  # the district office's name
    phone: str | None
    address: str | None
    fiscal_year: str  # "ปีงบประมาณ 2570"
    opens_on: str  # Thai date
    closes_on: str  # Thai date
    cadence_months: int
    register_url: str
    applicant_types: Sequence[tuple[str, Sequence[str]]]  # label, qualifications
    steps: Sequence[str]
    thai_digits: bool = True


class _Flyer(ThaiDocument):
    """No running header or page number: a flyer is one page of its own design."""

    numbers_pages = False

    def __init__(self, letterhead: Letterhead, total_pages: int | None = None) -> None:
        super().__init__(letterhead, total_pages)
        self.set_margins(left=MARGIN, top=MARGIN, right=MARGIN)
        # Left on so that content too long for the page shows as a second page in the tests.
        self.set_auto_page_break(auto=True, margin=BOTTOM_MARGIN)

    def header(self) -> None:
        pass

    def footer(self) -> None:
        pass


def _line_count(doc: ThaiDocument, text: str, width: float, size: float) -> int:
    return len(doc.multi_cell(width, size * 0.46, text, dry_run=True, output="LINES"))


def _fitted(
    doc: ThaiDocument,
    text: str,
    width: float,
    sizes: Sequence[float],
    *,
    max_lines: int = 99,
    max_height: float = 999.0,
    style: str = "",
    digits: bool = True,
) -> tuple[str, float]:
    """`text` broken for `width` at the largest of `sizes` that needs no more than `max_lines`
    lines and `max_height` mm; at the smallest size, cut short there with "..."."""
    for size in sizes:
        doc.set_font(FAMILY, style, size)
        broken = doc.breakable(text, width, digits=digits)
        allowed = max(1, min(max_lines, int(max_height // (size * 0.46))))
        if _line_count(doc, broken, width, size) <= allowed:
            return broken, size
    pieces = broken.split(ZWSP)  # each no wider than `width`
    fits, too_many = 0, len(pieces)
    while too_many - fits > 1:
        middle = (fits + too_many) // 2
        shortened = ZWSP.join(pieces[:middle]) + "..."
        if _line_count(doc, shortened, width, size) <= allowed:
            fits = middle
        else:
            too_many = middle
    return ZWSP.join(pieces[:fits]) + "...", size


def _write(
    doc: ThaiDocument,
    text: str,
    width: float,
    size: float,
    *,
    style: str = "",
    align: Align = Align.L,
) -> None:
    x = doc.get_x()
    doc.set_font(FAMILY, style, size)
    doc.multi_cell(width, size * 0.46, text, align=align, new_x=XPos.LEFT, new_y=YPos.NEXT)
    doc.set_x(x)


def _heading(doc: ThaiDocument, text: str) -> None:
    doc.ln(2)
    doc.set_text_color(*GREEN)
    _write(doc, doc.breakable(text), doc.epw, 17, style="B")
    doc.set_text_color(0, 0, 0)
    doc.ln(0.5)


def _band(doc: ThaiDocument, data: FlyerData) -> None:
    doc.set_fill_color(*GREEN)
    doc.rect(0, 0, doc.w, 25, style="F")
    doc.set_text_color(255, 255, 255)
    doc.set_xy(MARGIN, 4)
    name, size = _fitted(doc, data.office, doc.epw, (19, 17, 15, 13), max_lines=1, style="B")
    _write(doc, name, doc.epw, size, style="B", align=Align.C)
    _write(doc, doc.breakable("กรมการพัฒนาชุมชน กระทรวงมหาดไทย"), doc.epw, 14, align=Align.C)
    doc.set_text_color(0, 0, 0)


def _types(doc: ThaiDocument, data: FlyerData) -> None:
    """The four types in boxes, two a row, each with its qualifications as bullets."""
    gap, pad, bullet = 4, 2.5, 3.5
    width = (doc.epw - gap) / 2
    text_w = width - 2 * pad - bullet
    line_h = QUALIFICATION_PT * 0.46
    pairs = [data.applicant_types[i : i + 2] for i in range(0, len(data.applicant_types), 2)]
    for pair in pairs:
        doc.set_font(FAMILY, "", QUALIFICATION_PT)
        blocks = [
            (label, [doc.breakable(q, text_w) for q in qualifications])
            for label, qualifications in pair
        ]
        row_h = 9 + max(
            sum(_line_count(doc, t, text_w, QUALIFICATION_PT) * line_h for t in items)
            for _, items in blocks
        )
        top = doc.get_y()
        for i, (label, items) in enumerate(blocks):
            x = doc.l_margin + i * (width + gap)
            doc.set_fill_color(*PALE)
            doc.rect(x, top, width, row_h, style="F")
            doc.set_xy(x + pad, top + 1)
            doc.set_text_color(*GREEN)
            _write(doc, doc.breakable(label, width - 2 * pad), width - 2 * pad, 15, style="B")
            doc.set_text_color(0, 0, 0)
            for text in items:
                y = doc.get_y()
                doc.set_xy(x + pad, y)
                doc.set_font(FAMILY, "", QUALIFICATION_PT)
                doc.cell(bullet, line_h, "•")
                doc.set_xy(x + pad + bullet, y)
                _write(doc, text, text_w, QUALIFICATION_PT)
        doc.set_xy(doc.l_margin, top + row_h + 2.5)


def _steps(doc: ThaiDocument, data: FlyerData) -> None:
    """The seven steps in two columns, numbered down the first column, then the second."""
    gap = 4
    width = (doc.epw - gap) / 2
    split = (len(data.steps) + 1) // 2
    top = doc.get_y()
    bottoms = []
    for column, steps in enumerate((data.steps[:split], data.steps[split:])):
        x = doc.l_margin + column * (width + gap)
        doc.set_xy(x, top)
        for number, step in enumerate(steps, start=1 + column * split):
            y = doc.get_y()
            doc.set_font(FAMILY, "B", STEP_PT)
            doc.set_text_color(*GREEN)
            doc.cell(7, STEP_PT * 0.46, doc.digits(f"{number}."))
            doc.set_text_color(0, 0, 0)
            doc.set_xy(x + 7, y)
            _write(doc, doc.breakable(step, width - 7), width - 7, STEP_PT)
            doc.set_x(x)
        bottoms.append(doc.get_y())
    doc.set_xy(doc.l_margin, max(bottoms))


def _bottom(doc: ThaiDocument, data: FlyerData) -> None:
    """Period and contact on the left, the QR code on the right, its URL under both."""
    top = max(doc.get_y() + 3, doc.h - BOTTOM_MARGIN - BOTTOM_BLOCK_MM)
    url_top = top + BOTTOM_BLOCK_MM - 14
    doc.set_fill_color(*PALE)
    doc.rect(doc.l_margin, top, doc.epw, BOTTOM_BLOCK_MM - 1, style="F")

    x, width = doc.l_margin + 4, doc.epw - QR_MM - 14
    doc.set_xy(x, top + 2)
    period = f"เปิดรับสมัคร {data.opens_on} ถึง {data.closes_on}"
    _write(doc, doc.breakable(period, width), width, 16, style="B")
    cadence = f"ประเมินตนเองทุก {data.cadence_months} เดือน ตลอด 1 ปี"
    _write(doc, doc.breakable(cadence, width), width, 15)
    doc.set_xy(x, doc.get_y() + 1.5)
    doc.set_text_color(*GREEN)
    _write(doc, doc.breakable("สมัครและสอบถามได้ที่", width), width, 15, style="B")
    doc.set_text_color(0, 0, 0)
    contact = [(data.office, (15, 14, 13, 12), 2, "B")]
    if data.phone:
        contact.append((f"โทรศัพท์ {data.phone}", (15, 13, 12), 1, ""))
    if data.address:
        contact.append((data.address, (14, 13, 12, 11), 4, ""))
    for text, sizes, lines, style in contact:
        room = url_top - 1 - doc.get_y()
        fitted, size = _fitted(
            doc, text, width, sizes, max_lines=lines, max_height=room, style=style
        )
        _write(doc, fitted, width, size, style=style)

    qr_x = doc.l_margin + doc.epw - QR_MM - 4
    doc.set_xy(qr_x - 4, top + 1.5)
    _write(doc, doc.breakable("สแกนเพื่อลงทะเบียน"), QR_MM + 8, 14, style="B", align=Align.C)
    doc.image(qr_png(data.register_url), x=qr_x, y=top + 8.5, w=QR_MM, h=QR_MM)
    # The URL in Arabic characters: people type it in.
    doc.set_xy(doc.l_margin + 4, url_top)
    url, size = _fitted(
        doc,
        f"หรือพิมพ์ {data.register_url}",
        doc.epw - 8,
        (14, 12, 10, 9),
        max_lines=2,
        digits=False,
    )
    _write(doc, url, doc.epw - 8, size, align=Align.R)


def _build(data: FlyerData):  # type: ignore[no-untyped-def]
    def build(doc: ThaiDocument) -> None:
        doc.add_page()
        _band(doc, data)
        doc.set_xy(doc.l_margin, 29)
        doc.set_text_color(*GREEN)
        title = f"ขอเชิญสมัครเข้าร่วมระบบมาตรฐานการพัฒนาชุมชน (มชช.) {data.fiscal_year}"
        _write(doc, doc.breakable(title), doc.epw, 23, style="B", align=Align.C)
        doc.set_text_color(0, 0, 0)
        _heading(doc, "มชช. คืออะไร")
        _write(doc, doc.breakable(ABOUT), doc.epw, 14)
        _write(doc, doc.breakable(NOT_A_CONTEST), doc.epw, 14, style="B")
        _heading(doc, "ใครสมัครได้ และคุณสมบัติ")
        _types(doc, data)
        _heading(doc, "7 ขั้นตอนการพัฒนาตนเองสู่ระบบ มชช.")
        _steps(doc, data)
        _bottom(doc, data)

    return build


def flyer_pdf(data: FlyerData) -> bytes:
    letterhead = Letterhead(
        office=data.office,
        thai_digits=data.thai_digits,
        title=f"ขอเชิญสมัครเข้าร่วม มชช. {data.fiscal_year}",
    )
    return render(_build(data), letterhead, document=_Flyer)
