"""Each step screen renders for an applicant, shows their data, and saves through the service."""

from __future__ import annotations

import pytest

from tests.ui.conftest import log_in, texts

STEP_PAGES = [
    "views/apply.py",
    "views/indicators.py",
    "views/plan.py",
    "views/develop.py",
    "views/assess.py",
    "views/summary.py",
    "views/submit.py",
    "views/inbox.py",
]


@pytest.mark.parametrize("page", STEP_PAGES)
@pytest.mark.parametrize("username", ["applicant-leader", "applicant-group", "applicant-community"])
def test_every_step_page_renders_for_applicants_in_different_states(username, page):
    at = log_in(username)
    at.switch_page(page).run()
    assert not at.exception, at.exception


def test_the_group_sees_its_indicators_and_plan():
    at = log_in("applicant-group")
    at.switch_page("views/indicators.py").run()
    assert "สมาชิกเข้าร่วมประชุมประจำเดือน" in [e.label.split(". ", 1)[-1] for e in at.expander]
    at.switch_page("views/plan.py").run()
    assert any("ประชุมสมาชิกและทำบัญชีทุกเดือน" in e.label for e in at.expander)


def test_the_leader_draft_lists_what_is_missing():
    at = log_in("applicant-leader")
    at.switch_page("views/apply.py").run()
    body = texts(at) + "\n".join(w.value for w in at.warning)
    assert "ยังไม่ได้แนบ: สำเนาบัตรประชาชน" in body


def test_the_community_under_review_cannot_edit_its_summary():
    at = log_in("applicant-community")
    at.switch_page("views/summary.py").run()
    assert any("แก้ไขไม่ได้" in i.value for i in at.info)
    summary_fields = [t for t in at.text_area if t.label != "แสดงความเห็นใหม่"]
    assert len(summary_fields) == 3 and all(t.disabled for t in summary_fields)


def test_the_officer_verification_page_shows_the_districts_waiting_application():
    at = log_in("officer-aran")
    at.switch_page("views/verify.py").run()
    assert not at.exception, at.exception
    assert "เครือข่ายเกษตรอินทรีย์อรัญประเทศ" in [s.value for s in at.subheader]


def test_the_muang_officer_has_nothing_waiting_and_cannot_pick_an_aran_application():
    at = log_in("officer-muang")
    at.switch_page("views/verify.py").run()
    assert not at.exception
    assert "เครือข่ายเกษตรอินทรีย์อรัญประเทศ" not in texts(at)
    assert at.selectbox == [] or all("อรัญ" not in o for s in at.selectbox for o in s.options)


def test_the_advisor_reads_the_groups_indicators_and_can_only_comment():
    at = log_in("advisor")
    at.switch_page("views/advise.py").run()
    assert not at.exception, at.exception
    assert "สมาชิกเข้าร่วมประชุมประจำเดือน" in texts(at)
    comment_controls = {"แสดงความเห็นใหม่", "ตอบกลับ", "ส่งความเห็น", "ส่งคำตอบ", "ปิดเรื่องนี้"}
    labels = {w.label for w in [*at.main.text_input, *at.main.text_area, *at.main.button]}
    assert labels <= comment_controls
    assert at.main.text_area  # the comment box is there


def test_the_advisor_comments_and_the_applicant_sees_the_thread():
    at = log_in("advisor")
    at.switch_page("views/advise.py").run()
    box = next(t for t in at.text_area if t.label == "แสดงความเห็นใหม่")
    box.input("ลองกำหนดค่าฐานเป็นตัวเลข")
    next(
        b
        for b in at.button
        if b.label == "ส่งความเห็น" and b.key == box.key.replace("_new_", "_new_send_")
    ).click().run()
    assert not at.exception, at.exception
    owner = log_in("applicant-group")
    owner.switch_page("views/indicators.py").run()
    assert "ลองกำหนดค่าฐานเป็นตัวเลข" in [t.value for t in owner.text]


def test_the_muang_chair_sees_the_community_submission_and_both_forms():
    at = log_in("committee-muang")
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    assert "ชุมชนบ้านท่าเกษม" in texts(at)
    headers = [h.value for h in at.header]
    assert "การประเมินของฉัน" in headers and "มติคณะกรรมการ (ประธาน)" in headers


def test_the_aran_committee_has_no_muang_submission():
    at = log_in("committee-aran")
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    assert "ชุมชนบ้านท่าเกษม" not in texts(at)


def test_the_officer_follows_any_muang_application_with_its_timeline_but_no_aran_one():
    at = log_in("officer-muang")
    at.switch_page("views/verify.py").run()
    at.radio(key="verify_mode").set_value("all").run()
    assert not at.exception, at.exception
    [picker] = [s for s in at.selectbox if s.label == "ใบสมัครในอำเภอ"]
    assert any("กลุ่มทอผ้าบ้านหนองบัว" in o for o in picker.options)
    assert not any("อรัญ" in o for o in picker.options)
    assert "ความเคลื่อนไหวของใบสมัคร" in [e.label for e in at.expander]


def test_the_summary_lists_each_indicator_with_its_rounds_in_words():
    at = log_in("applicant-community")
    at.switch_page("views/summary.py").run()
    shown = texts(at)
    assert "ครัวเรือนทำบัญชีครัวเรือน" in shown
    assert "รอบ 1 25%" in shown and "รอบ 4 100%" in shown
