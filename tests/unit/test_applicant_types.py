from __future__ import annotations

import re

import pytest

from core.applicant_types import (
    BENEFITS,
    DOCUMENTS,
    ID_CARD_REMINDER,
    QUALIFICATIONS,
    TYPE_LABELS,
    ApplicantType,
    document_requirement,
    missing_documents,
    parse_type,
    required_documents,
)
from core.errors import InvalidInput

T = ApplicantType
THAI = re.compile(r"[\u0E00-\u0E7F]")
_THAI_TO_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def norm(text: str) -> str:
    """Compare Thai text as the letter and the code may space it: no blanks, Arabic digits."""
    return re.sub(r"\s+", "", text.translate(_THAI_TO_ARABIC))


# Quoted from the province letter (สก ๐๐๑๙/ว ๕๒๑๙, 18 Oct 2565), attachment 1.
LETTER_TYPES = {
    T.LEADER: "ผู้นำชุมชน",
    T.GROUP: "กลุ่ม / องค์กรชุมชน",
    T.NETWORK: "เครือข่ายองค์กรชุมชน",
    T.COMMUNITY: "ชุมชน",
}

LETTER_QUALIFICATIONS = {
    T.LEADER: [
        "มีภูมิลำเนาอยู่ในชุมชนไม่น้อยกว่า ๑ ปี",
        "มีผลงานกิจกรรมร่วมกับชุมชนอย่างต่อเนื่อง",
        "เป็นที่ยอมรับนับถือของคนในชุมชน",
        "มีตำแหน่งเป็นทางการหรือไม่เป็นทางการ",
    ],
    T.GROUP: ["มีมติของสมาชิกกลุ่ม / องค์กรชุมชน ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน"],
    T.NETWORK: ["มีมติของสมาชิกเครือข่าย ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน"],
    T.COMMUNITY: [
        "มีอาณาเขตพื้นที่แน่นอน",
        "มีมติประชาคมในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
    ],
}

# The document lists: (code, required, the letter's wording of the item). Items are compared
# whole; the lead-team item is the letter's sentence up to "ในกิจกรรมการพัฒนา" (the portal drops
# "จำนวนตามความเหมาะสม"), and the advisor item, a long sentence the portal shortens, is checked
# by its key phrases.
LETTER_APPLICATION_FORM = "ใบสมัคร"
LETTER_LEAD_TEAM = "รายชื่อทีมนำการพัฒนา ซึ่งคัดเลือก / สรรหาจากบุคคลที่มีความรู้ความสามารถ ในกิจกรรมการพัฒนา"
LETTER_ADVISORS = "รายชื่อคณะที่ปรึกษา"

