from __future__ import annotations

import re
import threading
import time
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from core.applicant_types import ApplicantType
from core.errors import InvalidInput, PermissionDenied, StaleData, TransitionNotAllowed
from core.roles import Role
from core.workflow import Status
from db import migrate
from db.engine import make_engine, session_factory
from db.models import Application, AuditEvent, Certificate, Notification, RegistryEntry, Resolution
from services import announce, auth, certificates
from tests.databases import backend_id, configured_urls, fresh_database
from tests.factories import make_application, make_round, make_user

NOW = datetime(2027, 6, 1, 3, 0)
ANNOUNCED_ON = date(2027, 6, 1)
CODE = re.compile(r"^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$")


@pytest.fixture
def setting(db):
    rnd = make_round(db, fy=2570)
    owner_user = make_user(db)
    officer = make_user(db, Role.DISTRICT_OFFICER, district="2701")
    province = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, district=None))
    return rnd, owner_user, officer, province


def passed(db, rnd, owner, name, *, district="2701", kind=ApplicantType.GROUP):
    application = make_application(
        db, owner, rnd, status=Status.PASSED, name=name, district=district, kind=kind
    )
    db.add(
        Resolution(
            application_id=application.id,
            decision="pass",
            meeting_on=date(2027, 5, 20),
            decided_by_id=owner.id,
            decided_at=datetime(2027, 5, 20, 8, 0),
        )
    )
    db.flush()
    return application


def do_announce(db, actor, *applications, versions=None, on=ANNOUNCED_ON):
    return announce.announce(
        db,
        actor,
        [a.id for a in applications],
        announced_on=on,
        expected_versions=versions or {a.id: a.version for a in applications},
        now=NOW,
    )


def certificate_count(db) -> int:
    return db.scalar(select(func.count(Certificate.id)))


def test_announcing_certifies_numbers_in_order_and_enters_the_registry(db, setting):
    rnd, owner, _, province = setting
    second = passed(db, rnd, owner, "กลุ่มสานตะกร้า")
    first = passed(db, rnd, owner, "กลุ่มจักสาน")
    issued = do_announce(db, province, second, first)
    assert [c.number for c in issued] == ["มชช. 27/2570/0001", "มชช. 27/2570/0002"]
    assert [c.application_id for c in issued] == [first.id, second.id]  # ordered by name
    assert all(CODE.match(c.verification_code) for c in issued)
    assert issued[0].verification_code != issued[1].verification_code
    assert first.status is Status.CERTIFIED and second.status is Status.CERTIFIED
    entry = db.scalar(select(RegistryEntry).where(RegistryEntry.application_id == first.id))
    assert (entry.source, entry.fiscal_year, entry.certificate_id) == ("portal", 2570, issued[0].id)
    assert (entry.district_code, entry.subdistrict_code, entry.normalized_name) == (
        "2701",
        "270101",
        "กลุ่มจักสาน",
    )
    events = db.scalars(select(AuditEvent).where(AuditEvent.action == "results_announced")).all()
    assert {e.application_id for e in events} == {first.id, second.id}


def test_the_owner_and_the_district_officers_are_told_with_the_number(db, setting):
    rnd, owner, officer, province = setting
    application = passed(db, rnd, owner, "กลุ่มจักสาน")
    [certificate] = do_announce(db, province, application)
    notes = db.scalars(select(Notification).where(Notification.kind == "announced")).all()
    assert {n.user_id for n in notes} == {owner.id, officer.id}
    assert all(certificate.number in n.body for n in notes)
    assert "กลุ่มจักสาน" in notes[0].title


def test_numbers_continue_from_the_last_announcement_of_the_year(db, setting):
    rnd, owner, _, province = setting
    do_announce(db, province, passed(db, rnd, owner, "กลุ่มหนึ่ง"))
    [later] = do_announce(db, province, passed(db, rnd, owner, "กลุ่มสอง"))
    assert (later.number, later.sequence) == ("มชช. 27/2570/0002", 2)


def test_each_fiscal_year_starts_its_own_sequence(db, setting):
    rnd, owner, _, province = setting
    do_announce(db, province, passed(db, rnd, owner, "กลุ่มหนึ่ง"))
    next_year = make_round(db, fy=2571)
    [c] = do_announce(db, province, passed(db, next_year, owner, "กลุ่มสอง"), on=date(2028, 1, 5))
    assert c.number == "มชช. 27/2571/0001"


