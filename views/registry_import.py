"""Province: bring old spreadsheets of certified units into the registry (ฐานข้อมูลผู้ผ่าน มชช.).

Check first (nothing is written), then import: every new row or none. The file stays in the
picker and the chosen type in its box whatever happens, so a refusal loses nothing.
"""

from __future__ import annotations

import hashlib
from typing import Any

import pandas as pd
import streamlit as st

import settings
from core.applicant_types import TYPE_LABELS, ApplicantType
from core.registry_import import OUTCOME_LABELS, Outcome
from core.roles import Role
from services import registry_import
from services.clock import utcnow
from ui import feedback, runtime, session
from ui.safe import md

FILE = "registry_import_file"
KIND = "registry_import_type"
CHECKED = "_registry_import_checked"  # the last check (dry run) of the file now in the picker
DONE = "_registry_import_done"  # the last import, shown until another file is checked
SHOWN_ROWS = 500  # rows listed on screen; the downloadable report has them all
FROM_FILE = "from_file"

user = session.require_user()
if user.role is not Role.PROVINCE_OFFICER:
    st.stop()
conf = settings.get()
st.title("นำเข้าทะเบียนผู้ผ่าน มชช.")
st.caption(
    "นำรายชื่อผู้ผ่านการรับรอง มชช. ของปีก่อน ๆ จากไฟล์ Excel (.xlsx อ่านทุกแผ่นงาน) หรือ CSV "
    "เข้าทะเบียนของจังหวัด ระบบหาแถวหัวตารางเอง (เช่น ปี ชื่อ - สกุล ชื่อกลุ่ม ตำบล อำเภอ) "
    "ข้ามแถวว่างและแถวรวม และไม่เพิ่มรายการที่มีในทะเบียนแล้ว"
)
st.markdown(
    "1. เลือกไฟล์ แล้วกด **ตรวจสอบไฟล์** ระบบจะบอกว่าแต่ละแถวจะนำเข้าได้หรือไม่ โดยยังไม่บันทึก\n"
    "2. ถ้าผลถูกต้อง กด **นำเข้า … แถวเข้าทะเบียน** ระบบบันทึกทุกแถวที่นำเข้าได้ในครั้งเดียว "
    "ถ้าเกิดปัญหาระหว่างบันทึก จะไม่บันทึกแถวใดเลย"
)
feedback.show_flash()

picked = st.file_uploader(
    "ไฟล์ทะเบียน (.xlsx หรือ .csv)",
    key=FILE,
    # The service checks the size and says so in Thai; the widget's own refusal is English.
    max_upload_size=int(st.get_option("server.maxUploadSize")),
    help=f"ไฟล์ .xlsx หรือ .csv ไม่เกิน {conf.max_upload_mb} MB",
)
st.caption(f"ไฟล์ Excel (.xlsx) หรือ CSV ไม่เกิน {conf.max_upload_mb} MB ต่อไฟล์")
KIND_LABELS = {FROM_FILE: "ตามที่ระบุในไฟล์"} | {k.value: label for k, label in TYPE_LABELS.items()}
kind_value = st.selectbox(
    "ประเภท (ใช้กับแถวที่ไฟล์ไม่บอกประเภท ทั้งในช่องประเภทและชื่อแผ่นงาน)",
    list(KIND_LABELS),
    format_func=KIND_LABELS.get,
    key=KIND,
)
kind = None if kind_value == FROM_FILE else ApplicantType(kind_value)


def _fingerprint(data: bytes) -> str:
    return f"{hashlib.sha256(data).hexdigest()}:{kind_value}"


