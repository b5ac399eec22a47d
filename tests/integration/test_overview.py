from __future__ import annotations

from datetime import date, datetime

import pytest

from core.applicant_types import ApplicantType
from core.errors import PermissionDenied
from core.roles import Role
from core.workflow import Status
from db.models import Assessment
from services import auth, overview
from services.overview import Late
from tests.factories import make_application, make_round, make_user

TODAY = date(2026, 11, 24)


@pytest.fixture
def province(db):
    """Applications of Sa Kaeo in this year's and last year's rounds, plus one in Bangkok."""
    this, last = make_round(db, fy=2570), make_round(db, fy=2569)
    elsewhere = make_round(db, fy=2570, province="10")

    def app(rnd, name, kind, status, district="2701", **fields):  # type: ignore[no-untyped-def]
        owner = make_user(db, province=district[:2], district=district)
        a = make_application(db, owner, rnd, kind=kind, district=district, status=status, name=name)
        for key, value in fields.items():
            setattr(a, key, value)
        db.flush()
        return a

    g, lead, net, com = (
        ApplicantType.GROUP,
        ApplicantType.LEADER,
        ApplicantType.NETWORK,
        ApplicantType.COMMUNITY,
    )
    apps = {
        "waiting_long": app(
            this, "กลุ่มรอนาน", g, Status.SUBMITTED, submitted_at=datetime(2026, 11, 1, 2)
        ),
        "waiting_new": app(
            this, "นายเพิ่งส่ง", lead, Status.SUBMITTED, submitted_at=datetime(2026, 11, 20, 2)
        ),
        "late_round": app(
            this, "เครือข่ายลืมประเมิน", net, Status.ACCEPTED, "2706", plan_start=date(2026, 7, 1)
        ),
        "on_time": app(this, "กลุ่มประเมินแล้ว", g, Status.ACCEPTED, plan_start=date(2026, 7, 1)),
        "with_committee": app(
            this,
            "ชุมชนรอมติ",
            com,
            Status.UNDER_REVIEW,
            "2706",
            to_committee_at=datetime(2026, 10, 1, 2),
        ),
        "passed": app(this, "กลุ่มผ่านแล้ว", g, Status.PASSED, submitted_at=datetime(2026, 1, 1)),
        "last_year": app(
            last, "ชุมชนปีก่อน", com, Status.UNDER_REVIEW, to_committee_at=datetime(2026, 3, 1)
        ),
        "bangkok": app(
            elsewhere, "กลุ่มกรุงเทพ", g, Status.SUBMITTED, "1001", submitted_at=datetime(2026, 1, 1)
        ),
    }
    db.add(
        Assessment(
            application_id=apps["on_time"].id,
            number=1,
            due_on=date(2026, 10, 1),
            submitted_at=datetime(2026, 10, 5),
        )
    )
    db.flush()
    officer = make_user(db, Role.PROVINCE_OFFICER, district=None)
    return auth.actor_of(db, officer), apps


def test_counts_by_district_type_and_status_for_the_year(db, province):
    actor, _ = province
    counts = overview.counts(db, actor, "27", 2570)
    assert counts.total == 6
    assert list(counts.by_district_status)[:2] == ["2701", "2702"]
    assert len(counts.by_district_status) == 9  # every Sa Kaeo district, even with none
    assert counts.by_district_status["2701"] == {
        Status.SUBMITTED: 2,
        Status.ACCEPTED: 1,
        Status.PASSED: 1,
    }
    assert counts.by_district_status["2706"] == {Status.ACCEPTED: 1, Status.UNDER_REVIEW: 1}
    assert sum(counts.by_district_status["2709"].values()) == 0
    assert counts.by_type_status[ApplicantType.GROUP] == {
        Status.SUBMITTED: 1,
        Status.ACCEPTED: 1,
        Status.PASSED: 1,
    }
    assert counts.by_status[Status.SUBMITTED] == 2
    assert overview.counts(db, actor, "27", 2569).total == 1


def test_the_overdue_list_names_what_is_late_and_since_when(db, province):
    actor, _ = province
    rows = overview.overdue(db, actor, "27", TODAY)
    found = {(r.applicant_name, r.kind): r for r in rows}
    assert set(found) == {
        ("ชุมชนปีก่อน", Late.COMMITTEE),
        ("เครือข่ายลืมประเมิน", Late.ASSESSMENT),
        ("ชุมชนรอมติ", Late.COMMITTEE),
        ("กลุ่มรอนาน", Late.OFFICER),
    }
    assert rows[0].applicant_name == "ชุมชนปีก่อน"  # the longest wait first
    waiting = found[("กลุ่มรอนาน", Late.OFFICER)]
    assert (waiting.since, waiting.days, waiting.district) == (date(2026, 11, 1), 23, "เมืองสระแก้ว")
    assert waiting.what == "ส่งใบสมัครแล้ว รอพัฒนากรตรวจสอบ เกิน 14 วัน"
    assessing = found[("เครือข่ายลืมประเมิน", Late.ASSESSMENT)]
    assert assessing.since == date(2026, 10, 1)
    assert assessing.what == "ประเมินตนเองรอบที่ 1 เลยกำหนด"
    assert assessing.district == "อรัญประเทศ" and assessing.type_label == "เครือข่ายองค์กรชุมชน"
    assert found[("ชุมชนปีก่อน", Late.COMMITTEE)].fiscal_year == 2569


def test_moving_today_changes_what_is_overdue(db, province):
    actor, _ = province
    early = {r.applicant_name for r in overview.overdue(db, actor, "27", date(2026, 11, 10))}
    assert "กลุ่มรอนาน" not in early  # 9 days: still within the officer's 14
    october = {r.applicant_name for r in overview.overdue(db, actor, "27", date(2026, 10, 30))}
    assert "เครือข่ายลืมประเมิน" not in october  # round 1 (due 1 Oct) is open for 30 days
    assert "เครือข่ายลืมประเมิน" in early
    late = overview.overdue(db, actor, "27", date(2027, 2, 15))
    network = [r for r in late if r.applicant_name == "เครือข่ายลืมประเมิน"]
    assert [r.what for r in network] == ["ประเมินตนเองรอบที่ 1 เลยกำหนด (ค้าง 2 รอบ)"]
    assert "กลุ่มประเมินแล้ว" in {r.applicant_name for r in late}  # its round 2 is late now


def test_an_application_late_in_two_ways_is_listed_twice(db, province):
    actor, apps = province
    apps["waiting_long"].plan_start = date(2026, 7, 1)
    db.flush()
    kinds = [
        r.kind for r in overview.overdue(db, actor, "27", TODAY) if r.applicant_name == "กลุ่มรอนาน"
    ]
    assert sorted(kinds) == [Late.ASSESSMENT, Late.OFFICER]


@pytest.mark.parametrize(
    "role, province_code, district",
    [(Role.DISTRICT_OFFICER, "27", "2701"), (Role.PROVINCE_OFFICER, "10", None)],
)
def test_only_the_provinces_own_office_sees_the_overview(
    db, province, role, province_code, district
):
    outsider = auth.actor_of(db, make_user(db, role, province=province_code, district=district))
    with pytest.raises(PermissionDenied):
        overview.counts(db, outsider, "27", 2570)
    with pytest.raises(PermissionDenied):
        overview.overdue(db, outsider, "27", TODAY)
