"""The applicant home: the district office to contact, and a timeline that reads cleanly."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import update

from db.engine import make_engine, session_factory
from db.models import DistrictOffice
from tests.ui.conftest import log_in

MUANG = "2701"
CONTACT = "ติดต่อสำนักงานพัฒนาชุมชนอำเภอ"


def _shown(at) -> str:  # type: ignore[no-untyped-def]
    """Markdown and captions as the reader sees them (without the escaping backslashes)."""
    return "\n".join(e.value for e in [*at.markdown, *at.caption]).replace("\\", "")


@pytest.fixture
def muang_office_not_entered(demo_database_url: str) -> Iterator[None]:
    """The province has not entered Mueang's phone and address (put back afterwards)."""
    engine = make_engine(demo_database_url)
    where = DistrictOffice.district_code == MUANG
    try:
        with session_factory(engine)() as s:
            office = s.get_one(DistrictOffice, MUANG)
            kept = (office.phone, office.address)
            s.execute(update(DistrictOffice).where(where).values(phone=None, address=None))
            s.commit()
        yield
    finally:
        with session_factory(engine)() as s:
            s.execute(update(DistrictOffice).where(where).values(phone=kept[0], address=kept[1]))
            s.commit()
        engine.dispose()


def test_the_applicant_home_shows_the_district_offices_name_phone_and_address():
    at = log_in("applicant-group")
    assert not at.exception, at.exception
    shown = _shown(at)
    assert f"**{CONTACT}**" in shown
    assert "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว" in shown
    assert "โทรศัพท์ 03-742-5101" in shown  # the demo office of Mueang, as the province entered
    assert "ที่อยู่ ที่ว่าการอำเภอเมืองสระแก้ว จังหวัดสระแก้ว" in shown


def test_without_a_contact_entered_the_block_says_so(muang_office_not_entered):
    at = log_in("applicant-group")
    assert not at.exception, at.exception
    shown = _shown(at)
    assert "สำนักงานพัฒนาชุมชนอำเภอเมืองสระแก้ว" in shown
    assert "ยังไม่มีเบอร์โทรศัพท์และที่อยู่ของสำนักงานในระบบ" in shown
    assert "โทรศัพท์ 0" not in shown


def test_the_timeline_names_the_officer_and_the_role_without_nested_brackets():
    at = log_in("applicant-group")
    shown = _shown(at)
    assert "— นางสาวพิมพ์ใจ พัฒนากร · พัฒนากร (สำนักงานพัฒนาชุมชนอำเภอ)" in shown
    assert "((" not in shown and "))" not in shown
    assert "(พัฒนากร (" not in shown
