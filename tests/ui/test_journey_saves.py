"""Saving through the step screens: what is typed reaches the service, bad input changes nothing."""

from __future__ import annotations

from tests.ui.conftest import log_in, texts


def _field(widgets, label_part: str):  # type: ignore[no-untyped-def]
    return next(w for w in widgets if label_part in w.label)


def _button(at, label: str):  # type: ignore[no-untyped-def]
    return next(b for b in at.button if b.label == label)


def test_an_indicator_typed_on_the_screen_is_saved():
    at = log_in("applicant-group")
    at.switch_page("views/indicators.py").run()
    before = len(at.expander)
    new_title = next(
        w for w in at.text_input if (w.key or "").startswith("new_") and w.label.startswith("ตัวชี้วัด")
    )
    new_title.input("เยาวชนมาร่วมกิจกรรมทุกเดือน")
    _button(at, "เพิ่มตัวชี้วัด").click().run()
    at.run()  # the rerun after a save shows the saved list
    assert not at.exception
    assert len(at.expander) == before + 1


def test_an_indicator_without_a_title_is_refused_in_thai():
    at = log_in("applicant-group")
    at.switch_page("views/indicators.py").run()
    before = len(at.expander)
    _button(at, "เพิ่มตัวชี้วัด").click().run()
    assert any("กรุณากรอกชื่อตัวชี้วัด" in e.value for e in at.error)
    assert len(at.expander) == before


def test_a_village_number_that_is_not_a_number_blocks_the_save_and_keeps_the_text():
    at = log_in("applicant-leader")
    at.switch_page("views/apply.py").run()
    _field(at.text_input, "หมู่ที่").input("สาม")
    _button(at, "บันทึกร่าง").click().run()
    assert any("หมู่ที่" in e.value for e in at.error)
    assert _field(at.text_input, "หมู่ที่").value == "สาม"


def test_a_date_in_the_wrong_form_blocks_the_save_with_its_reason():
    at = log_in("applicant-leader")
    at.switch_page("views/apply.py").run()
    _field(at.text_input, "อาศัยอยู่ในชุมชนตั้งแต่วันที่").input("1/5/2010")
    _button(at, "บันทึกร่าง").click().run()
    assert any("พุทธศักราช" in e.value for e in at.error)


def test_thai_digits_in_a_date_are_read():
    at = log_in("applicant-leader")
    at.switch_page("views/apply.py").run()
    _field(at.text_input, "อาศัยอยู่ในชุมชนตั้งแต่วันที่").input("๑/๕/๒๕๕๓")
    _button(at, "บันทึกร่าง").click().run()
    at.run()
    assert not at.error
    assert "1 พฤษภาคม 2553" in texts(at)


def test_a_second_tab_saving_over_a_newer_indicator_is_refused_and_shown_the_current_text():
    first, second = log_in("applicant-group"), log_in("applicant-group")
    for at in (first, second):
        at.switch_page("views/indicators.py").run()
    key = next(
        w.key
        for w in first.text_input
        if (w.key or "").endswith("_title") and (w.key or "").startswith("ind_")
    )
    first.text_input(key=key).input("แท็บแรกแก้แล้ว")
    next(b for b in first.button if b.label == "บันทึกการแก้ไข").click().run()
    second.text_input(key=key).input("แท็บสองแก้ทับ")
    next(b for b in second.button if b.label == "บันทึกการแก้ไข").click().run()
    assert any("ถูกแก้ไขโดยผู้อื่น" in w.value for w in second.warning)
    assert second.text_input(key=key).value == "แท็บแรกแก้แล้ว"


def test_deleting_an_indicator_asks_first_and_cancel_keeps_it():
    at = log_in("applicant-group")
    at.switch_page("views/indicators.py").run()
    before = len(at.expander)
    delete = next(b for b in at.button if b.label == "ลบตัวชี้วัดนี้")
    delete.click().run()
    assert any("ย้อนกลับไม่ได้" in w.value for w in at.warning)
    next(b for b in at.button if b.label == "ยกเลิก").click().run()
    assert len(at.expander) == before
    assert not any("ย้อนกลับไม่ได้" in w.value for w in at.warning)
