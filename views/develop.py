"""Step 4: what was done, activity by activity, with evidence."""

from __future__ import annotations

import streamlit as st

from core.thai import format_date
from core.workflow import Section
from services import applications, development, documents
from services.clock import utcnow
from ui import current, feedback, forms, runtime, uploads
from ui.safe import md

user = current.step_header(4)
application_id = current.application_id_or_stop(user)
today = runtime.clock().today()
feedback.show_flash()

with runtime.db() as db:
    application = applications.the_application(db, user.actor, application_id)
    editable = current.read_only_notice(application.status, Section.ACTIVITY_LOG)
    activities = development.plan(db, user.actor, application_id)
    if not activities:
        st.info("วางแผนกิจกรรม (ขั้นที่ 3) ก่อน แล้วจึงบันทึกสิ่งที่ทำตามแผน", icon="🗓️")
        st.stop()
    titles = {a.id: a.title for a in activities}
    if editable:
        st.subheader("บันทึกสิ่งที่ทำ")
        n = forms.nonce("log")
        with st.form(f"log_{n}"):
            activity_id = st.selectbox("กิจกรรม", list(titles), format_func=titles.get)
            done_on = forms.date_field("วันที่ทำ", today, key=f"log_date_{n}")
            description = st.text_area("ทำอะไรไปบ้าง", key=f"log_desc_{n}")
            participants = st.text_input("ใครเข้าร่วม", key=f"log_who_{n}")
            progress = st.slider("ความคืบหน้าของกิจกรรม (%)", 0, 100, 0, step=5, key=f"log_p_{n}")
            add = st.form_submit_button("บันทึก", type="primary")
        if add:
            with feedback.shows_errors():
                forms.check_typed()
                development.add_log(
                    db,
                    user.actor,
                    application_id,
                    activity_id,
                    done_on=done_on,
                    description=description,
                    participants=participants,
                    progress_percent=progress,
                    today=today,
                    now=utcnow(),
                )
                forms.next_form("log")
                feedback.flash("บันทึกแล้ว แนบภาพหรือไฟล์หลักฐานได้ที่รายการด้านล่าง")
                st.rerun()
    st.subheader("บันทึกที่ผ่านมา")
    entries = development.logs(db, user.actor, application_id)
    if not entries:
        st.caption("ยังไม่มีบันทึก")
    for log in entries:
        with st.container(border=True):
            st.markdown(f"**{format_date(log.done_on)}** · {md(titles.get(log.activity_id, ''))}")
            st.text(log.description)
            st.caption(
                f"ผู้เข้าร่วม: {md(log.participants or '-')} · คืบหน้า {log.progress_percent or 0}%"
            )
            evidence = documents.evidence_for(
                db, user.actor, application_id, activity_log_id=log.id
            )
            for doc in evidence:
                st.caption(f"📎 {md(doc.filename)}")
            if editable:
                uploads.upload_box(
                    "แนบหลักฐาน (ภาพถ่าย/ไฟล์)",
                    key=f"ev_log_{log.id}",
                    on_upload=lambda name, data, log_id=log.id: documents.upload_evidence(
                        db,
                        user.actor,
                        application_id,
                        name,
                        data,
                        activity_log_id=log_id,
                        now=utcnow(),
                    ),
                )
