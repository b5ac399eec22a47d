"""Step 1's form: the fields every type shares and those of its own type."""

from __future__ import annotations

import streamlit as st

from core.applicant_types import ApplicantType
from core.errors import InvalidInput
from services.applications import ApplicationForm
from ui.forms import date_field, int_text, to_int


def _number(text: str, field: str, errors: list[str]) -> int | None:
    try:
        return to_int(text, field)
    except InvalidInput as error:
        errors.append(error.message)
        return None


def fields(kind: ApplicantType, a, *, today, key: str) -> tuple[ApplicationForm, list[str]]:  # type: ignore[no-untyped-def]
    """`a` is the stored applicant (or None); returns what is in the widgets now, and the
    Thai messages for numbers that could not be read (nothing is saved while there are any)."""
    errors: list[str] = []

    def value(name: str):  # type: ignore[no-untyped-def]
        return getattr(a, name, None) if a is not None else None

    label = {
        ApplicantType.LEADER: "ชื่อ-นามสกุล ผู้นำชุมชน",
        ApplicantType.GROUP: "ชื่อกลุ่ม/องค์กรชุมชน",
        ApplicantType.NETWORK: "ชื่อเครือข่ายองค์กรชุมชน",
        ApplicantType.COMMUNITY: "ชื่อชุมชน",
    }[kind]
    form = ApplicationForm(kind=kind)
    form.name = st.text_input(label, value=value("name") or "", key=f"{key}_name", max_chars=300)
    village = int_text("หมู่ที่", value("village_no"), key=f"{key}_village_no")
    form.village_no = _number(village, "หมู่ที่", errors)
    form.village_name = st.text_input(
        "ชื่อหมู่บ้าน", value=value("village_name") or "", key=f"{key}_village_name"
    )
    form.phone = st.text_input("เบอร์โทรศัพท์ติดต่อ", value=value("phone") or "", key=f"{key}_phone")
    form.address = st.text_area(
        "ที่อยู่/ที่ตั้งสำนักงาน", value=value("address") or "", key=f"{key}_address", height=80
    )
    if kind is ApplicantType.LEADER:
        _leader(form, value, today, key)
    elif kind is ApplicantType.COMMUNITY:
        _community(form, value, today, key, errors)
    else:
        _group(form, value, today, key, kind, errors)
    return form, errors


def _leader(form, value, today, key) -> None:  # type: ignore[no-untyped-def]
    masked = value("national_id_masked")
    form.national_id = (
        st.text_input(
            "เลขประจำตัวประชาชน 13 หลัก"
            + (f" (บันทึกไว้แล้ว: {masked} — กรอกใหม่เฉพาะเมื่อต้องการแก้)" if masked else ""),
            value="",
            key=f"{key}_national_id",
            max_chars=17,
            help="ระบบเก็บแบบเข้ารหัสทางเดียวและแสดงเฉพาะ 3 หลักท้าย",
        )
        or None
    )
    form.position = st.text_input(
        "ตำแหน่งในชุมชน",
        value=value("position") or "",
        key=f"{key}_position",
        placeholder="เช่น ผู้ใหญ่บ้าน ประธานกลุ่ม อสม.",
    )
    formal = value("position_formal")
    form.position_formal = st.radio(
        "ลักษณะตำแหน่ง",
        [True, False],
        index=0 if formal is not False else 1,
        format_func={True: "เป็นทางการ", False: "ไม่เป็นทางการ"}.get,
        horizontal=True,
        key=f"{key}_formal",
    )
    form.domiciled_since = date_field(
        "อาศัยอยู่ในชุมชนตั้งแต่วันที่", value("domiciled_since"), key=f"{key}_domicile"
    )
    form.activities_record = st.text_area(
        "ผลงาน/กิจกรรมที่ทำร่วมกับชุมชนอย่างต่อเนื่อง",
        value=value("activities_record") or "",
        key=f"{key}_activities",
        height=120,
    )


def _group(form, value, today, key, kind, errors) -> None:  # type: ignore[no-untyped-def]
    who = "กลุ่ม" if kind is ApplicantType.GROUP else "เครือข่าย"
    form.founded_on = date_field(f"วันที่ก่อตั้ง{who}", value("founded_on"), key=f"{key}_founded")
    members = int_text("จำนวนสมาชิก", value("member_count"), key=f"{key}_members")
    form.member_count = _number(members, "จำนวนสมาชิก", errors)
    form.resolution_date = date_field(
        f"วันที่สมาชิก{who}มีมติให้สมัคร",
        value("resolution_date"),
        key=f"{key}_resolution",
    )


def _community(form, value, today, key, errors) -> None:  # type: ignore[no-untyped-def]
    form.territory_villages = st.text_input(
        "หมู่บ้านในอาณาเขตชุมชน",
        value=value("territory_villages") or "",
        key=f"{key}_villages",
        placeholder="เช่น หมู่ 1 และหมู่ 2 บ้านท่าเกษม",
    )
    form.boundary_description = st.text_area(
        "แนวเขตของชุมชน",
        value=value("boundary_description") or "",
        key=f"{key}_boundary",
        height=80,
        placeholder="เช่น ทิศเหนือจรดคลอง... ทิศใต้จรดถนน...",
    )
    households = int_text("จำนวนครัวเรือน", value("households"), key=f"{key}_households")
    form.households = _number(households, "จำนวนครัวเรือน", errors)
    form.resolution_date = date_field(
        "วันที่เวทีประชาคมมีมติให้สมัคร", value("resolution_date"), key=f"{key}_forum"
    )
