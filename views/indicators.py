"""Step 2: the applicant's own indicators, with optional ideas from the letter's dimensions."""

from __future__ import annotations

import streamlit as st

from core.indicator_templates import TEMPLATES
from core.workflow import Section
from services import applications, development
from services.clock import utcnow
from services.development import IndicatorForm
from ui import comments as comments_ui
from ui import current, feedback, forms, runtime
from ui.safe import md

user = current.step_header(2)
application_id = current.application_id_or_stop(user)
feedback.show_flash()
st.markdown(
    "ตัวชี้วัดเป็นของคุณเอง: เขียนสิ่งที่อยากไปให้ถึง วัดอย่างไร ตอนนี้อยู่ตรงไหน (ฐาน) "
    "อยากไปถึงแค่ไหน (เป้าหมาย) และจะใช้อะไรเป็นหลักฐาน"
)


def _fields(prefix: str, i=None, template=None) -> IndicatorForm:  # type: ignore[no-untyped-def]
    base = i or template
    return IndicatorForm(
        title=st.text_input(
            "ตัวชี้วัด (อยากไปให้ถึงอะไร)", value=getattr(base, "title", "") or "", key=f"{prefix}_title"
        ),
        dimension=st.text_input(
            "มิติ/ด้าน", value=getattr(base, "dimension", "") or "", key=f"{prefix}_dimension"
        ),
        measure=st.text_area(
            "วัดอย่างไร", value=getattr(base, "measure", "") or "", key=f"{prefix}_measure", height=68
        ),
        baseline=st.text_input(
            "ค่าฐาน (ตอนนี้)", value=getattr(i, "baseline", "") or "", key=f"{prefix}_baseline"
        ),
        target=st.text_input(
            "เป้าหมาย", value=getattr(i, "target", "") or "", key=f"{prefix}_target"
        ),
        evidence=st.text_area(
            "หลักฐานที่จะแสดง",
            value=getattr(i, "evidence", "") or "",
            key=f"{prefix}_evidence",
            height=68,
        ),
    )


with runtime.db() as db:
    application = applications.the_application(db, user.actor, application_id)
    editable = current.read_only_notice(application.status, Section.INDICATORS)
    items = development.indicators(db, user.actor, application_id)
    st.subheader(f"ตัวชี้วัดของคุณ ({len(items)} ข้อ)")
    for n, ind in enumerate(items, start=1):
        with st.expander(f"{n}. {md(ind.title)}", expanded=False):
            st.caption(f"ฐาน: {md(ind.baseline or '-')} → เป้าหมาย: {md(ind.target or '-')}")
            st.markdown("**ความเห็นจากที่ปรึกษา/พัฒนากร**")
            comments_ui.box(
                db, user.actor, application_id, "indicator", ind.id, key=f"c_ind_{ind.id}"
            )
            if not editable:
                st.markdown(f"วัดโดย: {md(ind.measure or '-')}  \nหลักฐาน: {md(ind.evidence or '-')}")
                continue
            with st.form(f"ind_{ind.id}"):
                form = _fields(f"ind_{ind.id}", ind)
                save = st.form_submit_button("บันทึกการแก้ไข")
            if save:
                with feedback.shows_errors(stale_reset=f"ind_{ind.id}_"):
                    development.save_indicator(
                        db,
                        user.actor,
                        application_id,
                        form,
                        indicator_id=ind.id,
                        expected_version=forms.seen_version(f"ind_{ind.id}", ind.version),
                        now=utcnow(),
                    )
                    feedback.flash("บันทึกแล้ว")
                    st.rerun()
            forms.remember_version(f"ind_{ind.id}", ind.version)
            if forms.confirmed("ลบตัวชี้วัดนี้", key=f"del_{ind.id}"):
                with feedback.shows_errors():
                    development.delete_indicator(
                        db, user.actor, application_id, ind.id, now=utcnow()
                    )
                    st.rerun()
    if editable:
        st.subheader("เพิ่มตัวชี้วัด")
        kind = application.applicant.type
        templates = TEMPLATES[kind]
        choices = {-1: "— เขียนเอง —"} | {
            k: f"{t.dimension}: {t.title}" for k, t in enumerate(templates)
        }
        picked = st.selectbox(
            "เริ่มจากแนวคิดตัวอย่าง (ไม่บังคับ)",
            list(choices),
            format_func=choices.get,
            key=f"template_{forms.nonce('indicator')}",
        )
        choice = None if picked == -1 else picked
        template = templates[choice] if choice is not None else None
        n = forms.nonce("indicator")
        with st.form(f"new_indicator_{choice}_{n}"):
            form = _fields(f"new_{choice}_{n}", None, template)
            add = st.form_submit_button("เพิ่มตัวชี้วัด", type="primary")
        if add:
            with feedback.shows_errors():
                development.save_indicator(db, user.actor, application_id, form, now=utcnow())
                forms.next_form("indicator")
                feedback.flash("เพิ่มตัวชี้วัดแล้ว")
                st.rerun()