def test_awaiting_lists_only_passed_units_of_the_province_and_year(db, setting):
    rnd, owner, _, province = setting
    waiting = passed(db, rnd, owner, "กลุ่มรอประกาศ", district="2706")
    make_application(db, owner, rnd, status=Status.UNDER_REVIEW, name="กลุ่มยังพิจารณา")
    other_year = make_round(db, fy=2569)
    passed(db, other_year, owner, "กลุ่มปีก่อน")
    other_province = make_round(db, fy=2570, province="10")
    passed(db, other_province, owner, "กลุ่มกรุงเทพ", district="1001")
    [row] = announce.passed_awaiting(db, province, 2570)
    assert (row.application_id, row.applicant_name, row.district_name) == (
        waiting.id,
        "กลุ่มรอประกาศ",
        "อรัญประเทศ",
    )
    assert row.resolved_on == date(2027, 5, 20) and row.version == waiting.version
    do_announce(db, province, waiting)
    assert announce.passed_awaiting(db, province, 2570) == []
    [done] = announce.announced(db, province, 2570)
    assert done.certificate_number == "มชช. 27/2570/0001"
    assert done.announced_on == ANNOUNCED_ON


def test_a_province_officer_of_another_province_cannot_announce(db, setting):
    rnd, owner, _, _ = setting
    application = passed(db, rnd, owner, "กลุ่มจักสาน")
    outsider = auth.actor_of(db, make_user(db, Role.PROVINCE_OFFICER, province="10", district=None))
    with pytest.raises(PermissionDenied):
        do_announce(db, outsider, application)
    assert application.status is Status.PASSED and certificate_count(db) == 0


@pytest.mark.parametrize("role", [Role.DISTRICT_OFFICER, Role.COMMITTEE, Role.APPLICANT])
def test_other_roles_cannot_announce_or_list(db, setting, role):
    rnd, owner, _, _ = setting
    application = passed(db, rnd, owner, "กลุ่มจักสาน")
    actor = auth.actor_of(db, owner if role is Role.APPLICANT else make_user(db, role))
    with pytest.raises(PermissionDenied):
        do_announce(db, actor, application)
    with pytest.raises(PermissionDenied):
        announce.passed_awaiting(db, actor, 2570)
    assert certificate_count(db) == 0


def test_one_unit_not_passed_and_nothing_is_announced(db, setting):
    rnd, owner, _, province = setting
    good = passed(db, rnd, owner, "กลุ่มผ่าน")
    pending = make_application(db, owner, rnd, status=Status.UNDER_REVIEW, name="กลุ่มรอมติ")
    db.commit()
    with pytest.raises(TransitionNotAllowed, match="กลุ่มรอมติ"):
        do_announce(db, province, good, pending)
    db.rollback()
    assert db.get(Application, good.id).status is Status.PASSED
    assert certificate_count(db) == 0
    assert db.scalar(select(func.count(RegistryEntry.id))) == 0


def test_a_stale_version_announces_nothing(db, setting):
    rnd, owner, _, province = setting
    a, b = passed(db, rnd, owner, "กลุ่มหนึ่ง"), passed(db, rnd, owner, "กลุ่มสอง")
    db.commit()
    with pytest.raises(StaleData):
        do_announce(db, province, a, b, versions={a.id: a.version, b.id: b.version - 1})
    db.rollback()
    assert {db.get(Application, x.id).status for x in (a, b)} == {Status.PASSED}
    assert certificate_count(db) == 0


def test_a_double_click_issues_one_certificate_and_says_it_was_announced(db, setting):
    rnd, owner, _, province = setting
    application = passed(db, rnd, owner, "กลุ่มจักสาน")
    versions = {application.id: application.version}
    [certificate] = do_announce(db, province, application, versions=versions)
    with pytest.raises(TransitionNotAllowed, match=re.escape(certificate.number)):
        do_announce(db, province, application, versions=versions)
    assert certificate_count(db) == 1


def test_nothing_chosen_or_no_date_is_refused(db, setting):
    rnd, owner, _, province = setting
    application = passed(db, rnd, owner, "กลุ่มจักสาน")
    with pytest.raises(InvalidInput, match="อย่างน้อย 1 หน่วย"):
        do_announce(db, province)
    with pytest.raises(InvalidInput, match="วันที่ประกาศผล"):
        do_announce(db, province, application, on=None)
    with pytest.raises(InvalidInput, match="ก่อนเริ่มปีงบประมาณ 2570"):
        do_announce(db, province, application, on=date(2026, 9, 30))
    assert certificate_count(db) == 0


