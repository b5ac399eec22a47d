from __future__ import annotations

import os
import uuid

from core.roles import Role
from db.base import utcnow
from db.engine import make_engine, session_factory
from services import users
from tests.ui.conftest import log_in, new_app, texts


def test_public_page_explains_both_names_types_and_steps():
    at = new_app().run()
    assert not at.exception
    body = texts(at)
    assert "ระบบมาตรฐานการพัฒนาชุมชน (มชช.)" in body
    assert "ระบบมาตรฐานงานชุมชน" in body
    for label in ("ผู้นำชุมชน", "กลุ่ม/องค์กรชุมชน", "เครือข่ายองค์กรชุมชน"):
        assert label in [e.label for e in at.expander]
    assert "สรุปผลการประเมินตนเอง" in body
    assert "เปิดรับสมัคร" in body  # the demo round is open


def test_wrong_password_shows_a_thai_message_without_hints():
    at = log_in("officer-muang", "not-the-password")
    assert [e.value for e in at.error] == ["ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"]
    assert "user_id" not in at.session_state


def test_login_page_lists_demo_accounts_in_demo_mode():
    at = new_app().run()
    at.switch_page("views/login.py").run()
    assert "committee-muang" in texts(at) or any(
        "committee-muang" in str(t.value) for t in at.table
    )


def test_logout_returns_to_the_public_menu():
    at = log_in("province")
    assert "user_id" in at.session_state
    at.sidebar.button[0].click().run()
    assert "user_id" not in at.session_state
    at.run()
    assert [b.label for b in at.sidebar.button] == []
    assert "ระบบมาตรฐานการพัฒนาชุมชน (มชช.)" in texts(at)


def test_a_disabled_account_is_told_so_and_whom_to_ask_only_after_its_right_password():
    username = f"off-{uuid.uuid4().hex[:10]}"
    engine = make_engine(os.environ["DATABASE_URL"])
    with session_factory(engine)() as db:
        user = users.create_user(
            db,
            None,
            username=username,
            display_name="นายปิด ใช้งาน",
            password="Khlong-Hat-2569",
            role=Role.COMMITTEE,
            province_code="27",
            district_code="2702",
            now=utcnow(),
        )
        user.active = False
        db.commit()
    engine.dispose()

    wrong = log_in(username, "not-the-password")
    assert [e.value for e in wrong.error] == ["ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"]
    right = log_in(username, "Khlong-Hat-2569")
    assert [e.value for e in right.error] == [
        "บัญชีนี้ถูกปิดใช้งานแล้ว จึงเข้าสู่ระบบไม่ได้ หากต้องการใช้งานต่อ กรุณาติดต่อสำนักงานพัฒนาชุมชนจังหวัดสระแก้ว"
    ]
    assert "user_id" not in right.session_state


def test_the_public_page_announces_the_round_with_each_districts_office():
    at = new_app().run()
    assert not at.exception, at.exception
    announced = "\n".join(s.value for s in at.success) + "\n".join(i.value for i in at.info)
    assert "รับสมัคร" in announced and "ประเมินตนเองทุก" in announced
    offices = next(e for e in at.expander if e.label.startswith("อำเภอที่เข้าร่วมและสำนักงาน"))
    listed = "\n".join(m.value for m in offices.markdown)
    assert "**อำเภอเมืองสระแก้ว**" in listed
    assert "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว · โทร [03\\-742\\-5101](tel:037425101)" in listed
