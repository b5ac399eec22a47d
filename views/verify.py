"""District officer: check an application's documents and qualifications, accept or return it;
and follow any application of the district, with its timeline."""

from __future__ import annotations

import streamlit as st

from core.applicant_types import QUALIFICATIONS, TYPE_LABELS
from core.roles import Role
from core.thai import format_fiscal_year
from core.workflow import STATUS_LABELS, Status
from services import applications, areas, documents, home, verification
from services.clock import utcnow
from ui import application_view, feedback, forms, runtime, session
from ui import documents as document_ui
from ui import timeline as timeline_ui
from ui.safe import md

user = session.require_user()
if user.role is not Role.DISTRICT_OFFICER:
    st.stop()
district = user.actor.district_code or ""
today = runtime.clock().today()
st.title("ตรวจสอบใบสมัคร")
feedback.show_flash()

MODES = {"waiting": "รอตรวจสอบ", "all": "ทุกใบสมัครในอำเภอ"}

with feedback.shows_errors(), runtime.db() as db:
    rows = home.district_home(db, user.actor, district, today)
    mode = st.radio("แสดง", list(MODES), format_func=MODES.get, horizontal=True, key="verify_mode")
    if mode == "all":
        if not rows:
            st.info(f"ยังไม่มีผู้สมัครในอำเภอ{areas.district_name(district)}")
            st.stop()
        names = {
            r.application_id: f"{r.applicant_name} · {r.type_label} · "
            f"{format_fiscal_year(r.fiscal_year)} · {r.status_label}"
            for r in rows
        }
        chosen = st.selectbox("ใบสมัครในอำเภอ", list(names), format_func=names.get)
        application_view.show(db, user.actor, chosen, today, comment=True)
        st.stop()
    waiting = [r for r in rows if r.status is Status.SUBMITTED]
    if not waiting:
        st.info(f"ไม่มีใบสมัครที่รอตรวจสอบในอำเภอ{areas.district_name(district)}")
        st.stop()
    names = {r.application_id: f"{r.applicant_name} · {r.type_label}" for r in waiting}
    chosen = st.selectbox("ใบสมัครที่รอตรวจสอบ", list(names), format_func=names.get)
    application = applications.the_application(db, user.actor, chosen)
    a = application.applicant
    st.subheader(md(a.name))
    st.caption(
        f"{TYPE_LABELS[a.type]} · {areas.area_label(a.subdistrict_code, a.district_code, None)}"
        f" · สถานะ: {STATUS_LABELS[application.status]}"
    )
    application_view.details(application)
    problems = applications.problems(db, application, today)
    for p in problems:
        st.warning(p, icon="⚠️")

    st.markdown("**เอกสาร**")
    for item in documents.checklist(db, user.actor, chosen):
        if not item.document_id:
            if item.requirement.required:
                st.markdown(f"⬜ {item.requirement.label} — ไม่ได้แนบ")
            continue
        mark = {"accepted": "✅", "rejected": "❌"}.get(item.review_status or "", "🔎")
        with st.container(border=True):
            st.markdown(f"{mark} {item.requirement.label}")
            document_ui.download_button(
                user.actor,
                item.document_id,
                "เปิดดูไฟล์",
                key=f"open_{item.document_id}",
                file_name=item.filename or f"document-{item.document_id}.pdf",
            )
            with st.form(f"review_{item.document_id}"):
                ok = st.radio(
                    "ผลการตรวจ",
                    ["accepted", "rejected"],
                    horizontal=True,
                    format_func=verification.REVIEW_STATES.get,
                    index=1 if item.review_status == "rejected" else 0,
                )
                reason = st.text_input(
                    "เหตุผล (ถ้าไม่ถูกต้อง ผู้สมัครจะเห็น)", value=item.review_reason or ""
                )
                if st.form_submit_button("บันทึกผลตรวจเอกสาร"):
                    with feedback.shows_errors():
                        verification.review_document(
                            db,
                            user.actor,
                            chosen,
                            item.document_id,
                            accepted=ok == "accepted",
                            reason=reason,
                            now=utcnow(),
                        )
                        st.rerun()

    st.markdown("**คุณสมบัติ**")
    st.markdown("\n".join(f"- {q.text}" for q in QUALIFICATIONS[a.type]))
    seen = forms.seen_version(f"verify_{chosen}", application.version)
    with st.form(f"decide_{chosen}"):
        confirmed = st.checkbox("ยืนยันว่าผู้สมัครมีคุณสมบัติครบตามที่ระบุ")
        note = st.text_area("ข้อความถึงผู้สมัคร (จำเป็นเมื่อส่งกลับให้แก้ไข)")
        c1, c2 = st.columns(2)
        accept = c1.form_submit_button("รับใบสมัคร", type="primary")
        send_back = c2.form_submit_button("ส่งกลับให้แก้ไข")
    if accept or send_back:
        with feedback.shows_errors():
            verification.decide(
                db,
                user.actor,
                chosen,
                accept=accept,
                note=note,
                qualifications_confirmed=confirmed,
                expected_version=seen,
                now=utcnow(),
            )
            feedback.flash("รับใบสมัครแล้ว" if accept else "ส่งกลับให้ผู้สมัครแก้ไขแล้ว")
            st.rerun()
    forms.remember_version(f"verify_{chosen}", application.version)
    with st.expander("ความเคลื่อนไหวของใบสมัคร"):
        timeline_ui.show(db, user.actor, chosen, key=f"verify_timeline_{chosen}")