def _run(data: bytes, *, dry_run: bool) -> dict[str, Any]:
    label = "กำลังตรวจสอบไฟล์" if dry_run else "กำลังนำเข้า"
    bar = st.progress(0.0, text=label)
    try:
        with runtime.db() as db:
            report = registry_import.import_file(
                db,
                user.actor,
                picked.name if picked else "",
                data,
                id_key=conf.id_hash_key,
                today=runtime.clock().today(),
                now=utcnow(),
                default_type=kind,
                dry_run=dry_run,
                max_bytes=conf.max_upload_mb * 1024 * 1024,
                progress=lambda fraction, text: bar.progress(min(fraction, 1.0), text=text),
            )
    finally:
        bar.empty()
    rows = registry_import.rows_for_display(report)
    return {
        "fingerprint": _fingerprint(data),
        "file": report.filename,
        "counts": {
            "imported": report.imported,
            "duplicates": report.duplicates,
            "rejected": report.rejected,
            "warnings": report.warnings,
            "skipped_rows": report.skipped_rows,
        },
        "listed": [r for r in rows if r["outcome"] != Outcome.IMPORTED][:SHOWN_ROWS],
        "csv": registry_import.report_csv(rows),
    }


def _show(result: dict[str, Any], *, dry_run: bool) -> None:
    counts = result["counts"]
    cols = st.columns(4)
    cols[0].metric("จะนำเข้า" if dry_run else "นำเข้าแล้ว", f"{counts['imported']:,}")
    cols[1].metric("ซ้ำ (ไม่นำเข้า)", f"{counts['duplicates']:,}")
    cols[2].metric("ไม่นำเข้า", f"{counts['rejected']:,}")
    cols[3].metric("มีข้อสังเกต", f"{counts['warnings']:,}")
    st.caption(f"ข้ามแถวว่างและแถวรวม {counts['skipped_rows']:,} แถว")
    listed = result["listed"]
    if listed:
        st.markdown("แถวที่ไม่ได้นำเข้า หรือนำเข้าโดยมีข้อสังเกต")
        st.dataframe(
            pd.DataFrame(
                {
                    "แผ่นงาน": [r["sheet"] for r in listed],
                    "แถวที่": ["" if r["row"] is None else str(r["row"]) for r in listed],
                    "ผล": [OUTCOME_LABELS[Outcome(r["outcome"])] for r in listed],
                    "ชื่อ": [r["name"] for r in listed],
                    "เหตุผล / ข้อสังเกต": [r["reason"] for r in listed],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        if len(listed) >= SHOWN_ROWS:
            st.caption(f"แสดง {SHOWN_ROWS:,} แถวแรก ดูทุกแถวได้ในรายงานที่ดาวน์โหลด")
    st.download_button(
        "ดาวน์โหลดรายงานผลรายแถว (CSV)",
        data=result["csv"],
        file_name="registry-import-check.csv" if dry_run else "registry-import-report.csv",
        mime="text/csv",
        icon="⬇️",
        on_click="ignore",
        key=f"registry_import_report_{'check' if dry_run else 'done'}",
    )


done = st.session_state.get(DONE)
if picked is None:
    st.session_state.pop(CHECKED, None)
    if done:
        st.success(f"นำเข้าไฟล์ “{md(done['file'])}” แล้ว", icon="✅")
        _show(done, dry_run=False)
    st.stop()

data = picked.getvalue()
if st.button("ตรวจสอบไฟล์ (ยังไม่บันทึก)", key="registry_import_check"):
    st.session_state.pop(CHECKED, None)
    st.session_state.pop(DONE, None)
    with feedback.shows_errors():
        st.session_state[CHECKED] = _run(data, dry_run=True)

checked = st.session_state.get(CHECKED)
if checked is not None and checked["fingerprint"] != _fingerprint(data):
    st.session_state.pop(CHECKED, None)  # another file or type: check again
    checked = None
done = st.session_state.get(DONE)
if done is not None and done["fingerprint"] == _fingerprint(data):
    st.success(f"นำเข้าไฟล์ “{md(done['file'])}” เข้าทะเบียนแล้ว", icon="✅")
    _show(done, dry_run=False)
elif checked is not None:
    st.subheader("ผลการตรวจสอบ (ยังไม่ได้บันทึก)")
    _show(checked, dry_run=True)
    count = checked["counts"]["imported"]
    if count == 0:
        st.info("ไฟล์นี้ไม่มีแถวใหม่ที่จะนำเข้า")
    elif st.button(f"นำเข้า {count:,} แถวเข้าทะเบียน", key="registry_import_go", type="primary"):
        with feedback.shows_errors():
            st.session_state[DONE] = _run(data, dry_run=False)
            st.session_state.pop(CHECKED, None)
            st.rerun()
