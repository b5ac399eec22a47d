"""District officer: assign advisors to an application — an existing account or a new person."""

from __future__ import annotations

import streamlit as st

from core.roles import Role
from services import advisors, applications, areas
from services.clock import utcnow
from ui import feedback, forms, new_account, runtime, session
from ui.safe import md

PLACE = {True: "ในชุมชน", False: "นอกชุมชน"}

user = session.require_user()
if user.role is not Role.DISTRICT_OFFICER:
    st.stop()
st.title("มอบหมายที่ปรึกษา")
st.caption("ที่ปรึกษาที่มีบัญชีจะอ่านข้อมูลของผู้สมัครและแสดงความเห็นได้ ผู้สมัครและที่ปรึกษาจะได้รับแจ้ง")
feedback.show_flash()
new_account.show_once()

with feedback.shows_errors(), runtime.db() as db:
    rows = advisors.open_applications(db, user.actor, runtime.clock().today())
    if not rows:
        district = areas.district_name(user.actor.district_code or "")
        st.info(f"ไม่มีผู้สมัครในอำเภอ{district}ที่ยังดำเนินการตามขั้นตอนอยู่")
        st.stop()
    names = {
        r.application_id: f"{r.applicant_name} · {r.type_label} · {r.status_label}" for r in rows
    }
    chosen = st.selectbox("ผู้สมัคร", list(names), format_func=names.get)
    application = applications.the_application(db, user.actor, chosen)

    st.subheader("ที่ปรึกษาปัจจุบัน")
    if not application.advisors:
        st.caption("ยังไม่มีที่ปรึกษา")
    for adv in application.advisors:
        account = " · มีบัญชีในระบบ" if adv.user_id else " · ไม่มีบัญชี"
        st.markdown(
            f"- {md(adv.name)} · {PLACE[adv.inside_community]} · {md(adv.contact or '-')}{account}"
        )
        if forms.confirmed(f"ยกเลิกที่ปรึกษา {md(adv.name)}", key=f"unassign_{chosen}_{adv.id}"):
            with feedback.shows_errors():
                advisors.remove(db, user.actor, chosen, adv.id, now=utcnow())
                feedback.flash("ยกเลิกที่ปรึกษาแล้ว")
                st.rerun()

    st.subheader("เลือกจากบัญชีที่ปรึกษาของอำเภอ")
    named = {a.user_id for a in application.advisors}
    accounts = {
        a.user_id: f"{a.display_name} ({a.username})"
        for a in advisors.advisor_accounts(db, user.actor)
        if a.user_id not in named
    }
    if not accounts:
        st.caption("ยังไม่มีบัญชีที่ปรึกษาอื่นในอำเภอ เชิญที่ปรึกษาใหม่ได้ด้านล่าง")
    else:
        with st.form(f"assign_{chosen}"):
            picked = st.selectbox("บัญชีที่ปรึกษา", list(accounts), format_func=accounts.get)
            inside = st.radio("เป็นบุคคล", [True, False], horizontal=True, format_func=PLACE.get)
            assign = st.form_submit_button("มอบหมาย", type="primary")
        if assign:
            with feedback.shows_errors():
                advisors.assign_existing(
                    db, user.actor, chosen, picked, inside_community=inside, now=utcnow()
                )
                feedback.flash("มอบหมายที่ปรึกษาแล้ว")
                st.rerun()

    st.subheader("เชิญที่ปรึกษาใหม่")
    n = forms.nonce(f"invite_{chosen}")
    with st.form(f"invite_{chosen}_{n}"):
        name = st.text_input("ชื่อ-นามสกุลที่ปรึกษา")
        contact = st.text_input("โทรศัพท์หรืออีเมล")
        inside = st.radio("เป็นบุคคล ", [True, False], horizontal=True, format_func=PLACE.get)
        username = st.text_input("ตั้งชื่อผู้ใช้ให้ที่ปรึกษา (อังกฤษตัวเล็ก/ตัวเลข)")
        invite = st.form_submit_button("สร้างบัญชีและมอบหมาย")
    if invite:
        with feedback.shows_errors():
            password = advisors.invite(
                db,
                user.actor,
                chosen,
                name=name,
                contact=contact,
                inside_community=inside,
                username=username,
                now=utcnow(),
            )
            forms.next_form(f"invite_{chosen}")
            new_account.remember(
                "สร้างบัญชีและมอบหมายแล้ว แจ้งชื่อผู้ใช้และรหัสผ่านชั่วคราวนี้ให้ที่ปรึกษา",
                username.strip().lower(),
                password,
            )
            st.rerun()
