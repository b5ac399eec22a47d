"""ใบประกาศ: the certificate of a unit that passed, with a QR code to its public registry entry."""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from fpdf.enums import Align

from reports.document import FAMILY, Letterhead, ThaiDocument, render

BORDER = (27, 94, 32)
GOLD = (176, 137, 0)


@dataclass(frozen=True)
class CertificateData:
    office: str  # the province's office, which issues it
    number: str  # มชช. 27/2570/0001
    verification_code: str
    verify_url: str  # the unit's public page
    name: str
    type_label: str
    area: str
    fiscal_year: str  # "ปีงบประมาณ 2570"
    announced_on: str  # Thai date
    signer_title: str  # "พัฒนาการจังหวัดปราจีนบุรี"
    thai_digits: bool = True


class _Landscape(ThaiDocument):
    """No running header or page number: a certificate is one framed page."""

    numbers_pages = False

    def __init__(self, letterhead: Letterhead, total_pages: int | None = None) -> None:
        super().__init__(letterhead, total_pages)
        self.set_margins(left=25, top=20, right=25)
        self.set_auto_page_break(auto=False)

    def header(self) -> None:
        pass

    def footer(self) -> None:
        pass


def qr_png(url: str) -> bytes:
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def _centered(
    doc: ThaiDocument, text: str, size: float, *, bold: bool = False, h: float = 0
) -> None:
    doc.set_font(FAMILY, "B" if bold else "", size)
    doc.multi_cell(
        0, h or size * 0.52, doc.breakable(text), align=Align.C, new_x="LMARGIN", new_y="NEXT"
    )


def _build(data: CertificateData):  # type: ignore[no-untyped-def]
    def build(doc: ThaiDocument) -> None:
        doc.add_page(orientation="L")
        doc.set_draw_color(*BORDER)
        doc.set_line_width(1.6)
        doc.rect(10, 10, doc.w - 20, doc.h - 20)
        doc.set_draw_color(*GOLD)
        doc.set_line_width(0.6)
        doc.rect(14, 14, doc.w - 28, doc.h - 28)
        doc.set_line_width(0.2)

        doc.set_y(24)
        _centered(doc, data.office, 20, bold=True)
        doc.ln(2)
        _centered(doc, "ใบประกาศ", 40, bold=True, h=18)
        _centered(doc, "ขอประกาศว่า", 20)
        doc.ln(2)
        doc.set_text_color(*BORDER)
        _centered(doc, data.name, 30, bold=True, h=14)
        doc.set_text_color(0, 0, 0)
        _centered(doc, f"ประเภท{data.type_label}", 18)
        _centered(doc, data.area, 16)
        doc.ln(2)
        _centered(
            doc,
            f"ได้ผ่านการรับรองตามระบบมาตรฐานการพัฒนาชุมชน (มชช.) {data.fiscal_year}",
            20,
            bold=True,
        )
        _centered(doc, f"ประกาศ ณ วันที่ {data.announced_on}", 18)

        # The signature on the left half, the number and the QR code on the right.
        bottom = doc.h - 62
        half = (doc.w - 50) / 2
        doc.set_font(FAMILY, "", 16)
        doc.set_xy(25, bottom + 4)
        doc.cell(half, 8, "ลงชื่อ ..................................................", align=Align.C)
        doc.set_xy(25, bottom + 14)
        doc.cell(half, 8, doc.clean(data.signer_title), align=Align.C)

        size = 34
        qr_x = doc.w - 25 - size
        doc.image(qr_png(data.verify_url), x=qr_x, y=bottom - 4, w=size, h=size)
        doc.set_font(FAMILY, "", 14)
        text_w = half - size + 10
        doc.set_xy(qr_x - text_w - 2, bottom)
        doc.multi_cell(
            text_w,
            6.5,
            doc.breakable(f"เลขที่ {data.number}", text_w),
            align=Align.R,
            new_x="LEFT",
            new_y="NEXT",
        )
        doc.multi_cell(  # the code stays in Arabic letters and digits: people type it back
            text_w,
            6.5,
            doc.breakable(f"รหัสตรวจสอบ {data.verification_code}", text_w, digits=False),
            align=Align.R,
            new_x="LEFT",
            new_y="NEXT",
        )
        doc.multi_cell(
            text_w, 6.5, doc.breakable("สแกนเพื่อตรวจสอบในทะเบียนผู้ผ่าน มชช.", text_w), align=Align.R
        )

    return build


def certificate_pdf(data: CertificateData) -> bytes:
    letterhead = Letterhead(
        office=data.office,
        reference=data.number,
        thai_digits=data.thai_digits,
        title=f"ใบประกาศ {data.number}",
    )
    return render(_build(data), letterhead, document=_Landscape)
