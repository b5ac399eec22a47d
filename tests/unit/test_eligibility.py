"""What the portal checks before step 1 may be sent: here, where the unit is."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from core.applicant_types import ApplicantType
from core.eligibility import ApplicantFacts, qualification_problems

TODAY = date(2026, 11, 24)

COMPLETE = {
    ApplicantType.LEADER: dict(
        position="ผู้ใหญ่บ้าน", activities_record="จัดเวที", domiciled_since=date(2010, 1, 1)
    ),
    ApplicantType.GROUP: dict(lead_team_size=1, member_count=20, resolution_date=date(2026, 1, 1)),
    ApplicantType.NETWORK: dict(lead_team_size=1, member_count=5, resolution_date=date(2026, 1, 1)),
    ApplicantType.COMMUNITY: dict(
        lead_team_size=1,
        resolution_date=date(2026, 1, 1),
        territory_villages="หมู่ 1 และหมู่ 2",
        boundary_description="ทิศเหนือจรดคลอง",
    ),
}


def _facts(kind: ApplicantType, **changes: object) -> ApplicantFacts:
    place = dict(district_code="2701", subdistrict_code="270101", village_no=3)
    return replace(
        ApplicantFacts(kind=kind, name="ผู้สมัครทดสอบ", **place, **COMPLETE[kind]), **changes
    )


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_a_complete_unit_of_each_type_has_no_problem(kind):
    assert qualification_problems(_facts(kind), TODAY) == []


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_every_type_needs_its_subdistrict(kind):
    assert qualification_problems(_facts(kind, subdistrict_code=None), TODAY) == ["ยังไม่ได้เลือกตำบล"]


def test_without_a_district_only_the_area_as_a_whole_is_asked_for():
    problems = qualification_problems(
        _facts(ApplicantType.NETWORK, district_code=None, subdistrict_code=None), TODAY
    )
    assert problems == ["ยังไม่ได้เลือกพื้นที่ (อำเภอ/ตำบล)"]


@pytest.mark.parametrize("kind", [ApplicantType.LEADER, ApplicantType.GROUP])
def test_a_leader_and_a_group_need_their_village_by_number_or_name(kind):
    missing = _facts(kind, village_no=None, village_name=" ")
    assert qualification_problems(missing, TODAY) == ["ยังไม่ได้กรอกหมู่ที่หรือชื่อหมู่บ้าน"]
    assert qualification_problems(replace(missing, village_name="บ้านหนองบัว"), TODAY) == []


@pytest.mark.parametrize("kind", [ApplicantType.NETWORK, ApplicantType.COMMUNITY])
def test_a_network_and_a_community_span_villages_and_need_no_single_one(kind):
    assert qualification_problems(_facts(kind, village_no=None), TODAY) == []
