"""The district officer's screens: the dashboard, filling in for an applicant, advisors."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

import settings
from db.engine import make_engine, session_factory
from services.auth import find_user
from tests.ui.conftest import log_in, texts

LEADER = "นายสมชาย ใจดี"  # applicant-leader's display name (Mueang, a draft)
COMMUNITY = "ชุมชนบ้านท่าเกษม"  # last year's round, with the committee
STEP_PAGE = "views/apply.py"


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def open_on_behalf(username: str = "officer-muang") -> AppTest:
    at = log_in(username)
    at.switch_page("views/on_behalf.py").run()
    assert not at.exception, at.exception
    return at


def user_id(username: str) -> int:
    engine = make_engine(settings.get().database_url)
    try:
        with session_factory(engine)() as db:
            return find_user(db, username).id
    finally:
        engine.dispose()


def start_acting_for(at: AppTest, username: str) -> AppTest:
    picker = next(s for s in at.selectbox if s.label == "เลือกผู้สมัครที่จะกรอกแทน")
    picker.set_value(user_id(username)).run()
    button(at, "เริ่มกรอกแทน").click().run()
    assert not at.exception, at.exception
    return at


def test_the_officer_home_shows_the_work_and_the_counts_by_type_and_status():
    at = log_in("officer-muang")
    assert not at.exception, at.exception
    assert metric(at, "ผู้สมัครทั้งหมด") == "4"
    assert metric(at, "รอคณะกรรมการพิจารณา") == "1"
    subheaders = [s.value for s in at.subheader]
    for heading in ("รอคุณตรวจสอบ", "เลยกำหนดประเมินตนเอง", "เตรียมประชุมคณะกรรมการ"):
        assert heading in subheaders
    counts = at.table[0].value  # this fiscal year's round: the leader's draft, the group
    assert counts.loc["ผู้นำชุมชน", "กำลังกรอกใบสมัคร"] == 1
    assert counts.loc["กลุ่ม/องค์กรชุมชน", "รวม"] == 1
    assert counts["รวม"].sum() == 2
    meeting = next(f.value for f in at.dataframe if "กรรมการประเมินแล้ว (คน)" in f.value.columns)
    assert list(meeting["ผู้สมัคร"]) == [COMMUNITY]
    assert any(b.label.startswith("ดาวน์โหลดรายการเสนอที่ประชุม") for b in at.get("download_button"))


def test_the_officer_picks_last_years_round_and_sees_its_counts():
    at = log_in("officer-muang")
    years = next(s for s in at.selectbox if s.label == "ปีงบประมาณ")
    assert years.options == ["ปีงบประมาณ 2570", "ปีงบประมาณ 2569"] or len(years.options) == 2
    years.set_value(int(years.options[1].split()[-1])).run()  # newest first: last year's
    assert not at.exception, at.exception
    counts = at.table[0].value
    assert counts.loc["ชุมชน", "รวม"] == 1  # under review
    assert counts.loc["กลุ่ม/องค์กรชุมชน", "รวม"] == 1  # the savings group, passed
    assert counts["รวม"].sum() == 2


def test_the_officer_creates_an_account_for_a_paper_applicant_and_sees_it_once():
    at = open_on_behalf()
    assert [t.value for t in at.title] == ["กรอกแทนผู้สมัคร"]
    fields = {t.label: t for t in at.text_input}
    fields["ชื่อ-นามสกุล ผู้ประสานงานของผู้สมัคร"].input("นางบัวผัน ใจงาม")
    fields["เบอร์โทรศัพท์"].input("0812223333")
    fields["ชื่อผู้ใช้ (ไม่บังคับ)"].input("buaphan-ui")
    next(c for c in at.checkbox if "ประกาศความเป็นส่วนตัว" in c.label).check()
    button(at, "สร้างบัญชี").click().run()
    assert not at.exception, at.exception
    assert any("นางบัวผัน ใจงาม" in s.value for s in at.success)
    codes = [c.value for c in at.code]
    assert codes[0] == "buaphan-ui" and len(codes[1]) >= 12
    listed = next(f.value for f in at.dataframe if "ชื่อผู้ใช้" in f.value.columns)
    assert "buaphan-ui" in list(listed["ชื่อผู้ใช้"])
    at.run()  # the password is not shown again
    assert not at.code


def test_a_paper_account_with_a_bad_phone_is_refused_in_thai():
    at = open_on_behalf()
    fields = {t.label: t for t in at.text_input}
    fields["ชื่อ-นามสกุล ผู้ประสานงานของผู้สมัคร"].input("นายทดสอบ ไม่มีเบอร์")
    fields["เบอร์โทรศัพท์"].input("12")
    next(c for c in at.checkbox if "ประกาศความเป็นส่วนตัว" in c.label).check()
    button(at, "สร้างบัญชี").click().run()
    assert any("เบอร์โทรศัพท์" in e.value for e in at.error)
    assert not at.code


def test_the_step_pages_are_not_the_officers_until_acting():
    at = log_in("officer-muang")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(STEP_PAGE)


def test_acting_shows_the_seven_steps_and_the_banner_and_stopping_hides_them():
    at = start_acting_for(open_on_behalf(), "applicant-leader")
    assert f"คุณกำลังกรอกแทน **{LEADER}**" in warnings(at)
    assert any("เริ่มกรอกแทน" in s.value for s in at.success)
    at.switch_page(STEP_PAGE).run()
    assert not at.exception, at.exception
    assert "ยังไม่ได้แนบ: สำเนาบัตรประชาชน" in warnings(at) + texts(at)  # the leader's own draft
    assert "พัฒนากร" in warnings(at) and "ดำเนินการแทน" in warnings(at)
    for page in ("views/indicators.py", "views/submit.py"):
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert f"คุณกำลังกรอกแทน **{LEADER}**" in warnings(at)
    at.switch_page("views/district_home.py").run()  # the officer's own pages say it too
    assert f"คุณกำลังกรอกแทน **{LEADER}**" in warnings(at)

    at.button(key="stop_acting").click().run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["กรอกแทนผู้สมัคร"]
    assert "คุณกำลังกรอกแทน" not in warnings(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(STEP_PAGE)


def test_acting_for_an_applicant_who_is_no_longer_allowed_is_dropped():
    at = start_acting_for(open_on_behalf(), "applicant-leader")
    at.session_state["acting_for"] = 10_000  # an id this officer may not act for
    at.run()
    assert "คุณกำลังกรอกแทน" not in warnings(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(STEP_PAGE)


def test_the_aran_officer_cannot_act_for_a_muang_applicant():
    at = open_on_behalf("officer-aran")
    picker = next(s for s in at.selectbox if s.label == "เลือกผู้สมัครที่จะกรอกแทน")
    assert not any("(applicant-leader)" in o for o in picker.options)
    assert any("(applicant-network)" in o for o in picker.options)


def test_the_officer_assigns_advisors_from_their_page():
    at = log_in("officer-muang")
    at.switch_page("views/assign_advisors.py").run()
    assert not at.exception, at.exception
    assert [t.value for t in at.title] == ["มอบหมายที่ปรึกษา"]
    picker = next(s for s in at.selectbox if s.label == "ผู้สมัคร")
    assert not any(COMMUNITY in o for o in picker.options)  # with the committee already
    assert any(LEADER in o for o in picker.options)
