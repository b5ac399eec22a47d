"""The four applicant types and, per type, the letter's qualifications and document lists."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from core.errors import InvalidInput


class ApplicantType(StrEnum):
    LEADER = "leader"
    GROUP = "group"
    NETWORK = "network"
    COMMUNITY = "community"


TYPE_LABELS: dict[ApplicantType, str] = {
    ApplicantType.LEADER: "ผู้นำชุมชน",
    ApplicantType.GROUP: "กลุ่ม/องค์กรชุมชน",
    ApplicantType.NETWORK: "เครือข่ายองค์กรชุมชน",
    ApplicantType.COMMUNITY: "ชุมชน",
}

BENEFITS: dict[ApplicantType, str] = {
    ApplicantType.LEADER: "รู้จักตัวเอง และพัฒนาตัวเองได้อย่างมีทิศทางและต่อเนื่อง",
    ApplicantType.GROUP: (
        "สมาชิกได้แลกเปลี่ยนเรียนรู้กันภายในกลุ่ม รู้จักกลุ่มของตัวเอง และพัฒนาทั้งกลุ่มและสมาชิกได้อย่างมีทิศทางและต่อเนื่อง"
    ),
    ApplicantType.NETWORK: (
        "องค์กรในเครือข่ายได้แลกเปลี่ยนเรียนรู้และประสานงานกัน "
        "รู้จักเครือข่ายของตัวเอง และพัฒนาได้อย่างมีทิศทางและต่อเนื่อง"
    ),
    ApplicantType.COMMUNITY: (
        "เกิดการเรียนรู้ร่วมกันอย่างมีทิศทาง มีช่องทางให้คนในชุมชนบอกปัญหาและความต้องการ "
        "บริหารจัดการชุมชนด้วยทุนทางสังคมของตัวเอง ประสานความช่วยเหลือจากภาคีได้อย่างเหมาะสม "
        "จนเข้มแข็งและพึ่งตนเองได้"
    ),
}


@dataclass(frozen=True)
class Qualification:
    code: str
    text: str


QUALIFICATIONS: dict[ApplicantType, tuple[Qualification, ...]] = {
    ApplicantType.LEADER: (
        Qualification("domicile_1y", "มีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า 1 ปี"),
        Qualification("continuous_activities", "มีผลงานกิจกรรมร่วมกับชุมชนอย่างต่อเนื่อง"),
        Qualification("respected", "เป็นที่ยอมรับนับถือของคนในชุมชน"),
        Qualification("position", "มีตำแหน่งเป็นทางการหรือไม่เป็นทางการ"),
    ),
    ApplicantType.GROUP: (
        Qualification(
            "members_resolution",
            "มีมติของสมาชิกกลุ่ม/องค์กรชุมชนในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
    ),
    ApplicantType.NETWORK: (
        Qualification(
            "members_resolution",
            "มีมติของสมาชิกเครือข่ายในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
    ),
    ApplicantType.COMMUNITY: (
        Qualification("definite_territory", "มีอาณาเขตพื้นที่แน่นอน"),
        Qualification("forum_resolution", "มีมติประชาคมในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน"),
    ),
}


@dataclass(frozen=True)
class DocumentRequirement:
    code: str
    label: str
    required: bool = True
    personal: bool = False


_APPLICATION_FORM = DocumentRequirement("application_form", "ใบสมัคร")
_LEAD_TEAM = DocumentRequirement(
    "lead_team_list",
    "รายชื่อทีมนำการพัฒนา ซึ่งคัดเลือก/สรรหาจากบุคคลที่มีความรู้ความสามารถในกิจกรรมการพัฒนา",
)
_ADVISORS = DocumentRequirement(
    "advisor_list",
    "รายชื่อคณะที่ปรึกษา (ถ้ามี) บุคคลภายในหรือภายนอกชุมชนก็ได้",
    required=False,
)

DOCUMENTS: dict[ApplicantType, tuple[DocumentRequirement, ...]] = {
    ApplicantType.LEADER: (
        _APPLICATION_FORM,
        DocumentRequirement("photo", "รูปถ่าย 1 รูป", personal=True),
        DocumentRequirement("house_registration", "สำเนาทะเบียนบ้าน", personal=True),
        DocumentRequirement("id_card", "สำเนาบัตรประชาชน", personal=True),
        _ADVISORS,
    ),
    ApplicantType.GROUP: (
        _APPLICATION_FORM,
        DocumentRequirement(
            "meeting_minutes",
            "บันทึกการประชุมกลุ่ม/องค์กรชุมชนที่มีมติของสมาชิกในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
        _LEAD_TEAM,
        _ADVISORS,
    ),
    ApplicantType.NETWORK: (
        _APPLICATION_FORM,
        DocumentRequirement(
            "meeting_minutes",
            "บันทึกการประชุมเครือข่ายที่มีมติของสมาชิกเครือข่ายในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
        _LEAD_TEAM,
        _ADVISORS,
    ),
    # The letter heads this list "เครือข่ายองค์กรชุมชน" by mistake; its content is the community's.
    ApplicantType.COMMUNITY: (
        _APPLICATION_FORM,
        DocumentRequirement(
            "forum_record",
            "บันทึกประชาคมชุมชนที่มีมติของสมาชิกชุมชนในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
        _LEAD_TEAM,
        _ADVISORS,
    ),
}

ID_CARD_REMINDER = "สำเนาบัตรประชาชนเป็นข้อมูลส่วนบุคคล กรุณาปิดทับหรือขีดฆ่าช่องศาสนาก่อนถ่ายสำเนาหรืออัปโหลด"


def parse_type(value: str) -> ApplicantType:
    try:
        return ApplicantType(value)
    except ValueError:
        raise InvalidInput("ประเภทผู้สมัครไม่ถูกต้อง") from None


def required_documents(kind: ApplicantType) -> tuple[DocumentRequirement, ...]:
    return tuple(d for d in DOCUMENTS[kind] if d.required)


def document_requirement(kind: ApplicantType, code: str) -> DocumentRequirement | None:
    return next((d for d in DOCUMENTS[kind] if d.code == code), None)


def missing_documents(kind: ApplicantType, uploaded_codes: set[str]) -> list[DocumentRequirement]:
    return [d for d in required_documents(kind) if d.code not in uploaded_codes]
