"""Time to build the self-assessment summary PDF, and our layout's overhead over bare fpdf2.

    .venv/bin/python -m bench.pdf [--runs 7]

Two sizes: a typical summary (10 indicators × 4 assessment rounds) and a large one (60 × 4).
The baseline is fpdf2 writing the same text with the same font and shaping, as plain
paragraphs in one multi_cell each (no tables, charts, line-break segmentation or furniture):
the ratio is what our layout costs on top of what any Thai PDF must pay.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import fontpkg
from fpdf import FPDF

from reports.summary import ActivityDone, IndicatorResult, RoundResult, SummaryData, summary_pdf


def data(indicators: int, rounds: int = 4) -> SummaryData:
    return SummaryData(
        reference="มชช. 2701/2570/00012",
        office="สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
        type_label="ชุมชน",
        name="ชุมชนบ้านท่าเกษม",
        area="หมู่ที่ 1 บ้านท่าเกษม ตำบลท่าเกษม อำเภอเมืองสระแก้ว จังหวัดสระแก้ว",
        fiscal_year="ปีงบประมาณ 2570",
        cadence="ทุก 3 เดือน",
        lead_team=[(f"นายสมชาย ใจดี {i}", "กรรมการ") for i in range(8)],
        advisors=[("นายวิชัย ปัญญาดี", "นอกชุมชน"), ("นางสาวรัตนา ทองดี", "ในชุมชน")],
        indicators=[
            IndicatorResult(
                f"ครัวเรือนทำบัญชีรับจ่ายและมีเงินออมเพิ่มขึ้นอย่างต่อเนื่อง ข้อ {i}",
                "ร้อยละของครัวเรือนทั้งหมดในชุมชน",
                "40%",
                "80%",
                [
                    RoundResult(f"ครั้งที่ {r}", min(100.0, 15.0 * r + i), f"{40 + 10 * r}%")
                    for r in range(1, rounds + 1)
                ],
            )
            for i in range(1, indicators + 1)
        ],
        round_labels=[f"ครั้งที่ {r} ครบกำหนด 28 กุมภาพันธ์ 2570" for r in range(1, rounds + 1)],
        activities=[
            ActivityDone(
                f"อบรมและติดตามการทำบัญชีครัวเรือนทุกเดือน ครั้งที่ {i}",
                "1 ธ.ค. 2569 – 31 มี.ค. 2570",
                "คณะกรรมการหมู่บ้าน",
                "ดำเนินการ 3 ครั้ง ผู้เข้าร่วม 45 คน",
            )
            for i in range(1, indicators // 2 + 2)
        ],
        achievements="ครัวเรือนร้อยละ 85 ทำบัญชีรับจ่ายต่อเนื่องและมีเงินออมเพิ่มขึ้น " * 4,
        lessons="การประชุมสม่ำเสมอทำให้คนในชุมชนมีส่วนร่วมมากขึ้น " * 3,
        next_steps="ขยายผลการทำบัญชีครัวเรือนไปยังหมู่บ้านใกล้เคียง " * 3,
        signer="นายสมชาย ใจดี",
        printed_on="24 พฤศจิกายน 2569",
        thai_digits=False,
    )


def _texts(d: SummaryData) -> list[str]:
    """The same words the summary prints."""
    out = [d.office, d.reference, d.name, d.area, d.fiscal_year]
    out += [f"{n} {r}" for n, r in d.lead_team] + [f"{n} {w}" for n, w in d.advisors]
    out += d.round_labels
    for ind in d.indicators:
        out.append(f"{ind.title} {ind.measure} {ind.baseline} {ind.target}")
        out += [f"{r.label} {r.value} {r.progress_percent}" for r in ind.results]
    out += [f"{a.title} {a.period} {a.responsible} {a.done}" for a in d.activities]
    out += [d.achievements or "", d.lessons or "", d.next_steps or "", d.signer, d.printed_on]
    return out


def bare_fpdf2(d: SummaryData) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_font("Sarabun", "", str(fontpkg.path("Sarabun")))
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.add_page()
    pdf.set_font("Sarabun", size=16)
    for text in _texts(d):
        pdf.multi_cell(0, 7.4, text, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def median_seconds(make: Callable[[], bytes], runs: int) -> float:
    make()  # fonts loaded, caches warm
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        make()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'summary':<22}{'ours (s)':>10}{'bare fpdf2 (s)':>16}{'ratio':>8}")
    for label, size in (("typical 10 x 4", 10), ("large 60 x 4", 60)):
        d = data(size)
        ours = median_seconds(lambda d=d: summary_pdf(d), args.runs)
        bare = median_seconds(lambda d=d: bare_fpdf2(d), args.runs)
        print(f"{label:<22}{ours:>10.2f}{bare:>16.2f}{ours / bare:>8.1f}")


if __name__ == "__main__":
    main()
