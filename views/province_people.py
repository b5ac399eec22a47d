"""Province office: per district, the office's contact, its officers and committee, the chair."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.roles import Role
from core.thai import format_datetime
from services import areas, offices, staff
from services.clock import to_local, utcnow
from services.offices import OfficeInfo
from services.staff import OneTimePassword, StaffRow
from ui import feedback, forms, runtime, session
from ui.safe import md

ROLE_SHORT = {Role.DISTRICT_OFFICER: "พัฒนากร", Role.COMMITTEE: "กรรมการ มชช. อำเภอ"}
NEW_PASSWORD = "_one_time_password"

user = session.require_user()
if user.role is not Role.PROVINCE_OFFICER:
    st.stop()
province = user.actor.province_code or ""
districts = areas.districts(province)
st.title("บุคลากรและคณะกรรมการ")
st.caption("บัญชีพัฒนากรและกรรมการ มชช. อำเภอ ประธานคณะกรรมการ และข้อมูลติดต่อสำนักงานพัฒนาชุมชนอำเภอ")
feedback.show_flash()


def keep_password(made: OneTimePassword, where: str) -> None:
    """Kept until the next run shows it, then forgotten: the password is shown only once."""
    st.session_state[NEW_PASSWORD] = {
        "where": where,
        "username": made.username,
        "password": made.password,
    }


def show_password(where: str) -> None:
    kept = st.session_state.get(NEW_PASSWORD)
    if not kept or kept["where"] != where:
        return
    del st.session_state[NEW_PASSWORD]
    with st.container(border=True):
        st.markdown(f"**รหัสผ่านชั่วคราวของบัญชี {md(kept['username'])}**")
        st.code(kept["password"], language=None)
        st.caption(
            "รหัสผ่านนี้แสดงเพียงครั้งนี้ครั้งเดียว กรุณาจดแล้วแจ้งเจ้าของบัญชีโดยตรง"
            " และให้เจ้าของบัญชีเปลี่ยนรหัสผ่านทันทีที่เมนู “บัญชีของฉัน” หลังเข้าสู่ระบบครั้งแรก"
        )


def staff_table(people: list[StaffRow]) -> None:
    if not people:
        st.info("ยังไม่มีบัญชีพัฒนากรหรือกรรมการในอำเภอนี้ สร้างได้ที่ “สร้างบัญชีใหม่” ด้านล่าง")
        return
    frame = pd.DataFrame(
        {
            "ชื่อ-นามสกุล": [s.display_name for s in people],
            "ชื่อผู้ใช้": [s.username for s in people],
            "บทบาท": [ROLE_SHORT[s.role] for s in people],
            "ประธาน": ["★ ประธาน" if s.is_chair else "" for s in people],
            "สถานะ": ["ใช้งาน" if s.active else "ปิดใช้งาน" for s in people],
            "เข้าสู่ระบบล่าสุด": [format_datetime(to_local(s.last_login_at)) for s in people],
        }
    )
    st.dataframe(frame, hide_index=True, width="stretch")


def office_form(district: str, office: OfficeInfo) -> None:
    prefix = f"office_{district}_"
    with st.form(f"office_{district}"):
        name = st.text_input("ชื่อสำนักงาน", value=office.office_name, key=f"{prefix}name")
        phone = st.text_input("โทรศัพท์", value=office.phone or "", key=f"{prefix}phone")
        address = st.text_area("ที่อยู่", value=office.address or "", key=f"{prefix}address")
        save = st.form_submit_button("บันทึกข้อมูลติดต่อ")
    if save:
        with feedback.shows_errors(), runtime.db() as db:
            offices.update_office(
                db,
                user.actor,
                district,
                office_name=name,
                phone=phone,
                address=address,
                now=utcnow(),
            )
            feedback.flash("บันทึกข้อมูลติดต่อสำนักงานแล้ว")
            st.rerun()


def chair_form(district: str, people: list[StaffRow], office: OfficeInfo) -> None:
    members = {s.user_id: s for s in people if s.role is Role.COMMITTEE and s.active}
    if not members:
        st.info("ยังไม่มีกรรมการที่ใช้งานอยู่ในอำเภอนี้ สร้างบัญชีกรรมการก่อนแล้วจึงเลือกประธาน")
        return
    labels: dict[int | None, str] = {None: "— ยังไม่กำหนดประธาน —"} | {
        i: f"{m.display_name} ({m.username})" for i, m in members.items()
    }
    choices = list(labels)
    current = office.chair_user_id if office.chair_user_id in members else None
    with st.form(f"chair_{district}"):
        chair = st.selectbox(
            "ประธานคณะกรรมการ มชช. อำเภอ",
            choices,
            index=choices.index(current),
            format_func=labels.get,
            key=f"chair_pick_{district}",
        )
        save = st.form_submit_button("บันทึกประธาน")
    st.caption("ประธานเป็นผู้บันทึกมติของคณะกรรมการ มีผลตั้งแต่หน้าถัดไปที่ประธานเปิด")
    if save:
        with feedback.shows_errors(), runtime.db() as db:
            offices.set_chair(db, user.actor, district, chair, now=utcnow())
            feedback.flash("บันทึกประธานคณะกรรมการแล้ว")
            st.rerun()


def account_actions(district: str, people: list[StaffRow]) -> None:
    if not people:
        return
    rows = {s.user_id: s for s in people}
    labels = {
        s.user_id: f"{s.display_name} ({s.username}) · {ROLE_SHORT[s.role]}"
        f" · {'ใช้งาน' if s.active else 'ปิดใช้งาน'}"
        for s in people
    }
    picked = st.selectbox("บัญชี", list(rows), format_func=labels.get, key=f"account_pick_{district}")
    target = rows[picked]
    show_password("reset")
    left, right = st.columns(2)
    with left:
        if target.active and forms.confirmed(
            "ปิดใช้งานบัญชีนี้",
            key=f"deactivate_{picked}",
            warning="ผู้ใช้จะออกจากระบบทันทีและเข้าสู่ระบบไม่ได้จนกว่าจะเปิดใช้งานอีกครั้ง",
        ):
            with feedback.shows_errors(), runtime.db() as db:
                result = staff.deactivate(db, user.actor, picked, now=utcnow())
                note = " บัญชีนี้เป็นประธานคณะกรรมการ อำเภอนี้จึงยังไม่มีประธาน กรุณาเลือกประธานคนใหม่"
                feedback.flash(
                    "ปิดใช้งานบัญชีแล้ว และออกจากระบบในทุกอุปกรณ์แล้ว" + (note if result.was_chair else "")
                )
                st.rerun()
        if not target.active and forms.confirmed(
            "เปิดใช้งานบัญชีนี้อีกครั้ง", key=f"reactivate_{picked}", warning="ผู้ใช้จะเข้าสู่ระบบได้อีกครั้ง"
        ):
            with feedback.shows_errors(), runtime.db() as db:
                staff.reactivate(db, user.actor, picked, now=utcnow())
                feedback.flash("เปิดใช้งานบัญชีอีกครั้งแล้ว")
                st.rerun()
    with right:
        if forms.confirmed(
            "ตั้งรหัสผ่านใหม่",
            key=f"reset_{picked}",
            warning="รหัสผ่านเดิมจะใช้ไม่ได้และผู้ใช้จะออกจากระบบทุกเครื่อง",
        ):
            with feedback.shows_errors(), runtime.db() as db:
                made = staff.reset_password(db, user.actor, picked, now=utcnow())
                keep_password(made, "reset")
                feedback.flash("ตั้งรหัสผ่านใหม่แล้ว อุปกรณ์ที่เคยเข้าสู่ระบบไว้ต้องเข้าสู่ระบบใหม่")
                st.rerun()


def create_form(district: str) -> None:
    show_password("create")
    n = forms.nonce("create_staff")
    with st.form(f"create_staff_{n}"):
        name = st.text_input("ชื่อ-นามสกุล", key=f"staff_name_{n}")
        username = st.text_input("ชื่อผู้ใช้ (อักษรอังกฤษตัวเล็ก ตัวเลข . _ -)", key=f"staff_username_{n}")
        role = st.radio(
            "บทบาท",
            list(ROLE_SHORT),
            format_func=ROLE_SHORT.get,
            horizontal=True,
            key=f"staff_role_{n}",
        )
        email = st.text_input("อีเมล (ถ้ามี)", key=f"staff_email_{n}")
        phone = st.text_input("โทรศัพท์ (ถ้ามี)", key=f"staff_phone_{n}")
        create = st.form_submit_button("สร้างบัญชี", type="primary")
    if create:
        with feedback.shows_errors(), runtime.db() as db:
            made = staff.create_staff(
                db,
                user.actor,
                username=username,
                display_name=name,
                role=role,
                district_code=district,
                email=email,
                phone=phone,
                now=utcnow(),
            )
            keep_password(made, "create")
            forms.next_form("create_staff")
            feedback.flash(f"สร้างบัญชี {md(made.username)} แล้ว")
            st.rerun()


district_labels = {code: f"อำเภอ{name}" for code, name in districts.items()}
district = st.selectbox(
    "อำเภอ", list(districts), format_func=district_labels.get, key="people_district"
)
office: OfficeInfo | None = None
people: list[StaffRow] = []
with feedback.shows_errors(), runtime.read() as db:
    office = offices.office_of(db, user.actor, district)
    people = staff.staff_of_district(db, user.actor, district)
if office is None:
    st.stop()

st.subheader("พัฒนากรและคณะกรรมการ")
staff_table(people)
st.subheader("ประธานคณะกรรมการ")
chair_form(district, people, office)
st.subheader("จัดการบัญชี")
account_actions(district, people)
st.subheader("สร้างบัญชีใหม่")
st.caption(f"บัญชีใหม่จะอยู่ในอำเภอ{districts[district]}")
create_form(district)
st.subheader("ข้อมูลติดต่อสำนักงานพัฒนาชุมชนอำเภอ")
st.caption("ใช้แสดงในประกาศรับสมัครให้ผู้สนใจติดต่อ")
office_form(district, office)
# A one-time password not shown on this run (its section is gone) is not kept for later.
st.session_state.pop(NEW_PASSWORD, None)