def test_a_unit_imported_earlier_for_the_year_is_linked_not_duplicated(db, setting):
    rnd, owner, _, province = setting
    application = passed(db, rnd, owner, "กลุ่ม  จักสาน ")
    imported = RegistryEntry(
        fiscal_year=2570,
        type=ApplicantType.GROUP,
        name="กลุ่ม จักสาน",
        normalized_name="กลุ่ม จักสาน",
        province_code="27",
        district_code="2701",
        coordinator="นางผู้ประสานงาน",
        source="import",
    )
    db.add(imported)
    db.flush()
    [certificate] = do_announce(db, province, application)
    assert db.scalar(select(func.count(RegistryEntry.id))) == 1
    assert (imported.application_id, imported.certificate_id) == (application.id, certificate.id)
    assert (imported.source, imported.coordinator) == ("import", "นางผู้ประสานงาน")
    assert imported.subdistrict_code == "270101"  # filled in where the import had nothing


def test_a_same_named_unit_of_another_applicant_in_the_registry_blocks_with_a_message(db, setting):
    rnd, owner, _, province = setting
    first = passed(db, rnd, owner, "กลุ่มจักสาน")
    do_announce(db, province, first)
    twin = passed(db, rnd, make_user(db), "กลุ่มจักสาน")
    db.commit()
    with pytest.raises(InvalidInput, match="ชื่อเดียวกัน"):
        do_announce(db, province, twin)
    db.rollback()
    assert db.get(Application, twin.id).status is Status.PASSED


def test_a_leader_enters_the_registry_with_masked_id_hash_and_position(db, setting):
    rnd, owner, _, province = setting
    application = passed(db, rnd, owner, "นายสมชาย ใจดี", kind=ApplicantType.LEADER)
    applicant = application.applicant
    applicant.national_id_hash, applicant.national_id_masked = "h" * 64, "X-XXXX-XXXXX-70-8"
    applicant.position = "ผู้ใหญ่บ้าน"
    db.flush()
    do_announce(db, province, application)
    entry = db.scalar(select(RegistryEntry))
    assert (entry.national_id_hash, entry.national_id_masked, entry.position) == (
        "h" * 64,
        "X-XXXX-XXXXX-70-8",
        "ผู้ใหญ่บ้าน",
    )
    assert entry.coordinator is None


def test_the_owner_reads_the_certificate_and_another_applicant_cannot(db, setting):
    rnd, owner, _, province = setting
    application = passed(db, rnd, owner, "กลุ่มจักสาน")
    owner_actor = auth.actor_of(db, owner)
    assert certificates.certificate_for(db, owner_actor, application.id) is None
    [certificate] = do_announce(db, province, application)
    assert certificates.certificate_for(db, owner_actor, application.id).id == certificate.id
    with pytest.raises(PermissionDenied):
        certificates.certificate_for(db, auth.actor_of(db, make_user(db)), application.id)


@pytest.mark.parametrize("server", configured_urls(), ids=backend_id)
def test_two_officers_announcing_at_once_get_distinct_sequence_numbers(server, monkeypatch):
    """The first officer holds its transaction open after reading the last number; without the
    round lock the second would read the same number (and fail on the unique certificate)."""
    with fresh_database(server) as url:
        migrate.upgrade(url)
        engine = make_engine(url)
        make = session_factory(engine)
        try:
            with make() as s:
                rnd = make_round(s, fy=2570)
                owner = make_user(s)
                apps = [passed(s, rnd, owner, f"กลุ่ม {i}") for i in (1, 2)]
                actors = [
                    auth.actor_of(s, make_user(s, Role.PROVINCE_OFFICER, district=None))
                    for _ in apps
                ]
                jobs = [(actor, a.id, a.version) for actor, a in zip(actors, apps, strict=True)]
                s.commit()
            read_last = certificates.last_sequence
            first_has_read = threading.Event()

            def slow_last_sequence(session, r):  # type: ignore[no-untyped-def]
                value = read_last(session, r)
                first_has_read.set()
                time.sleep(0.5)
                return value

            monkeypatch.setattr(certificates, "last_sequence", slow_last_sequence)
            numbers: list[str] = []
            errors: list[Exception] = []

            def officer(actor, application_id, version):  # type: ignore[no-untyped-def]
                with make() as s:
                    try:
                        [c] = announce.announce(
                            s,
                            actor,
                            [application_id],
                            announced_on=ANNOUNCED_ON,
                            expected_versions={application_id: version},
                            now=NOW,
                        )
                        numbers.append(c.number)
                    except Exception as error:
                        errors.append(error)

            first = threading.Thread(target=officer, args=jobs[0])
            first.start()
            assert first_has_read.wait(10)
            second = threading.Thread(target=officer, args=jobs[1])
            second.start()
            first.join(30)
            second.join(30)
            assert errors == []
            assert sorted(numbers) == ["มชช. 27/2570/0001", "มชช. 27/2570/0002"]
        finally:
            engine.dispose()


