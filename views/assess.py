"""Step 5: self-assessment rounds every 3 or 6 months; a submitted round is locked."""

from __future__ import annotations

import streamlit as st

from core.indicator_templates import LEVELS
from core.schedule import ROUND_STATE_LABELS, RoundState
from core.thai import format_date
from core.workflow import Section
from services import applications, assessments, development, documents
from services.assessments import ScoreInput
from services.clock import utcnow
from ui import comments as comments_ui
from ui import current, feedback, forms, runtime, uploads
from ui.safe import md

LEVEL_LABELS = {k: f"{k} {v}" for k, v in LEVELS.items()}
ICONS = {
    RoundState.NOT_OPEN: "⏳",
    RoundState.OPEN: "🟢",
    RoundState.OVERDUE: "⏰",
    RoundState.DONE: "✅",
}

user = current.step_header(5)
application_id = current.application_id_or_stop(user)
today = runtime.clock().today()
feedback.show_flash()

with runtime.db() as db:
    application = applications.the_application(db, user.actor, application_id)
    editable = current.read_only_notice(application.status, Section.ASSESSMENT)
    views = assessments.rounds_of(db, user.actor, application_id, today)
    if not views:
        st.info("รอบประเมินจะเริ่มนับเมื่อมีแผนกิจกรรม (ขั้นที่ 3)", icon="🗓️")
        st.stop()
    indicators = development.indicators(db, user.actor, application_id)
    for view in views:
        label = (
            f"{ICONS[view.state]} รอบที่ {view.number} · กำหนด {format_date(view.due)} · "
            f"{ROUND_STATE_LABELS[view.state]}"
        )
        is_open = view.state in (RoundState.OPEN, RoundState.OVERDUE)
        with st.expander(label, expanded=is_open):
            if view.state is RoundState.NOT_OPEN:
                st.caption(f"เปิดให้ประเมินวันที่ {format_date(view.due)}")
                continue
            if view.state is RoundState.OVERDUE:
                st.warning(f"เลยกำหนดมาแล้ว (ควรส่งก่อน {format_date(view.overdue_from)})", icon="⏰")
            locked = view.state is RoundState.DONE or not editable
            a = view.assessment
            with st.form(f"round_{view.number}"):
                given = []
                # A sent round shows what was assessed then, not indicators added later.
                for ind in [i for i in indicators if not locked or i.id in view.scores]:
                    old = view.scores.get(ind.id)
                    st.markdown(
                        f"**{md(ind.title)}**  \nฐาน {md(ind.baseline or '-')} → เป้าหมาย "
                        f"{md(ind.target or '-')}"
                    )
                    result = st.text_input(
                        "ผลที่ได้ตอนนี้",
                        value=(old.result_value or "") if old else "",
                        key=f"r{view.number}_v{ind.id}",
                        disabled=locked,
                    )
                    progress = st.slider(
                        "ก้าวหน้าไปสู่เป้าหมาย (%)",
                        0,
                        100,
                        int(old.progress_percent or 0) if old else 0,
                        step=5,
                        key=f"r{view.number}_p{ind.id}",
                        disabled=locked,
                    )
                    level = st.radio(
                        "ระดับที่ทำได้",
                        list(LEVELS),
                        format_func=LEVEL_LABELS.get,
                        index=(old.level - 1) if old and old.level else None,
                        horizontal=True,
                        key=f"r{view.number}_l{ind.id}",
                        disabled=locked,
                    )
                    given.append(ScoreInput(ind.id, float(progress), level, result))
                reflection = st.text_area(
                    "สิ่งที่ได้เรียนรู้ และสิ่งที่จะปรับในรอบหน้า",
                    value=(a.reflection or "") if a else "",
                    key=f"r{view.number}_refl",
                    disabled=locked,
                )
                c1, c2 = st.columns(2)
                save = c1.form_submit_button("บันทึกร่าง", disabled=locked)
                send = c2.form_submit_button(
                    "ส่งผลการประเมินรอบนี้ (แก้ไม่ได้อีก)", type="primary", disabled=locked
                )
            if save or send:
                with feedback.shows_errors(stale_reset=f"r{view.number}_"):
                    assessments.save_round(
                        db,
                        user.actor,
                        application_id,
                        view.number,
                        scores=given,
                        reflection=reflection,
                        submit=send,
                        expected_version=forms.seen_version(f"round_{view.number}"),
                        today=today,
                        now=utcnow(),
                    )
                    feedback.flash("ส่งผลการประเมินแล้ว" if send else "บันทึกร่างแล้ว")
                    st.rerun()
            if a is not None:
                comments_ui.box(
                    db, user.actor, application_id, "assessment", a.id, key=f"c_round_{a.id}"
                )
                forms.remember_version(f"round_{view.number}", a.version)
                for doc in documents.evidence_for(
                    db, user.actor, application_id, assessment_id=a.id
                ):
                    st.caption(f"📎 {md(doc.filename)}")
                if not locked:
                    uploads.upload_box(
                        "แนบหลักฐานของรอบนี้",
                        key=f"ev_round_{a.id}",
                        on_upload=lambda name, data, aid=a.id: documents.upload_evidence(
                            db,
                            user.actor,
                            application_id,
                            name,
                            data,
                            assessment_id=aid,
                            now=utcnow(),
                        ),
                    )
            elif not locked:
                st.caption("บันทึกร่างก่อน แล้วจึงแนบหลักฐานของรอบนี้ได้")
