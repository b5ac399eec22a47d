"""ใบสมัคร: the application form of any type, filled in from the portal, to print and sign."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf.enums import Align

from reports.document import BODY_PT, FAMILY, LINE_MM, Letterhead, ThaiDocument, render


@dataclass(frozen=True)
class CheckItem:
    text: str
    checked: bool


@dataclass(frozen=True)
class ApplicationFormData:
    reference: str
    office: str
    district_name: str  # "เมืองปราจีนบุรี"
    type_label: str
    fiscal_year: str
    fields: Sequence[tuple[str, str | None]]  # label, value (the type's own fields)
    qualifications: Sequence[CheckItem]
    lead_team: Sequence[tuple[str, str | None, str | None]]  # name, role, contact
    advisors: Sequence[tuple[str, str, str | None]]  # name, inside/outside, contact
    documents: Sequence[CheckItem]  # attached or not
    signer: str
    signer_role: str  # "ผู้สมัคร" / "ประธานกลุ่ม" ...
    written_on: str  # Thai date
    thai_digits: bool = False


def _people(
    doc: ThaiDocument,
    middle: str,
    people: Sequence[tuple[str, str | None, str | None]],
    *,
    empty: str,
) -> None:
    """A numbered table of people: name, `middle` (role or where from), contact."""
    if not people:
        doc.paragraph(empty)
        return
    doc.grid(
        ["ที่", "ชื่อ - สกุล", middle, "ติดต่อ"],
        [[str(i), name, mid, contact] for i, (name, mid, contact) in enumerate(people, start=1)],
        [7, 38, 25, 30],
        aligns=["CENTER", "LEFT", "LEFT", "LEFT"],
    )


def _checklist(doc: ThaiDocument, items: Sequence[CheckItem]) -> None:
    box = 3.6
    indent = 8
    width = doc.epw - indent - box - 3
    for item in items:
        text = doc.breakable(item.text, width)
        height = doc.multi_cell(width, LINE_MM, text, dry_run=True, output="HEIGHT")
        if doc.will_page_break(height):
            doc.add_page()
        top = doc.get_y()
        x = doc.l_margin + indent
        doc.set_draw_color(0, 0, 0)
        doc.rect(x, top + 1.9, box, box)
        if item.checked:  # a tick drawn, not a glyph: Sarabun has no check mark
            doc.set_line_width(0.5)
            doc.line(x + 0.6, top + 1.9 + box * 0.55, x + box * 0.4, top + 1.9 + box - 0.5)
            doc.line(x + box * 0.4, top + 1.9 + box - 0.5, x + box + 0.6, top + 1.2)
            doc.set_line_width(0.2)
        doc.set_xy(x + box + 3, top)
        doc.multi_cell(width, LINE_MM, text, align=Align.L, new_x="LMARGIN", new_y="NEXT")


def _build(data: ApplicationFormData):  # type: ignore[no-untyped-def]
    def build(doc: ThaiDocument) -> None:
        doc.add_page()
        doc.title_block(
            "ใบสมัครเข้าสู่ระบบมาตรฐานการพัฒนาชุมชน (มชช.)",
            f"ประเภท{data.type_label} {data.fiscal_year}",
        )
        doc.set_font(FAMILY, "", BODY_PT)
        doc.multi_cell(
            0, LINE_MM, doc.breakable(f"วันที่ {data.written_on}"), align=Align.R, new_x="LMARGIN"
        )
        doc.paragraph(f"เรียน ประธานคณะกรรมการ มชช. อำเภอ{data.district_name}")
        doc.paragraph(
            f"ข้าพเจ้าขอสมัครเข้าสู่ระบบมาตรฐานการพัฒนาชุมชน (มชช.) ในประเภท{data.type_label} "
            "และขอรับรองว่าข้อมูลต่อไปนี้เป็นความจริง",
            indent=12,
        )
        doc.heading("1. ข้อมูลผู้สมัคร")
        for label, value in data.fields:
            doc.field(label, value)

        doc.heading("2. คุณสมบัติของผู้สมัคร")
        _checklist(doc, data.qualifications)

        doc.heading("3. ทีมนำการพัฒนา")
        _people(doc, "บทบาท", data.lead_team, empty="ยังไม่ได้ระบุ")
        doc.heading("4. คณะที่ปรึกษา (ถ้ามี)")
        _people(doc, "ภายใน/ภายนอกชุมชน", data.advisors, empty="ไม่มี")

        doc.heading("5. เอกสารประกอบการสมัคร")
        _checklist(doc, data.documents)

        doc.signature_block(
            [(data.signer_role, data.signer)], date_line="วันที่ ......../......../........"
        )

    return build


def application_form_pdf(data: ApplicationFormData) -> bytes:
    letterhead = Letterhead(
        office=data.office,
        reference=data.reference,
        thai_digits=data.thai_digits,
        title=f"ใบสมัคร มชช. ประเภท{data.type_label}",
    )
    return render(_build(data), letterhead)
