"""สรุปผลการประเมินตนเอง: the document an applicant hands to the district committee (step 6)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from fpdf.enums import Align

from reports.document import BODY_PT, FAMILY, Letterhead, ThaiDocument, render

# Up to this many indicators each gets its own small chart of every round; more get one compact
# chart of the latest result per indicator.
CHART_EACH_UP_TO = 12
BAR_FILL = (46, 125, 50)
AXIS = (120, 120, 120)


@dataclass(frozen=True)
class RoundResult:
    label: str  # "ครั้งที่ 1"
    progress_percent: float | None
    value: str | None  # what was measured, as the applicant wrote it


@dataclass(frozen=True)
class IndicatorResult:
    title: str
    measure: str | None
    baseline: str | None
    target: str | None
    results: Sequence[RoundResult]


@dataclass(frozen=True)
class ActivityDone:
    title: str
    period: str
    responsible: str | None
    done: str  # what was carried out, or "-"


@dataclass(frozen=True)
class SummaryData:
    reference: str
    office: str
    type_label: str
    name: str
    area: str
    fiscal_year: str  # "ปีงบประมาณ 2570"
    cadence: str  # "ทุก 3 เดือน"
    lead_team: Sequence[tuple[str, str | None]]  # name, role in the team
    advisors: Sequence[tuple[str, str]]  # name, inside/outside the community
    indicators: Sequence[IndicatorResult]
    round_labels: Sequence[str]  # "ครั้งที่ 1 (ครบกำหนด 28 ก.พ. 2570)"
    activities: Sequence[ActivityDone]
    achievements: str | None
    lessons: str | None
    next_steps: str | None
    signer: str
    printed_on: str  # Thai date
    thai_digits: bool = False
    notes: Sequence[str] = field(default_factory=tuple)


def _result_text(result: RoundResult) -> str:
    parts = []
    if result.value:
        parts.append(result.value)
    if result.progress_percent is not None:
        percent = f"{result.progress_percent:.0f}%"
        parts.append(f"({percent})" if parts else percent)
    return " ".join(parts) or "-"


def _progress_chart_each(doc: ThaiDocument, data: SummaryData) -> None:
    """One row per indicator: its title, then a bar per round against a 0–100% scale."""
    rounds = max((len(i.results) for i in data.indicators), default=0)
    label_w = doc.epw * 0.42
    chart_w = doc.epw - label_w - 4
    bar_h = 3.6
    for number, indicator in enumerate(data.indicators, start=1):
        title = doc.breakable(f"{number}. {indicator.title}", label_w)
        doc.set_font(FAMILY, "", 13)
        title_h = doc.multi_cell(label_w, 5.6, title, dry_run=True, output="HEIGHT")
        block = max(title_h, rounds * (bar_h + 2.6) + 6)
        if doc.will_page_break(block + 2):
            doc.add_page()
        top = doc.get_y()
        doc.multi_cell(label_w, 5.6, title, align=Align.L)
        x0 = doc.l_margin + label_w + 4
        for r, result in enumerate(indicator.results):
            y = top + 1 + r * (bar_h + 2.6)
            doc.set_font(FAMILY, "", 11)
            doc.set_xy(x0, y - 0.8)
            doc.cell(20, bar_h + 1, doc.digits(doc.clean(result.label)), align=Align.L)
            span = chart_w - 36
            doc.set_draw_color(*AXIS)
            doc.rect(x0 + 20, y, span, bar_h)
            if result.progress_percent is not None:
                share = max(0.0, min(result.progress_percent, 100.0)) / 100
                doc.set_fill_color(*BAR_FILL)
                if share > 0:
                    doc.rect(x0 + 20, y, span * share, bar_h, style="F")
                text = f"{result.progress_percent:.0f}%"
            else:
                text = "ไม่ได้ระบุ"
            doc.set_xy(x0 + 20 + span + 1, y - 0.8)
            doc.cell(15, bar_h + 1, doc.digits(text), align=Align.L)
        doc.set_y(top + block)
        doc.set_draw_color(220, 220, 220)
        doc.line(doc.l_margin, doc.get_y(), doc.l_margin + doc.epw, doc.get_y())
        doc.ln(1.5)
    doc.set_font(FAMILY, "", BODY_PT)


def _progress_chart_compact(doc: ThaiDocument, data: SummaryData) -> None:
    """Many indicators: one thin bar each, the latest round's progress."""
    doc.set_font(FAMILY, "", 11)
    label_w = doc.epw * 0.55
    span = doc.epw - label_w - 16
    for number, indicator in enumerate(data.indicators, start=1):
        latest = next(
            (r for r in reversed(indicator.results) if r.progress_percent is not None), None
        )
        title = doc.breakable(f"{number}. {indicator.title}", label_w)
        height = max(doc.multi_cell(label_w, 4.8, title, dry_run=True, output="HEIGHT"), 4.8)
        if doc.will_page_break(height + 1):
            doc.add_page()
        top = doc.get_y()
        doc.multi_cell(label_w, 4.8, title, align=Align.L)
        x0 = doc.l_margin + label_w + 2
        doc.set_draw_color(*AXIS)
        doc.rect(x0, top + 1, span, 2.8)
        text = "ไม่ได้ระบุ"
        if latest is not None:
            share = max(0.0, min(latest.progress_percent or 0.0, 100.0)) / 100
            if share > 0:
                doc.set_fill_color(*BAR_FILL)
                doc.rect(x0, top + 1, span * share, 2.8, style="F")
            text = f"{latest.progress_percent:.0f}%"
        doc.set_xy(x0 + span + 1, top)
        doc.cell(14, 4.8, doc.digits(text))
        doc.set_y(top + height + 0.6)
    doc.set_font(FAMILY, "", BODY_PT)


