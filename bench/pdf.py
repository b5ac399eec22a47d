"""Time to build each printed document, and our layout's overhead over bare fpdf2.

    .venv/bin/python -m bench.pdf [--runs 7]

Three documents at two sizes each: the self-assessment summary (10 indicators × 4 assessment
rounds, and 60 × 4), the application form (8 team members, and 60 with 20 advisors) and the
certificate (one, and a province's batch of 20 after an announcement). Documents are printed
as the portal prints them by default: Thai digits (settings.pdf_thai_digits).

The baseline is fpdf2 writing the same text with the same font and shaping, as plain
paragraphs in one multi_cell each (no tables, charts, line-break segmentation or furniture):
the ratio is what our layout costs on top of what any shaped Thai PDF of that text must pay.
Every timed run starts with our width memos emptied (`reports.shaping.forget`), so a figure
is the cost of a document never printed before, not of a reprint.

Times are the process's CPU time (the machine's two cores are shared, and CPU time is what
a document costs the server), the median of `--runs` runs interleaved with the baseline's.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable, Sequence

import fontpkg
from fpdf import FPDF

from core.thai import to_thai_digits
from reports import shaping
from reports.application_form import ApplicationFormData, CheckItem, application_form_pdf
from reports.certificate import CertificateData, certificate_pdf
from reports.summary import ActivityDone, IndicatorResult, RoundResult, SummaryData, summary_pdf

THAI_DIGITS = True  # the portal's default


def summary(indicators: int, rounds: int = 4) -> SummaryData:
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
        thai_digits=THAI_DIGITS,
    )


def form(members: int, advisors: int = 2) -> ApplicationFormData:
    return ApplicationFormData(
        reference="มชช. 2701/2570/00012",
        office="สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว",
        district_name="เมืองสระแก้ว",
        type_label="กลุ่ม/องค์กรชุมชน",
        fiscal_year="ปีงบประมาณ 2570",
        fields=[
            ("ชื่อกลุ่ม", "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง"),
            ("ที่ตั้ง", "หมู่ที่ 5 ตำบลโคกปี่ฆ้อง อำเภอเมืองสระแก้ว จังหวัดสระแก้ว 27000"),
            ("ปีที่ก่อตั้ง", "2545"),
            ("จำนวนสมาชิก", "152 คน"),
            ("ประธานกลุ่ม", "นางสมศรี ทองดี"),
            ("โทรศัพท์", "081-234-5678"),
            ("กิจกรรมหลัก", "ออมทรัพย์ ให้สมาชิกกู้ยืมเพื่อการผลิต และจัดสวัสดิการแก่สมาชิก " * 2),
            ("ทุนดำเนินงาน", "1,250,000 บาท"),
        ],
        qualifications=[
            CheckItem(f"เป็นกลุ่มที่รวมตัวกันดำเนินกิจกรรมต่อเนื่องไม่น้อยกว่า {i} ปี", i % 2 == 0)
            for i in range(1, 6)
        ],
        lead_team=[
            (f"นางสาวรัตนา ทองดี {i}", "กรรมการ", f"08{i % 10}-123-45{i % 100:02d}")
            for i in range(1, members + 1)
        ],
        advisors=[
            (f"นายวิชัย ปัญญาดี {i}", "ภายนอกชุมชน", "ปลัดองค์การบริหารส่วนตำบล")
            for i in range(1, advisors + 1)
        ],
        documents=[CheckItem(f"สำเนาบันทึกการประชุมคณะกรรมการ ครั้งที่ {i}", i != 3) for i in range(1, 7)],
        signer="นางสมศรี ทองดี",
        signer_role="ประธานกลุ่ม",
        written_on="24 พฤศจิกายน 2569",
        thai_digits=THAI_DIGITS,
    )


def certificate(number: int = 1) -> CertificateData:
    return CertificateData(
        office="สำนักงานพัฒนาชุมชนจังหวัดสระแก้ว",
        number=f"มชช. 27/2570/{number:04d}",
        verification_code=f"W3WHA33V{number:02d}",
        verify_url=f"http://localhost:8501/certificate?code=W3WHA33V{number:02d}",
        name=f"กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง {number}",
        type_label="กลุ่ม/องค์กรชุมชน",
        area="หมู่ที่ 5 ตำบลโคกปี่ฆ้อง อำเภอเมืองสระแก้ว จังหวัดสระแก้ว",
        fiscal_year="ปีงบประมาณ 2570",
        announced_on="24 พฤศจิกายน 2569",
        signer_title="พัฒนาการจังหวัดสระแก้ว",
        thai_digits=THAI_DIGITS,
    )


def summary_texts(d: SummaryData) -> list[str]:
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


def form_texts(d: ApplicationFormData) -> list[str]:
    out = [d.office, d.reference, d.type_label, d.fiscal_year, d.written_on, d.district_name]
    out += [f"{label} {value}" for label, value in d.fields]
    out += [item.text for item in [*d.qualifications, *d.documents]]
    out += [" ".join(filter(None, person)) for person in [*d.lead_team, *d.advisors]]
    out += [d.signer, d.signer_role]
    return out


def certificate_texts(d: CertificateData) -> list[str]:
    return [
        d.office,
        d.name,
        d.type_label,
        d.area,
        d.fiscal_year,
        d.announced_on,
        d.signer_title,
        d.number,
        d.verification_code,
    ]


def bare_fpdf2(texts: Sequence[str], *, thai_digits: bool = THAI_DIGITS) -> bytes:
    """Stock fpdf2, shaping on as any Thai PDF needs it: each text one left-aligned paragraph."""
    pdf = FPDF(format="A4")
    pdf.add_font("Sarabun", "", str(fontpkg.path("Sarabun")))
    pdf.set_text_shaping(use_shaping_engine=True, script="thai", language="tha")
    pdf.add_page()
    pdf.set_font("Sarabun", size=16)
    for text in texts:
        text = to_thai_digits(text) if thai_digits else text
        pdf.multi_cell(0, 7.4, text, align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def cases() -> dict[str, tuple[Callable[[], object], Callable[[], object]]]:
    """name: (our document, the bare baseline on the same text)."""
    out: dict[str, tuple[Callable[[], object], Callable[[], object]]] = {}
    for label, size in (("typical 10x4", 10), ("large 60x4", 60)):
        s = summary(size)
        out[f"summary {label}"] = (
            lambda s=s: summary_pdf(s),
            lambda s=s: bare_fpdf2(summary_texts(s)),
        )
    for label, members, advisors in (("typical 8", 8, 2), ("large 60", 60, 20)):
        f = form(members, advisors)
        out[f"application form {label}"] = (
            lambda f=f: application_form_pdf(f),
            lambda f=f: bare_fpdf2(form_texts(f)),
        )
    for label, count in (("one", 1), ("batch of 20", 20)):
        batch = [certificate(n) for n in range(1, count + 1)]
        out[f"certificate {label}"] = (
            lambda batch=batch: [certificate_pdf(c) for c in batch],
            lambda batch=batch: [bare_fpdf2(certificate_texts(c)) for c in batch],
        )
    return out


def _cpu_seconds(make: Callable[[], object]) -> float:
    shaping.forget()
    start = time.process_time()
    make()
    return time.process_time() - start


def measure(runs: int = 7) -> dict[str, tuple[float, float]]:
    """{document: (ours_s, bare_s)}, medians of `runs` interleaved runs, fresh."""
    figures = {}
    for name, (ours, bare) in cases().items():
        ours(), bare()  # fonts loaded, modules imported
        mine, theirs = [], []
        for _ in range(runs):
            mine.append(_cpu_seconds(ours))
            theirs.append(_cpu_seconds(bare))
        figures[name] = (statistics.median(mine), statistics.median(theirs))
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(f"{'printed document':<30}{'ours (s)':>10}{'bare fpdf2 (s)':>16}{'ratio':>8}")
    for name, (ours, bare) in measure(args.runs).items():
        print(f"{name:<30}{ours:>10.2f}{bare:>16.2f}{ours / bare:>8.2f}")


if __name__ == "__main__":
    main()