LETTER_DOCUMENTS = {
    T.LEADER: [
        ("application_form", True, LETTER_APPLICATION_FORM),
        ("photo", True, "รูปถ่าย ๑ รูป"),
        ("house_registration", True, "สำเนาทะเบียนบ้าน"),
        ("id_card", True, "สำเนาบัตรประชาชน"),
        ("advisor_list", False, LETTER_ADVISORS),
    ],
    T.GROUP: [
        ("application_form", True, LETTER_APPLICATION_FORM),
        (
            "meeting_minutes",
            True,
            "บันทึกการประชุมกลุ่ม/องค์กรชุมชนที่มีมติของสมาชิกในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
        ("lead_team_list", True, LETTER_LEAD_TEAM),
        ("advisor_list", False, LETTER_ADVISORS),
    ],
    T.NETWORK: [
        ("application_form", True, LETTER_APPLICATION_FORM),
        (
            "meeting_minutes",
            True,
            "บันทึกการประชุมเครือข่ายที่มีมติของสมาชิกเครือข่าย ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
        ("lead_team_list", True, LETTER_LEAD_TEAM),
        ("advisor_list", False, LETTER_ADVISORS),
    ],
    # The letter heads this fourth list "เครือข่ายองค์กรชุมชน" by mistake; it is the community's.
    T.COMMUNITY: [
        ("application_form", True, LETTER_APPLICATION_FORM),
        (
            "forum_record",
            True,
            "บันทึกประชาคมชุมชน ที่มีมติของสมาชิกชุมชน ในการสมัครเข้าสู่ระบบมาตรฐานงานชุมชน",
        ),
        ("lead_team_list", True, LETTER_LEAD_TEAM),
        ("advisor_list", False, LETTER_ADVISORS),
    ],
}


# --- the four types -----------------------------------------------------------------------------


def test_there_are_exactly_four_applicant_types_in_the_letters_order():
    assert [t.value for t in ApplicantType] == ["leader", "group", "network", "community"]


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_each_type_has_the_letters_thai_label(kind):
    assert norm(TYPE_LABELS[kind]) == norm(LETTER_TYPES[kind])


def test_type_labels_cover_every_type_and_are_distinct():
    assert set(TYPE_LABELS) == set(ApplicantType)
    assert len(set(TYPE_LABELS.values())) == 4


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_each_type_has_a_thai_benefit_text(kind):
    assert THAI.search(BENEFITS[kind])
    assert len(BENEFITS[kind]) > 20


# --- qualifications -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_each_types_qualifications_match_the_letter_in_count_and_content(kind):
    got = [norm(q.text) for q in QUALIFICATIONS[kind]]
    assert got == [norm(text) for text in LETTER_QUALIFICATIONS[kind]]


def test_the_leader_has_four_qualifications():
    assert len(QUALIFICATIONS[T.LEADER]) == 4


def test_qualification_counts_per_type():
    assert {k: len(v) for k, v in QUALIFICATIONS.items()} == {
        T.LEADER: 4,
        T.GROUP: 1,
        T.NETWORK: 1,
        T.COMMUNITY: 2,
    }


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_qualification_codes_are_unique_within_a_type(kind):
    codes = [q.code for q in QUALIFICATIONS[kind]]
    assert len(codes) == len(set(codes))


def test_the_community_needs_a_forum_resolution_and_a_definite_territory():
    texts = [q.text for q in QUALIFICATIONS[T.COMMUNITY]]
    assert any("ประชาคม" in t for t in texts)
    assert any("อาณาเขต" in t for t in texts)


# --- documents ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_each_types_document_codes_and_required_flags_match_the_letter(kind):
    got = [(d.code, d.required) for d in DOCUMENTS[kind]]
    assert got == [(code, required) for code, required, _ in LETTER_DOCUMENTS[kind]]


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_each_types_document_labels_carry_the_letters_wording(kind):
    pairs = zip(DOCUMENTS[kind], LETTER_DOCUMENTS[kind], strict=True)
    for doc, (_code, _required, letter) in pairs:
        if letter == LETTER_ADVISORS:
            assert norm(letter) in norm(doc.label)
            assert "ภายในหรือภายนอกชุมชน" in doc.label
        else:
            assert norm(doc.label) == norm(letter)


def test_the_leaders_documents_are_the_letters_four_plus_optional_advisors():
    labels = [d.label for d in DOCUMENTS[T.LEADER]]
    assert labels[:4] == ["ใบสมัคร", "รูปถ่าย 1 รูป", "สำเนาทะเบียนบ้าน", "สำเนาบัตรประชาชน"]
    assert len(labels) == 5
    assert len(required_documents(T.LEADER)) == 4


@pytest.mark.parametrize("kind", [T.GROUP, T.NETWORK, T.COMMUNITY])
def test_group_network_and_community_need_three_documents_plus_optional_advisors(kind):
    assert required_documents(kind)[0].code == "application_form"
    assert len(required_documents(kind)) == 3
    assert len(DOCUMENTS[kind]) == 4


def test_the_community_list_is_the_forum_record_not_the_networks_minutes():
    community = [d.label for d in DOCUMENTS[T.COMMUNITY]]
    network = [d.label for d in DOCUMENTS[T.NETWORK]]
    assert any("ประชาคม" in label for label in community)
    assert not any("ประชาคม" in label for label in network)
    assert not any("เครือข่าย" in label for label in community)


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_the_advisor_list_is_optional_for_every_type(kind):
    advisor = document_requirement(kind, "advisor_list")
    assert advisor is not None
    assert advisor.required is False
    assert "advisor_list" not in {d.code for d in required_documents(kind)}


def test_id_card_house_registration_and_photo_are_personal():
    personal = {d.code for d in DOCUMENTS[T.LEADER] if d.personal}
    assert personal == {"id_card", "house_registration", "photo"}


@pytest.mark.parametrize("kind", [T.GROUP, T.NETWORK, T.COMMUNITY])
def test_organisation_documents_are_not_personal(kind):
    assert [d.code for d in DOCUMENTS[kind] if d.personal] == []


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_document_codes_are_unique_within_a_type(kind):
    codes = [d.code for d in DOCUMENTS[kind]]
    assert len(codes) == len(set(codes))


def test_document_requirement_finds_by_code_and_returns_none_for_unknown():
    found = document_requirement(T.LEADER, "id_card")
    assert found is not None
    assert found.label == "สำเนาบัตรประชาชน"
    assert document_requirement(T.GROUP, "id_card") is None
    assert document_requirement(T.LEADER, "no_such_code") is None


def test_the_id_card_reminder_asks_to_mask_religion():
    assert "ศาสนา" in ID_CARD_REMINDER
    assert "บัตรประชาชน" in ID_CARD_REMINDER


# --- missing_documents --------------------------------------------------------------------------


def test_missing_documents_lists_only_required_codes_not_uploaded():
    missing = missing_documents(T.LEADER, {"application_form", "photo"})
    assert [d.code for d in missing] == ["house_registration", "id_card"]


def test_missing_documents_with_nothing_uploaded_is_every_required_document():
    assert [d.code for d in missing_documents(T.COMMUNITY, set())] == [
        "application_form",
        "forum_record",
        "lead_team_list",
    ]


def test_missing_documents_ignores_the_optional_advisor_list():
    required = {"application_form", "meeting_minutes", "lead_team_list"}
    assert missing_documents(T.GROUP, required) == []
    assert [d.code for d in missing_documents(T.GROUP, {"advisor_list"})] == [
        "application_form",
        "meeting_minutes",
        "lead_team_list",
    ]


def test_missing_documents_ignores_codes_of_other_types():
    missing = missing_documents(T.NETWORK, {"application_form", "forum_record", "id_card"})
    assert [d.code for d in missing] == ["meeting_minutes", "lead_team_list"]


# --- parse_type ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(ApplicantType))
def test_parse_type_accepts_each_code(kind):
    assert parse_type(kind.value) is kind


@pytest.mark.parametrize("value", ["unknown", "", "LEADER", "ผู้นำชุมชน", "leader "])
def test_parse_type_raises_invalid_input_for_unknown(value):
    with pytest.raises(InvalidInput) as caught:
        parse_type(value)
    assert caught.value.message == "ประเภทผู้สมัครไม่ถูกต้อง"
