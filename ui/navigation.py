"""Each role's menu. A page not in the list cannot be reached, by link or URL.

A user still on a one-time password gets a menu of one page, the password change, which is
then also their home (ui.session.must_change_password, as checked this run).
"""

from __future__ import annotations

import streamlit as st

from core.roles import ROLE_LABELS, Role
from services import areas
from ui import session

PUBLIC_ABOUT = "views/public_about.py"
LOGIN = "views/login.py"
CERTIFICATE_CHECK = "views/certificate.py"  # /certificate?code=… (in every QR code)
ACCOUNT = "views/account.py"

HOME_BY_ROLE: dict[Role, tuple[str, str, str]] = {
    Role.APPLICANT: ("views/applicant_home.py", "หน้าหลักผู้สมัคร", "🏠"),
    Role.ADVISOR: ("views/advisor_home.py", "ผู้ที่ฉันเป็นที่ปรึกษา", "🧭"),
    Role.DISTRICT_OFFICER: ("views/district_home.py", "ผู้สมัครในอำเภอ", "🗂️"),
    Role.COMMITTEE: ("views/committee_home.py", "งานคณะกรรมการ", "⚖️"),
    Role.PROVINCE_OFFICER: ("views/province_home.py", "ภาพรวมจังหวัด", "📊"),
}


def _about(default: bool) -> st.Page:
    return st.Page(PUBLIC_ABOUT, title="มชช. คืออะไร", icon="ℹ️", default=default)


def public_pages() -> list[st.Page]:
    return [
        _about(default=True),
        st.Page(LOGIN, title="เข้าสู่ระบบ", icon="🔑"),
        st.Page("views/register.py", title="ลงทะเบียนผู้สมัคร", icon="📝"),
        _certificate_check(),
        *_registry_pages(),
    ]


def _registry_pages() -> list[st.Page]:
    # Public: the list of certified units and each unit's page (linked from the list and from a
    # checked certificate, by these url paths; see ui/registry.py).
    return [
        st.Page("views/registry.py", title="ทะเบียนผู้ผ่าน มชช.", icon="📜", url_path="registry"),
        st.Page(
            "views/registry_unit.py",
            title="หน่วยในทะเบียน มชช.",
            icon="📜",
            url_path="registry-unit",
            visibility="hidden",
        ),
    ]


def _certificate_check() -> st.Page:
    # Its address is in every certificate's QR code: open to all, signed in or not.
    return st.Page(CERTIFICATE_CHECK, title="ตรวจสอบใบประกาศ", icon="🏅", url_path="certificate")


def home_page(role: Role) -> st.Page:
    if session.must_change_password():
        return st.Page(ACCOUNT, title="ตั้งรหัสผ่านใหม่", icon="🔑", default=True)
    path, title, icon = HOME_BY_ROLE[role]
    return st.Page(path, title=title, icon=icon, default=True)


def _after_login_page() -> st.Page:
    # Hidden: the run right after login still asks for the login page; app.py forwards home.
    return st.Page(LOGIN, title="เข้าสู่ระบบ", visibility="hidden")


APPLICANT_STEPS = (
    ("views/apply.py", "1 ใบสมัคร", "📝"),
    ("views/indicators.py", "2 ตัวชี้วัด", "🎯"),
    ("views/plan.py", "3 แผนพัฒนา", "🗓️"),
    ("views/develop.py", "4 บันทึกการพัฒนา", "🛠️"),
    ("views/assess.py", "5 ประเมินตนเอง", "📏"),
    ("views/summary.py", "6 สรุปผล", "📈"),
    ("views/submit.py", "7 เสนอคณะกรรมการ", "📨"),
)


# Each role's work pages after its home, as (file, title, icon). Add a screen here to give it to
# a role; nothing else can open it.
ROLE_WORK_PAGES: dict[Role, list[tuple[str, str, str]]] = {
    Role.APPLICANT: [],
    Role.ADVISOR: [
        ("views/advise.py", "ดูข้อมูลผู้สมัคร", "📖"),
    ],
    Role.DISTRICT_OFFICER: [
        ("views/verify.py", "ตรวจสอบใบสมัคร", "🔎"),
        ("views/on_behalf.py", "กรอกแทนผู้สมัคร", "🤝"),
        ("views/assign_advisors.py", "มอบหมายที่ปรึกษา", "🧭"),
        ("views/invite.py", "เชิญชวนสมัคร", "📣"),
        ("views/publicity_numbers.py", "ติดตามผลการเชิญชวน", "📈"),
    ],
    Role.COMMITTEE: [
        ("views/review.py", "พิจารณา", "⚖️"),
    ],
    Role.PROVINCE_OFFICER: [
        ("views/province_round.py", "รอบการดำเนินงาน", "🗓️"),
        ("views/announce.py", "ประกาศผล", "🏅"),
        ("views/publicity_numbers.py", "ติดตามผลการเชิญชวน", "📈"),
        ("views/registry_import.py", "นำเข้าทะเบียนผู้ผ่าน มชช.", "📥"),
        ("views/province_people.py", "บุคลากรและคณะกรรมการ", "👥"),
        ("views/audit_search.py", "ค้นหาบันทึกการใช้งาน", "🔍"),
    ],
}


def role_caption(role: Role, district_code: str | None) -> str:
    """Under the user's name: the role, with the district for district staff."""
    if district_code and role is Role.DISTRICT_OFFICER:
        return f"พัฒนากร สำนักงานพัฒนาชุมชนอำเภอ{areas.district_name(district_code)}"
    if district_code and role is Role.COMMITTEE:
        return f"คณะกรรมการ มชช. อำเภอ{areas.district_name(district_code)}"
    return ROLE_LABELS[role]


def acting_section(name: str) -> str:
    return f"กรอกแทน: {' '.join(name.split())}"


def role_pages(role: Role, acting_for: str | None = None) -> dict[str, list[st.Page]]:
    """`acting_for`: the name of the applicant a district officer is filling in for."""
    if session.must_change_password():
        return {"บัญชีของฉัน": [home_page(role), _after_login_page()]}
    menu = {
        "งานของฉัน": [home_page(role)]
        + [st.Page(p, title=t, icon=i) for p, t, i in ROLE_WORK_PAGES[role]]
    }
    if role is Role.APPLICANT:
        menu["7 ขั้นตอน"] = [st.Page(p, title=t, icon=i) for p, t, i in APPLICANT_STEPS]
    elif role is Role.DISTRICT_OFFICER and acting_for:
        steps = [st.Page(p, title=t, icon=i) for p, t, i in APPLICANT_STEPS]
        menu[acting_section(acting_for)] = steps
    return menu | {
        "บัญชีและข้อมูล": [
            st.Page("views/inbox.py", title="การแจ้งเตือน", icon="🔔"),
            st.Page(ACCOUNT, title="บัญชีของฉัน", icon="👤"),
            _about(default=False),
            _certificate_check(),
            *_registry_pages(),
            _after_login_page(),
        ],
    }
