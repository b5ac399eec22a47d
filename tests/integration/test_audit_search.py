from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from core.errors import InvalidInput, LoginFailed, PermissionDenied
from core.roles import Role
from db.models import Advisor, AuditEvent
from services import audit, audit_search, auth
from tests.factories import PASSWORD, make_application, make_round, make_user

# 24 Nov 2569 in Bangkok runs from 23 Nov 17:00 to 24 Nov 17:00 UTC.
DAY_START = datetime(2026, 11, 23, 17, 0)
POLICY = auth.Lockout()


def _user(db, role, username, name, *, province="27", district="2701"):  # type: ignore[no-untyped-def]
    user = make_user(db, role, province=province, district=district, username=username)
    user.display_name = name
    db.flush()
    return user


@pytest.fixture
def world(db):
    """Sa Kaeo (27) and Bangkok (10), each with an application and some events."""
    here_round, there_round = make_round(db, fy=2570), make_round(db, fy=2570, province="10")
    w = {
        "province": _user(db, Role.PROVINCE_OFFICER, "prov-sk", "นางจังหวัด สระแก้ว", district=None),
        "owner": _user(db, Role.APPLICANT, "somchai", "นายสมชาย ใจดี"),
        "officer": _user(db, Role.DISTRICT_OFFICER, "officer-muang-t", "นางสาวพิมพ์ใจ พัฒนากร"),
        "advisor": _user(
            db, Role.ADVISOR, "advisor-t", "นายวิชัย ปัญญาดี", province=None, district=None
        ),
        "far": _user(
            db, Role.APPLICANT, "bkk-user", "นายกรุงเทพ ไกลบ้าน", province="10", district="1001"
        ),
        "far_province": _user(
            db, Role.PROVINCE_OFFICER, "prov-bkk", "นายจังหวัด กรุงเทพ", province="10", district=None
        ),
    }
    here = make_application(db, w["owner"], here_round, name="กลุ่มทอผ้าบ้านหนองบัว")
    db.add(Advisor(application_id=here.id, name="นายวิชัย", user_id=w["advisor"].id))
    there = make_application(db, w["far"], there_round, district="1001", name="กลุ่มกรุงเทพ")
    actor = {k: auth.actor_of(db, u) for k, u in w.items()}

    def at(hours: float) -> datetime:
        return DAY_START + timedelta(hours=hours)

    audit.record(db, actor["owner"], "application_started", at=at(1), application_id=here.id)
    audit.record(
        db,
        actor["officer"],
        "document_uploaded",
        at=at(2),
        application_id=here.id,
        on_behalf_of_id=w["owner"].id,
        code="application_form",
    )
    audit.record(db, actor["owner"], "application_submitted", at=at(3), application_id=here.id)
    audit.record(
        db, actor["officer"], "login", at=at(-0.5), entity="user", entity_id=w["officer"].id
    )
    audit.record(db, actor["advisor"], "login", at=at(4), entity="user", entity_id=w["advisor"].id)
    audit.record(db, actor["far"], "application_started", at=at(2), application_id=there.id)
    audit.record(db, actor["far"], "login", at=at(2), entity="user", entity_id=w["far"].id)
    db.commit()
    with pytest.raises(LoginFailed):  # a real failed login: no actor, about the officer's account
        auth.authenticate(db, "officer-muang-t", PASSWORD + "x", now=at(5), policy=POLICY)
    with pytest.raises(LoginFailed):
        auth.authenticate(db, "bkk-user", PASSWORD + "x", now=at(5), policy=POLICY)
    return w, actor, here, there


def _search(db, actor, **kw):  # type: ignore[no-untyped-def]
    rows, total = audit_search.search(db, actor, **kw)
    return rows, total


def test_the_province_sees_its_own_events_newest_first_and_never_another_provinces(db, world):
    _, actor, here, there = world
    rows, total = _search(db, actor["province"])
    assert [(r.action, r.actor_username) for r in rows] == [
        ("login_failed", None),
        ("login", "advisor-t"),  # an advisor counts where they advise
        ("application_submitted", "somchai"),
        ("document_uploaded", "officer-muang-t"),
        ("application_started", "somchai"),
        ("login", "officer-muang-t"),
    ]
    assert total == 6
    assert there.id not in {r.application_id for r in rows}
    far, _ = _search(db, actor["far_province"])
    assert {r.actor_username for r in far} == {"bkk-user", None}
    assert here.id not in {r.application_id for r in far}
    assert "advisor-t" not in {r.actor_username for r in far}


def test_a_row_names_the_person_the_role_the_applicant_and_who_was_helped(db, world):
    _, actor, here, _ = world
    [row] = _search(db, actor["province"], action="document_uploaded")[0]
    assert (row.actor_name, row.actor_role) == (
        "นางสาวพิมพ์ใจ พัฒนากร",
        "พัฒนากร (สำนักงานพัฒนาชุมชนอำเภอ)",
    )
    assert row.on_behalf_of == "นายสมชาย ใจดี"
    assert (row.application_id, row.applicant_name) == (here.id, "กลุ่มทอผ้าบ้านหนองบัว")
    assert row.action_label == "แนบเอกสารประกอบใบสมัคร"
    assert row.detail == "ใบสมัคร"
    [failed] = _search(db, actor["province"], action="login_failed")[0]
    assert failed.actor_name is None
    assert failed.detail == "บัญชีของ นางสาวพิมพ์ใจ พัฒนากร (officer-muang-t)"


