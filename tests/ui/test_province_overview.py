"""The province overview and audit search, and the chair's view of each member, via AppTest."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from streamlit.testing.v1 import AppTest

from core.roles import Role
from core.thai import be_year
from core.workflow import Status
from db.base import utcnow
from db.models import (
    Applicant,
    Application,
    AuditEvent,
    CommitteeEvaluation,
    EvaluationItem,
    User,
)
from services import auth, committee, development
from services.auth import hash_password
from services.clock import Clock
from services.committee import ItemInput
from tests.ui.conftest import log_in, texts

SEARCH = "views/audit_search.py"
NETWORK = "เครือข่ายเกษตรอินทรีย์อรัญประเทศ"
COMMUNITY = "ชุมชนบ้านท่าเกษม"


def _overdue_table(at: AppTest):  # type: ignore[no-untyped-def]
    return next(f.value for f in at.dataframe if "เลยกำหนดเรื่อง" in f.value.columns)


def test_the_province_home_shows_metrics_charts_and_the_overdue_section():
    at = log_in("province")
    assert not at.exception, at.exception
    labels = [m.label for m in at.metric]
    assert any(label.startswith("ผู้สมัคร ปีงบประมาณ") for label in labels)
    assert {"รอพัฒนากรตรวจสอบ", "กำลังพัฒนาตนเอง", "รอคณะกรรมการ"} <= set(labels)
    assert "แยกตามประเภทผู้สมัคร" in [s.value for s in at.subheader]
    assert "งานที่เลยกำหนด" in [s.value for s in at.subheader]
    by_type = at.dataframe[1].value
    assert by_type.loc["กลุ่ม/องค์กรชุมชน"].sum() == 1
    assert by_type.loc["เครือข่ายองค์กรชุมชน"].sum() == 1


def test_moving_the_demo_date_ahead_lists_the_network_waiting_for_its_officer():
    at = log_in("province")
    moved = Clock().today() + timedelta(days=40)
    at.text_input(key="demo_date").input(f"{moved.day}/{moved.month}/{be_year(moved)}").run()
    assert not at.exception, at.exception
    table = _overdue_table(at)
    row = table[table["ผู้สมัคร"] == NETWORK].iloc[0]
    assert row["อำเภอ"] == "อรัญประเทศ"
    assert row["เลยกำหนดเรื่อง"] == "ส่งใบสมัครแล้ว รอพัฒนากรตรวจสอบ เกิน 14 วัน"
    assert row["จำนวนวัน"] >= 40
    waiting = next(m for m in at.metric if m.label == "รอพัฒนากรตรวจสอบนานเกินกำหนด")
    assert int(waiting.value) >= 1


def _search_page() -> AppTest:
    at = log_in("province")  # the login itself is an event to find
    at.switch_page(SEARCH).run()
    assert not at.exception, at.exception
    return at


def test_the_audit_search_finds_the_provinces_own_login_and_filters_by_person_and_action():
    at = _search_page()
    assert [t.value for t in at.title] == ["ค้นหาบันทึกการใช้งาน"]
    assert "province" in list(at.dataframe[0].value["ชื่อผู้ใช้"])
    at.text_input[0].input("province")
    at.selectbox[0].set_value("login")
    at.button[0].click().run()
    assert not at.exception, at.exception
    table = at.dataframe[0].value
    assert len(table) >= 1
    assert set(table["ชื่อผู้ใช้"]) == {"province"}
    assert set(table["การทำรายการ"]) == {"เข้าสู่ระบบ"}
    assert set(table["บทบาท"]) == {"สำนักงานพัฒนาชุมชนจังหวัด"}


def test_a_search_nobody_matches_says_so_and_a_bad_date_is_refused():
    at = _search_page()
    at.text_input[0].input("ไม่มีใครชื่อนี้แน่นอน")
    at.button[0].click().run()
    assert "ไม่พบบันทึกที่ตรงกับเงื่อนไข" in texts(at)
    at.text_input(key="audit_from").input("31/02/2569")
    at.button[0].click().run()
    assert not at.exception
    assert any("ไม่มีวันที่นี้ในปฏิทิน" in e.value for e in at.error)


@pytest.mark.parametrize("username", ["officer-muang", "committee-muang", "applicant-group"])
def test_only_the_province_reaches_the_audit_search(username):
    at = log_in(username)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(SEARCH)


@pytest.fixture
def member_evaluation(demo_db: Session) -> Iterator[str]:
    """A second Mueang committee member who evaluated the community's submission."""
    now = utcnow()
    user = User(
        username="timeline-test-member",
        display_name="นางสาวกรรมการ ทดสอบ",
        role=Role.COMMITTEE,
        province_code="27",
        district_code="2701",
        password_hash=hash_password("unused-password-1"),
        sessions_valid_after=now,
        created_at=now,
    )
    demo_db.add(user)
    demo_db.commit()
    app_id = demo_db.scalar(
        select(Application.id)
        .join(Applicant)
        .where(Applicant.name == COMMUNITY, Application.status == Status.UNDER_REVIEW)
    )
    member = auth.actor_of(demo_db, user)
    items = [
        ItemInput(ind.id, n == 0, "มีบันทึกครบ" if n == 0 else "ยังไม่ถึงเป้า")
        for n, ind in enumerate(development.indicators(demo_db, member, app_id))
    ]
    committee.evaluate(
        demo_db,
        member,
        app_id,
        items=items,
        opinion="revise",
        comments="ควรเพิ่มหลักฐานการประชุม",
        expected_version=None,
        now=now,
    )
    yield user.display_name
    demo_db.rollback()
    evaluation_ids = select(CommitteeEvaluation.id).where(CommitteeEvaluation.member_id == user.id)
    demo_db.execute(delete(EvaluationItem).where(EvaluationItem.evaluation_id.in_(evaluation_ids)))
    demo_db.execute(delete(CommitteeEvaluation).where(CommitteeEvaluation.member_id == user.id))
    demo_db.execute(delete(AuditEvent).where(AuditEvent.actor_id == user.id))
    demo_db.execute(delete(User).where(User.id == user.id))
    demo_db.commit()


def test_the_chair_sees_each_members_name_opinion_and_indicator_by_indicator(member_evaluation):
    at = log_in("committee-muang")
    at.switch_page("views/review.py").run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert any(h.value.startswith("ผลการประเมินของกรรมการ (") for h in at.subheader)
    assert f"**{member_evaluation}** — ควรปรับปรุงแก้ไข" in [m.value for m in at.markdown]
    assert "กรรมการ #" not in shown
    assert "ควรเพิ่มหลักฐานการประชุม" in [t.value for t in at.text]
    table = next(f.value for f in at.dataframe if member_evaluation in f.value.columns)
    column = list(table[member_evaluation])
    assert column[0] == "✅ บรรลุ — มีบันทึกครบ"
    assert column[1] == "❌ ยังไม่บรรลุ — ยังไม่ถึงเป้า"
    assert "ครัวเรือนทำบัญชีครัวเรือน" in list(table.index)  # the community's first indicator


def test_the_timeline_is_on_the_review_page(member_evaluation):
    at = log_in("committee-muang")
    at.switch_page("views/review.py").run()
    assert "ความเคลื่อนไหวของใบสมัคร" in [e.label for e in at.expander]
    assert f"**กรรมการบันทึกผลการประเมิน** — {member_evaluation}" in " ".join(
        m.value for m in at.markdown
    )


def test_the_applicant_home_has_the_timeline_of_the_current_application():
    at = log_in("applicant-group")
    assert not at.exception, at.exception
    assert "ความเคลื่อนไหวของใบสมัคร" in [e.label for e in at.expander]
