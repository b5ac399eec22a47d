"""Step 6: results across rounds per indicator, and what was achieved, learned, comes next."""

from __future__ import annotations

import streamlit as st

from core.workflow import Section
from services import applications, assessments
from services.clock import utcnow
from ui import charts, current, feedback, forms, runtime
from ui import comments as comments_ui
from ui import printouts as printouts_ui
from ui.safe import md

user = current.step_header(6)
application_id = current.application_id_or_stop(user)
feedback.show_flash()

with runtime.db() as db:
    application = applications.the_application(db, user.actor, application_id)
    editable = current.read_only_notice(application.status, Section.SUMMARY)
    progress = assessments.indicator_progress(db, user.actor, application_id)
    rounds = sorted({n for _, series in progress for n, _, _ in series})
    if not rounds:
        st.info("ยังไม่มีผลการประเมินตนเองที่ส่งแล้ว (ขั้นที่ 5)", icon="📏")
    else:
        st.subheader("ความก้าวหน้าของแต่ละตัวชี้วัด (%) ในแต่ละรอบ")
        # Short series names keep the legend whole on a phone; the titles are listed below.
        lines_by_indicator = {
            f"ข้อ {n}": {f"รอบ {r}": p for r, p, _ in series}
            for n, (_, series) in enumerate(progress, start=1)
        }
        st.vega_lite_chart(spec=charts.progress_lines(lines_by_indicator), width="stretch")
        lines = []
        for n, (ind, series) in enumerate(progress, start=1):
            done = " · ".join(
                f"รอบ {r} {p:.0f}%" if p is not None else f"รอบ {r} -" for r, p, _ in series
            )
            lines.append(f"{n}\\. {md(ind.title)}  \n{done}")
        st.markdown("\n\n".join(lines))
    st.subheader("สรุปผล")
    seen = forms.seen_version("summary", application.version)
    with st.form("summary"):
        achievements = st.text_area(
            "สิ่งที่ทำได้/ผลที่เกิดขึ้น",
            value=application.achievements or "",
            disabled=not editable,
            height=120,
            key="sum_achievements",
        )
        lessons = st.text_area(
            "สิ่งที่ได้เรียนรู้",
            value=application.lessons or "",
            disabled=not editable,
            height=120,
            key="sum_lessons",
        )
        next_steps = st.text_area(
            "สิ่งที่จะทำต่อไป",
            value=application.next_steps or "",
            disabled=not editable,
            height=120,
            key="sum_next_steps",
        )
        c1, c2 = st.columns(2)
        save = c1.form_submit_button("บันทึกร่าง", disabled=not editable)
        done = c2.form_submit_button("สรุปเสร็จแล้ว", type="primary", disabled=not editable)
    if save or done:
        with feedback.shows_errors(stale_reset="sum_"):
            assessments.save_summary(
                db,
                user.actor,
                application_id,
                achievements=achievements,
                lessons=lessons,
                next_steps=next_steps,
                mark_done=done,
                expected_version=seen,
                now=utcnow(),
            )
            feedback.flash("บันทึกสรุปแล้ว" + (" พร้อมเสนอคณะกรรมการเมื่อประเมินครบทุกรอบ" if done else ""))
            st.rerun()
    forms.remember_version("summary", application.version)
    if application.summary_done_at:
        st.success("สรุปผลเสร็จแล้ว", icon="✅")
    st.caption("เอกสารสรุปผลสำหรับยื่นคณะกรรมการ มชช. อำเภอ พร้อมช่องลงนาม สร้างจากข้อมูลล่าสุดเมื่อกดปุ่ม")
    printouts_ui.download("summary", user.actor, application_id)
    st.subheader("ความเห็นต่อสรุปผล")
    comments_ui.box(db, user.actor, application_id, "summary", None, key="c_summary")
