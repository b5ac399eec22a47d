"""Each role's home shows that user's own data, and no role reaches another role's pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

import settings
from services.demo import DEMO_USERS
from tests.ui.conftest import log_in, new_app, texts

GROUP = "กลุ่มทอผ้าบ้านหนองบัว"
LEADER = "นายสมชาย ใจดี"
NETWORK = "เครือข่ายเกษตรอินทรีย์อรัญประเทศ"
COMMUNITY = "ชุมชนบ้านท่าเกษม"
SAVINGS = "กลุ่มออมทรัพย์เพื่อการผลิตบ้านโคกสูง"
MUANG_APPLICANTS = {GROUP, LEADER, COMMUNITY, SAVINGS}

ROLE_HOMES = {
    "views/applicant_home.py": "สวัสดี ",
    "views/advisor_home.py": "ผู้สมัครที่ฉันเป็นที่ปรึกษา",
    "views/district_home.py": "ผู้สมัครในอำเภอ",
    "views/committee_home.py": "คณะกรรมการ มชช. อำเภอ",
    "views/province_home.py": "ภาพรวมจังหวัด",
}


def sign_in(username: str, password: str = settings.DEMO_PASSWORD) -> AppTest:
    """Through the login form, without switching pages afterwards: where the app sends us."""
    at = new_app().run()
    at.switch_page("views/login.py").run()
    at.text_input[0].input(username)
    at.text_input[1].input(password)
    at.button[0].click().run()
    assert not at.exception
    assert "user_id" in at.session_state
    return at


def titles(at: AppTest) -> list[str]:
    return [t.value for t in at.title]


def applicant_names(at: AppTest) -> list[str]:
    return [name for frame in at.dataframe for name in frame.value["ผู้สมัคร"]]


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def assert_unreachable(at: AppTest, path: str) -> None:
    """The page is in no menu of this session; asking for its URL runs the default page."""
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(path)
    # What typing /<page> into the address bar asks for (AppTest has no public way to do it).
    at._page_hash = calc_hash(Path(path).stem)
    at.run()
    assert not at.exception
    forbidden = ROLE_HOMES[path]
    assert not [t for t in titles(at) if t.startswith(forbidden)], titles(at)


def test_every_demo_account_is_covered_here():
    assert {u.username for u in DEMO_USERS} == {
        "applicant-leader",
        "applicant-group",
        "applicant-network",
        "applicant-community",
        "applicant-savings",
        "advisor",
        "officer-muang",
        "officer-aran",
        "committee-muang",
        "committee-muang-2",
        "committee-aran",
        "province",
    }


@pytest.mark.parametrize(
    ("username", "title"),
    [
        ("applicant-leader", "สวัสดี นายสมชาย ใจดี"),
        ("applicant-group", "สวัสดี นางสาวมาลี ทองดี"),
        ("applicant-network", "สวัสดี นายประเสริฐ รักถิ่น"),
        ("applicant-community", "สวัสดี นางบุญมี ศรีสุข"),
        ("applicant-savings", "สวัสดี นายบุญส่ง ออมดี"),
        ("advisor", "ผู้สมัครที่ฉันเป็นที่ปรึกษา"),
        ("officer-muang", "ผู้สมัครในอำเภอเมืองสระแก้ว"),
        ("officer-aran", "ผู้สมัครในอำเภออรัญประเทศ"),
        ("committee-muang", "คณะกรรมการ มชช. อำเภอเมืองสระแก้ว"),
        ("committee-muang-2", "คณะกรรมการ มชช. อำเภอเมืองสระแก้ว"),
        ("committee-aran", "คณะกรรมการ มชช. อำเภออรัญประเทศ"),
        ("province", "ภาพรวมจังหวัดสระแก้ว"),
    ],
)
def test_each_demo_user_lands_on_their_own_home_right_after_login(username, title):
    at = sign_in(username)
    assert titles(at) == [title]


@pytest.mark.parametrize(
    ("username", "own", "others"),
    [
        ("applicant-leader", f"{LEADER} · ผู้นำชุมชน", [GROUP, NETWORK, COMMUNITY]),
        ("applicant-group", f"{GROUP} · กลุ่ม/องค์กรชุมชน", [LEADER, NETWORK, COMMUNITY]),
        ("applicant-network", f"{NETWORK} · เครือข่ายองค์กรชุมชน", [LEADER, GROUP, COMMUNITY]),
        ("applicant-community", f"{COMMUNITY} · ชุมชน", [LEADER, GROUP, NETWORK]),
    ],
)
def test_an_applicant_home_shows_their_own_application_and_the_seven_steps(username, own, others):
    at = log_in(username)
    assert not at.exception
    assert own in [s.value for s in at.subheader]
    body = texts(at)
    for number in range(1, 8):
        assert f"**ขั้นที่ {number}**" in body
    assert "**ขั้นที่ 8**" not in body
    for name in others:
        assert name not in body


def test_the_group_applicant_sees_its_group_steps_done_so_far_and_the_next_assessment():
    at = log_in("applicant-group")
    body = texts(at)
    assert GROUP in body
    for done in (1, 2, 3):
        assert f"✅ **ขั้นที่ {done}**" in body
    assert "🔒 **ขั้นที่ 7**" in body
    assert any(i.value.startswith("ประเมินตนเองรอบถัดไป:") for i in at.info)


def test_the_muang_officer_lists_muang_applicants_and_not_the_aran_network():
    at = log_in("officer-muang")
    assert not at.exception
    names = applicant_names(at)
    assert GROUP in names
    assert NETWORK not in names
    assert {GROUP, LEADER, COMMUNITY} <= set(names) <= MUANG_APPLICANTS
    assert metric(at, "ผู้สมัครทั้งหมด") == "4"


def test_the_aran_officer_lists_the_aran_network_and_no_muang_applicant():
    at = log_in("officer-aran")
    assert not at.exception
    names = applicant_names(at)
    assert NETWORK in names
    assert GROUP not in names
    assert not MUANG_APPLICANTS & set(names)
    assert metric(at, "ผู้สมัครทั้งหมด") == "1"
    assert metric(at, "รอพัฒนากรตรวจสอบ") == "1"  # the network's application was submitted


def test_the_muang_chair_sees_tha_kasem_waiting_for_the_committee():
    at = log_in("committee-muang")
    assert not at.exception
    assert "คุณเป็นประธานคณะกรรมการของอำเภอนี้" in [c.value for c in at.caption]
    assert metric(at, "รอคณะกรรมการพิจารณา") == "1"
    waiting = at.dataframe[0].value  # the first table is under "รอพิจารณา"
    assert list(waiting["ผู้สมัคร"]) == [COMMUNITY]
    assert list(waiting["สถานะ"]) == ["เสนอคณะกรรมการ มชช. อำเภอแล้ว รอพิจารณา"]


def test_the_aran_committee_sees_no_muang_applicant():
    at = log_in("committee-aran")
    assert not at.exception
    body = texts(at)
    for name in MUANG_APPLICANTS:
        assert name not in body
    assert applicant_names(at) == []
    assert metric(at, "รอคณะกรรมการพิจารณา") == "0"
    assert "ยังไม่มีผลการประเมินตนเองที่เสนอเข้ามา" in [i.value for i in at.info]


def test_the_advisor_sees_only_the_weaving_group_they_advise():
    at = log_in("advisor")
    assert not at.exception
    assert applicant_names(at) == [GROUP]


def test_the_province_sees_the_sa_kaeo_overview_with_this_years_total():
    at = log_in("province")
    assert not at.exception
    assert "ภาพรวมจังหวัดสระแก้ว" in titles(at)
    [total] = [m for m in at.metric if m.label.startswith("ผู้สมัคร ปีงบประมาณ")]
    # This fiscal year's demo applications: the leader, the weaving group, the Aran network.
    assert total.value == "3"
    by_district = at.dataframe[0].value
    assert by_district.loc["เมืองสระแก้ว"].sum() == 2
    assert by_district.loc["อรัญประเทศ"].sum() == 1


@pytest.mark.parametrize(
    "page", ["views/district_home.py", "views/committee_home.py", "views/province_home.py"]
)
def test_an_applicant_cannot_reach_a_staff_page(page):
    at = log_in("applicant-group")
    assert_unreachable(at, page)
    assert titles(at) == ["สวัสดี นางสาวมาลี ทองดี"]  # sent back to their own home
    assert not at.dataframe


@pytest.mark.parametrize("page", ["views/province_home.py", "views/applicant_home.py"])
def test_a_district_officer_cannot_reach_the_province_or_applicant_page(page):
    at = log_in("officer-muang")
    assert_unreachable(at, page)
    assert titles(at) == ["ผู้สมัครในอำเภอเมืองสระแก้ว"]
    assert "7 ขั้นตอนของคุณ" not in [s.value for s in at.subheader]
    assert not [m for m in at.metric if m.label.startswith("ผู้สมัคร ปีงบประมาณ")]


@pytest.mark.parametrize("page", sorted(ROLE_HOMES))
def test_a_logged_out_visitor_cannot_reach_any_role_home(page):
    at = new_app().run()
    assert_unreachable(at, page)
    assert "user_id" not in at.session_state
    assert titles(at) == ["ระบบมาตรฐานการพัฒนาชุมชน (มชช.)"]
    assert not at.dataframe
    assert not at.metric


def test_a_logged_out_visitor_cannot_reach_the_account_page():
    at = new_app().run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("views/account.py")


@pytest.mark.parametrize("username", [u.username for u in DEMO_USERS])
def test_the_account_page_shows_the_users_own_username(username):
    at = log_in(username)
    at.switch_page("views/account.py").run()
    assert not at.exception
    assert titles(at) == ["บัญชีของฉัน"]
    display_name = next(u.display_name for u in DEMO_USERS if u.username == username)
    assert f"**{display_name}** ({username})" in [m.value.split("  \n")[0] for m in at.markdown]


@pytest.mark.parametrize(
    ("username", "caption"),
    [
        ("officer-muang", "พัฒนากร สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว"),
        ("committee-aran", "คณะกรรมการ มชช. อำเภออรัญประเทศ"),
        ("applicant-group", "ผู้สมัคร"),
    ],
)
def test_the_sidebar_says_the_role_and_the_district_of_district_staff(username, caption):
    at = log_in(username)
    assert caption in [c.value for c in at.sidebar.caption]
