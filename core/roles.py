"""Who uses the portal."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    APPLICANT = "applicant"
    ADVISOR = "advisor"
    DISTRICT_OFFICER = "district_officer"
    COMMITTEE = "committee"
    PROVINCE_OFFICER = "province_officer"


ROLE_LABELS: dict[Role, str] = {
    Role.APPLICANT: "ผู้สมัคร",
    Role.ADVISOR: "ที่ปรึกษา",
    Role.DISTRICT_OFFICER: "พัฒนากร (สำนักงานพัฒนาชุมชนอำเภอ)",
    Role.COMMITTEE: "คณะกรรมการ มชช. อำเภอ",
    Role.PROVINCE_OFFICER: "สำนักงานพัฒนาชุมชนจังหวัด",
}

DISTRICT_SCOPED = frozenset({Role.DISTRICT_OFFICER, Role.COMMITTEE})
PROVINCE_SCOPED = frozenset({Role.PROVINCE_OFFICER})