def _build(data: SummaryData):  # type: ignore[no-untyped-def]
    def build(doc: ThaiDocument) -> None:
        doc.add_page()
        doc.title_block(
            "สรุปผลการประเมินตนเองตามระบบมาตรฐานการพัฒนาชุมชน (มชช.)",
            f"{data.type_label} {data.fiscal_year}",
        )
        doc.heading("1. ข้อมูลผู้สมัคร")
        doc.field("ประเภท", data.type_label)
        doc.field("ชื่อ", data.name)
        doc.field("ที่ตั้ง", data.area)
        doc.field("รอบการประเมิน", f"{data.fiscal_year} ประเมินตนเอง{data.cadence}")
        doc.field("เลขที่อ้างอิง", data.reference)

        doc.heading("2. ทีมแกนนำและที่ปรึกษา")
        if data.lead_team:
            doc.grid(
                ["ที่", "ชื่อ - สกุล", "บทบาทในทีม"],
                [[str(i), name, role] for i, (name, role) in enumerate(data.lead_team, start=1)],
                [8, 52, 40],
                aligns=["CENTER", "LEFT", "LEFT"],
            )
        else:
            doc.paragraph("ไม่ได้ระบุทีมแกนนำ")
        if data.advisors:
            doc.grid(
                ["ที่", "ที่ปรึกษา", "จาก"],
                [[str(i), name, where] for i, (name, where) in enumerate(data.advisors, start=1)],
                [8, 52, 40],
                aligns=["CENTER", "LEFT", "LEFT"],
            )
        else:
            doc.paragraph("ไม่ได้ระบุที่ปรึกษา")

        doc.heading("3. ตัวชี้วัดและผลการประเมินแต่ละครั้ง")
        rounds = list(data.round_labels)
        for label in rounds:
            doc.set_font(FAMILY, "", 13)
            doc.multi_cell(0, 6, doc.breakable(label), align=Align.L, new_x="LMARGIN", new_y="NEXT")
        doc.set_font(FAMILY, "", BODY_PT)
        short = [f"ครั้งที่ {i}" for i in range(1, len(rounds) + 1)]
        if data.indicators:
            doc.grid(
                ["ที่", "ตัวชี้วัด", "ค่าเริ่มต้น", "ค่าเป้าหมาย", *short],
                [
                    [
                        str(n),
                        ind.title + (f" ({ind.measure})" if ind.measure else ""),
                        ind.baseline or "-",
                        ind.target or "-",
                        *[_result_text(r) for r in ind.results],
                        *["-"] * (len(rounds) - len(ind.results)),
                    ]
                    for n, ind in enumerate(data.indicators, start=1)
                ],
                [6, 30, 13, 13, *[38 / max(len(rounds), 1)] * len(rounds)],
                size=13 if len(rounds) <= 2 else 12,
                aligns=["CENTER", "LEFT", "LEFT", "LEFT", *["LEFT"] * len(rounds)],
            )
            doc.heading("4. ความก้าวหน้าของตัวชี้วัด (ร้อยละของเป้าหมาย)")
            if len(data.indicators) <= CHART_EACH_UP_TO:
                _progress_chart_each(doc, data)
            else:
                doc.paragraph("แสดงผลการประเมินครั้งล่าสุดของแต่ละตัวชี้วัด")
                _progress_chart_compact(doc, data)
        else:
            doc.paragraph("ยังไม่ได้กำหนดตัวชี้วัด")

        doc.heading("5. กิจกรรมที่ดำเนินการ")
        if data.activities:
            doc.grid(
                ["กิจกรรม", "ช่วงเวลา", "ผู้รับผิดชอบ", "สิ่งที่ได้ทำ"],
                [[a.title, a.period, a.responsible, a.done] for a in data.activities],
                [30, 20, 18, 32],
                size=13,
            )
        else:
            doc.paragraph("ไม่มีกิจกรรมในแผน")

        doc.heading("6. ผลสำเร็จที่เกิดขึ้น")
        doc.paragraph(data.achievements, indent=6)
        doc.heading("7. บทเรียนที่ได้รับ")
        doc.paragraph(data.lessons, indent=6)
        doc.heading("8. การพัฒนาต่อไป")
        doc.paragraph(data.next_steps, indent=6)
        for note in data.notes:
            doc.paragraph(note)

        doc.set_font(FAMILY, "", BODY_PT)
        doc.signature_block(
            [("ผู้สมัคร / ผู้แทนผู้สมัคร", data.signer)],
            date_line=f"วันที่ {data.printed_on}",
            statement="ขอรับรองว่าข้อมูลในเอกสารนี้เป็นความจริงทุกประการ",
        )

    return build


def summary_pdf(data: SummaryData) -> bytes:
    letterhead = Letterhead(
        office=data.office,
        reference=data.reference,
        thai_digits=data.thai_digits,
        title=f"สรุปผลการประเมินตนเอง {data.name}",
    )
    return render(_build(data), letterhead)
