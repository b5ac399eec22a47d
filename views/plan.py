"""Step 3: the plan — activities with dates, who, resources, and the indicators each serves."""

from __future__ import annotations

import streamlit as st

from core.thai import format_date
from core.workflow import Section
from services import applications, development
from services.clock import utcnow
from services.development import ActivityForm
from ui import comments as comments_ui
from ui import current, feedback, forms, runtime
from ui.safe import md

user = current.step_header(3)
application_id = current.application_id_or_stop(user)
today = runtime.clock().today()
feedback.show_flash()

with runtime.db() as db:
    application = applications.the_application(db, user.actor, application_id)
    editable = current.read_only_notice(application.status, Section.PLAN)
    indicators = development.indicators(db, user.actor, application_id)
    if not indicators:
        st.info("เขียนตัวชี้วัด (ขั้นที่ 2) ก่อน แล้วจึงวางแผนกิจกรรมให้ตอบตัวชี้วัด", icon="🎯")
        st.stop()
    names = {i.id: i.title for i in indicators}
    if application.plan_start:
        st.caption(f"แผนเริ่ม {format_date(application.plan_start)} — นับรอบประเมินตนเองจากวันนี้")
    for ind in development.unserved_indicators(db, user.actor, application_id):
        st.warning(f"ยังไม่มีกิจกรรมใดตอบตัวชี้วัด: {md(ind.title)}", icon="⚠️")

    def _fields(prefix: str, a=None) -> ActivityForm:  # type: ignore[no-untyped-def]
        return ActivityForm(
            title=st.text_input("กิจกรรม", value=getattr(a, "title", "") or "", key=f"{prefix}_t"),
            starts_on=forms.date_field("วันเริ่ม", getattr(a, "starts_on", None), key=f"{prefix}_s"),
            ends_on=forms.date_field("วันสิ้นสุด", getattr(a, "ends_on", None), key=f"{prefix}_e"),
            responsible=st.text_input(
                "ผู้รับผิดชอบ", value=getattr(a, "responsible", "") or "", key=f"{prefix}_r"
            ),
            resources=st.text_area(
                "ทรัพยากร/งบประมาณ",
                value=getattr(a, "resources", "") or "",
                key=f"{prefix}_res",
                height=68,
            ),
            indicator_ids=tuple(
                st.multiselect(
                    "ตอบตัวชี้วัดข้อใด",
                    list(names),
                    format_func=names.get,
                    default=[i.id for i in getattr(a, "indicators", [])],
                    key=f"{prefix}_i",
                )
            ),
        )

    activities = development.plan(db, user.actor, application_id)
    st.subheader(f"กิจกรรมในแผน ({len(activities)})")
    for act in activities:
        when = f"{format_date(act.starts_on, short=True)}–{format_date(act.ends_on, short=True)}"
        label = f"{md(act.title)} · {when}"
        with st.expander(label):
            served = ", ".join(i.title for i in act.indicators) or "-"
            st.caption(f"ผู้รับผิดชอบ: {md(act.responsible or '-')} · ตอบตัวชี้วัด: {md(served)}")
            comments_ui.box(
                db, user.actor, application_id, "activity", act.id, key=f"c_act_{act.id}"
            )
            if not editable:
                continue
            with st.form(f"act_{act.id}"):
                form = _fields(f"act_{act.id}", act)
                save = st.form_submit_button("บันทึกการแก้ไข")
            if save:
                with feedback.shows_errors(stale_reset=f"act_{act.id}_"):
                    forms.check_typed()
                    development.save_activity(
                        db,
                        user.actor,
                        application_id,
                        form,
                        activity_id=act.id,
                        expected_version=forms.seen_version(f"act_{act.id}", act.version),
                        now=utcnow(),
                    )
                    feedback.flash("บันทึกแล้ว")
                    st.rerun()
            forms.remember_version(f"act_{act.id}", act.version)
            if forms.confirmed("ลบกิจกรรมนี้", key=f"del_act_{act.id}"):
                with feedback.shows_errors():
                    development.delete_activity(
                        db, user.actor, application_id, act.id, now=utcnow()
                    )
                    st.rerun()
    if editable:
        st.subheader("เพิ่มกิจกรรม")
        n = forms.nonce("activity")
        with st.form(f"new_activity_{n}"):
            form = _fields(f"new_act_{n}")
            add = st.form_submit_button("เพิ่มกิจกรรม", type="primary")
        if add:
            with feedback.shows_errors():
                forms.check_typed()
                development.save_activity(db, user.actor, application_id, form, now=utcnow())
                forms.next_form("activity")
                feedback.flash("เพิ่มกิจกรรมแล้ว")
                st.rerun()
