"""Step 7: send the results to the district committee; then follow its resolution."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from core.workflow import STATUS_LABELS, Action, allowed_actions
from services import applications, assessments, review_info
from services.clock import utcnow
from ui import current, feedback, runtime

user = current.step_header(7)
application_id = current.application_id_or_stop(user)
feedback.show_flash()

with runtime.db() as db:
    application = applications.the_application(db, user.actor, application_id)
    st.markdown(f"สถานะ: **{STATUS_LABELS[application.status]}**")
    for r in review_info.resolutions(db, user.actor, application_id):
        with st.container(border=True):
            st.markdown(f"**มติคณะกรรมการ:** {r.decision_label}")
            if r.revision_items:
                st.markdown("**สิ่งที่ขอให้ปรับปรุง**")
                st.text(r.revision_items)
            if r.reasons:
                st.text(r.reasons)
    if Action.SUBMIT_TO_COMMITTEE in allowed_actions(application.status, Role.APPLICANT):
        blockers = assessments.blockers_for_committee(db, application)
        if blockers:
            st.warning("ยังเสนอไม่ได้:\n\n" + "\n".join(f"- {b}" for b in blockers), icon="📋")
        st.markdown("เมื่อเสนอแล้ว ข้อมูลทุกขั้นจะถูกล็อกไว้ให้คณะกรรมการพิจารณา")
        if st.button(
            "เสนอผลการประเมินตนเองต่อคณะกรรมการ มชช. อำเภอ", type="primary", disabled=bool(blockers)
        ):
            with feedback.shows_errors():
                assessments.submit_to_committee(db, user.actor, application_id, now=utcnow())
                feedback.flash("เสนอคณะกรรมการแล้ว ติดตามผลได้ที่หน้านี้และการแจ้งเตือน")
                st.rerun()