def test_an_announcement_dated_in_the_future_or_before_the_resolution_is_refused(db, setting):
    rnd, owner, _, province = setting
    unit = passed(db, rnd, owner, "กลุ่มวันที่")
    with pytest.raises(InvalidInput, match="อนาคต"):
        announce.announce(
            db,
            province,
            [unit.id],
            announced_on=date(2027, 6, 2),
            expected_versions={unit.id: unit.version},
            now=NOW,
            today=date(2027, 6, 1),
        )
    with pytest.raises(InvalidInput, match="ก่อนวันที่คณะกรรมการมีมติ"):
        do_announce(db, province, unit, on=date(2027, 5, 19))
    assert certificate_count(db) == 0
    assert unit.status is Status.PASSED


def test_the_default_year_is_the_oldest_with_a_unit_still_waiting(db, setting):
    rnd, owner, _, province = setting  # fiscal year 2570
    today = date(2027, 11, 2)  # fiscal year 2571 has begun
    this_year = make_round(db, fy=2571)
    passed(db, this_year, owner, "กลุ่มปีนี้")
    waiting = passed(db, rnd, owner, "กลุ่มปีก่อน")
    assert announce.default_fiscal_year(db, province, today=today) == 2570
    do_announce(db, province, waiting)
    assert announce.default_fiscal_year(db, province, today=today) == 2571


def test_with_nothing_waiting_the_default_is_this_year(db, setting):
    _, _, _, province = setting
    elsewhere = make_round(db, fy=2569, province="10")
    passed(db, elsewhere, make_user(db), "กลุ่มจังหวัดอื่น", district="1001")
    assert announce.default_fiscal_year(db, province, today=date(2027, 11, 2)) == 2571


def test_the_year_choices_are_the_years_with_a_round_and_this_one_newest_first(db, setting):
    _, _, _, province = setting  # a round for 2570
    make_round(db, fy=2567)
    make_round(db, fy=2565, province="10")  # another province's year is not offered
    assert announce.fiscal_years(db, province, today=date(2027, 11, 2)) == [2571, 2570, 2567]
    assert announce.fiscal_years(db, province, today=date(2027, 6, 1)) == [2570, 2567]


@pytest.mark.parametrize("role", [Role.DISTRICT_OFFICER, Role.APPLICANT])
def test_other_roles_cannot_read_the_years(db, setting, role):
    actor = auth.actor_of(db, make_user(db, role))
    with pytest.raises(PermissionDenied):
        announce.fiscal_years(db, actor, today=ANNOUNCED_ON)
    with pytest.raises(PermissionDenied):
        announce.default_fiscal_year(db, actor, today=ANNOUNCED_ON)


def test_the_certificate_is_called_bai_prakat_in_every_message(db, setting):
    rnd, owner, _, province = setting
    application = passed(db, rnd, owner, "กลุ่มจักสาน")
    [certificate] = do_announce(db, province, application)
    with pytest.raises(TransitionNotAllowed) as refused:
        do_announce(db, province, application, versions={application.id: 0})
    assert f"ใบประกาศเลขที่ {certificate.number}" in refused.value.message
    [note] = db.scalars(select(Notification).where(Notification.user_id == owner.id)).all()
    assert f"ใบประกาศเลขที่ {certificate.number}" in note.body
    assert "ใบรับรอง" not in note.body + refused.value.message


def test_an_announcement_moves_the_registrys_version_on(db, setting):
    from services import data_versions

    rnd, owner, _, province = setting
    before = data_versions.current(db, data_versions.REGISTRY)
    do_announce(db, province, passed(db, rnd, owner, "กลุ่มเลี้ยงปลา"))
    assert data_versions.current(db, data_versions.REGISTRY) > before