def test_person_matches_username_or_name_parts_including_who_was_helped(db, world):
    _, actor, _, _ = world
    by_username = _search(db, actor["province"], person="MUANG-T")[0]
    assert {r.action for r in by_username} == {"document_uploaded", "login", "login_failed"}
    by_name = _search(db, actor["province"], person="สมชาย")[0]
    assert {r.action for r in by_name} == {
        "application_started",
        "application_submitted",
        "document_uploaded",  # done for him
    }
    assert _search(db, actor["province"], person="%")[1] == 0  # typed wildcards are plain text
    assert _search(db, actor["province"], person="กรุงเทพ")[1] == 0


def test_action_and_application_filters(db, world):
    _, actor, here, there = world
    rows, total = _search(db, actor["province"], action="login")
    assert total == 2 and {r.action for r in rows} == {"login"}
    rows, total = _search(db, actor["province"], application_id=here.id)
    assert total == 3 and {r.application_id for r in rows} == {here.id}
    assert _search(db, actor["province"], application_id=there.id) == ([], 0)


def test_dates_are_whole_days_in_thai_time(db, world):
    _, actor, _, _ = world
    day = date(2026, 11, 24)
    rows, total = _search(db, actor["province"], date_from=day, date_to=day)
    assert total == 5  # the officer's login at 23:30 Thai time the evening before is out
    assert "officer-muang-t" not in {r.actor_username for r in rows if r.action == "login"}
    assert _search(db, actor["province"], date_to=day - timedelta(days=1))[1] == 1
    assert _search(db, actor["province"], date_from=day + timedelta(days=1))[1] == 0


def test_pages_split_the_result_without_gaps(db, world):
    _, actor, _, _ = world
    everything, _ = _search(db, actor["province"])
    pages = [_search(db, actor["province"], page=n, page_size=4) for n in (1, 2, 3)]
    assert [len(rows) for rows, _ in pages] == [4, 2, 0]
    assert {total for _, total in pages} == {6}
    assert [r.event_id for rows, _ in pages for r in rows] == [r.event_id for r in everything]


def test_bad_filters_are_refused_in_thai(db, world):
    _, actor, _, _ = world
    with pytest.raises(InvalidInput, match="วันที่เริ่ม"):
        _search(db, actor["province"], date_from=date(2026, 11, 25), date_to=date(2026, 11, 24))
    with pytest.raises(InvalidInput, match="หน้า"):
        _search(db, actor["province"], page=0)
    with pytest.raises(InvalidInput, match="หน้า"):
        _search(db, actor["province"], page_size=10_000)


@pytest.mark.parametrize("who", ["owner", "officer", "advisor"])
def test_roles_other_than_the_province_are_refused(db, world, who):
    _, actor, _, _ = world
    with pytest.raises(PermissionDenied):
        _search(db, actor[who])
    with pytest.raises(PermissionDenied):
        audit_search.export_csv(db, actor[who], now=DAY_START)


def test_a_committee_member_is_refused(db, world):
    member = auth.actor_of(db, make_user(db, Role.COMMITTEE))
    with pytest.raises(PermissionDenied):
        _search(db, member)


def test_the_csv_holds_the_filtered_events_in_thai_and_its_download_is_recorded(db, world):
    _, actor, here, _ = world
    data = audit_search.export_csv(db, actor["province"], person="สมชาย", now=DAY_START)
    assert data.startswith("\ufeff".encode())
    lines = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert lines[0][:2] == ["เวลา (เวลาประเทศไทย)", "ผู้ทำรายการ"]
    assert len(lines) == 4
    assert lines[-1][0] == "24/11/2569 01:00:00"  # the oldest last, in Thai time
    assert lines[-1][5] == "เริ่มกรอกใบสมัคร"
    assert lines[-1][7] == str(here.id)
    recorded = db.scalar(select(AuditEvent).where(AuditEvent.action == "audit_log_exported"))
    assert recorded is not None and recorded.actor_id == actor["province"].user_id
    assert '"person": "สมชาย"' in recorded.detail


def test_typed_text_cannot_become_a_spreadsheet_formula(db, world):
    w, actor, _, _ = world
    w["owner"].display_name = "=HYPERLINK(1)"
    db.flush()
    data = audit_search.export_csv(
        db, actor["province"], action="application_started", now=DAY_START
    )
    assert "'=HYPERLINK(1)" in data.decode("utf-8-sig")


def test_a_backwards_date_range_is_refused_and_exports_nothing(db, world):
    _, actor, _, _ = world
    audit_search.check_dates(date(2026, 11, 24), date(2026, 11, 24))  # one whole day is fine
    audit_search.check_dates(None, date(2026, 11, 24))
    with pytest.raises(InvalidInput, match="วันที่เริ่มต้นต้องไม่อยู่หลังวันที่สิ้นสุด"):
        audit_search.check_dates(date(2026, 11, 25), date(2026, 11, 24))
    with pytest.raises(InvalidInput, match="วันที่เริ่มต้น"):
        audit_search.export_csv(
            db,
            actor["province"],
            date_from=date(2026, 11, 25),
            date_to=date(2026, 11, 24),
            now=DAY_START,
        )
    exported = select(AuditEvent).where(AuditEvent.action == "audit_log_exported")
    assert db.scalar(exported) is None
