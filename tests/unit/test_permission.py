from __future__ import annotations

import re

import pytest

from core.errors import PermissionDenied
from core.permission import Actor, Perm, Rel, Scope, can, relations, require
from core.roles import Role

P = Perm
THAI = re.compile(r"[\u0E00-\u0E7F]")

ME = 7
SOMEONE_ELSE = 99
HOME_PROVINCE = "27"  # Sa Kaeo
HOME_DISTRICT = "2701"  # Mueang Sa Kaeo
NEIGHBOUR_DISTRICT = "2702"  # Khlong Hat, same province
FAR_PROVINCE = "10"
FAR_DISTRICT = "1001"

# The actors: every Role, and the committee both as a member and as its chair.
# Everyone lives in Sa Kaeo; the district-scoped ones (and applicants, advisors) in Mueang.
ACTORS: dict[str, Actor] = {
    "applicant": Actor(ME, Role.APPLICANT, HOME_PROVINCE, HOME_DISTRICT),
    "advisor": Actor(ME, Role.ADVISOR, HOME_PROVINCE, HOME_DISTRICT),
    "district_officer": Actor(ME, Role.DISTRICT_OFFICER, HOME_PROVINCE, HOME_DISTRICT),
    "committee_member": Actor(ME, Role.COMMITTEE, HOME_PROVINCE, HOME_DISTRICT),
    "committee_chair": Actor(ME, Role.COMMITTEE, HOME_PROVINCE, HOME_DISTRICT, is_chair=True),
    "province_officer": Actor(ME, Role.PROVINCE_OFFICER, HOME_PROVINCE, None),
}

# The relation situations. "owner" and "named advisor" sit in another province so that only the
# personal tie can grant anything; the other three are tied to the actor by area alone.
SITUATIONS: dict[str, Scope] = {
    "owner": Scope(FAR_PROVINCE, FAR_DISTRICT, owner_id=ME),
    "named_advisor": Scope(
        FAR_PROVINCE, FAR_DISTRICT, owner_id=SOMEONE_ELSE, advisor_ids=frozenset({ME})
    ),
    "same_district": Scope(HOME_PROVINCE, HOME_DISTRICT, owner_id=SOMEONE_ELSE),
    "other_district_same_province": Scope(HOME_PROVINCE, NEIGHBOUR_DISTRICT, owner_id=SOMEONE_ELSE),
    "other_province": Scope(FAR_PROVINCE, FAR_DISTRICT, owner_id=SOMEONE_ELSE),
}

NOTHING: frozenset[Perm] = frozenset()

# Written from the domain, not from POLICY.
# Applicant: acts on their own file only (view, edit, own personal documents, reply to comments).
APPLICANT_ON_OWN = frozenset(
    {P.VIEW_APPLICATION, P.EDIT_APPLICATION, P.VIEW_PERSONAL_DOCUMENT, P.COMMENT}
)
# Advisor: views and comments where named; no need to see ID-card or house-registration copies.
ADVISOR_WHERE_NAMED = frozenset({P.VIEW_APPLICATION, P.COMMENT})
# District officer: registers and helps (also on behalf), checks documents, assigns advisors,
# follows the district's progress.
DISTRICT_OFFICER_IN_OWN_DISTRICT = frozenset(
    {
        P.VIEW_APPLICATION,
        P.EDIT_APPLICATION,
        P.VIEW_PERSONAL_DOCUMENT,
        P.COMMENT,
        P.VERIFY_APPLICATION,
        P.ASSIGN_ADVISOR,
        P.VIEW_AREA,
        P.INVITE,
    }
)
# District committee: reviews the district's submissions and evaluates; only the chair resolves.
COMMITTEE_IN_OWN_DISTRICT = frozenset(
    {P.VIEW_APPLICATION, P.VIEW_PERSONAL_DOCUMENT, P.EVALUATE, P.VIEW_AREA}
)
CHAIR_IN_OWN_DISTRICT = COMMITTEE_IN_OWN_DISTRICT | {P.RESOLVE}
# Province office: follows every district, opens rounds, announces, keeps the registry.
PROVINCE_OFFICER_IN_OWN_PROVINCE = frozenset(
    {
        P.VIEW_APPLICATION,
        P.VIEW_PERSONAL_DOCUMENT,
        P.VIEW_AREA,
        P.ANNOUNCE,
        P.MANAGE_ROUND,
        P.MANAGE_USERS,
        P.VIEW_AUDIT,
        P.MANAGE_REGISTRY,
    }
)

EXPECTED: dict[tuple[str, str], frozenset[Perm]] = {
    ("applicant", "owner"): APPLICANT_ON_OWN,
    ("applicant", "named_advisor"): NOTHING,
    ("applicant", "same_district"): NOTHING,
    ("applicant", "other_district_same_province"): NOTHING,
    ("applicant", "other_province"): NOTHING,
    ("advisor", "owner"): NOTHING,
    ("advisor", "named_advisor"): ADVISOR_WHERE_NAMED,
    ("advisor", "same_district"): NOTHING,
    ("advisor", "other_district_same_province"): NOTHING,
    ("advisor", "other_province"): NOTHING,
    ("district_officer", "owner"): NOTHING,
    ("district_officer", "named_advisor"): NOTHING,
    ("district_officer", "same_district"): DISTRICT_OFFICER_IN_OWN_DISTRICT,
    ("district_officer", "other_district_same_province"): NOTHING,
    ("district_officer", "other_province"): NOTHING,
    ("committee_member", "owner"): NOTHING,
    ("committee_member", "named_advisor"): NOTHING,
    ("committee_member", "same_district"): COMMITTEE_IN_OWN_DISTRICT,
    ("committee_member", "other_district_same_province"): NOTHING,
    ("committee_member", "other_province"): NOTHING,
    ("committee_chair", "owner"): NOTHING,
    ("committee_chair", "named_advisor"): NOTHING,
    ("committee_chair", "same_district"): CHAIR_IN_OWN_DISTRICT,
    ("committee_chair", "other_district_same_province"): NOTHING,
    ("committee_chair", "other_province"): NOTHING,
    ("province_officer", "owner"): NOTHING,
    ("province_officer", "named_advisor"): NOTHING,
    ("province_officer", "same_district"): PROVINCE_OFFICER_IN_OWN_PROVINCE,
    ("province_officer", "other_district_same_province"): PROVINCE_OFFICER_IN_OWN_PROVINCE,
    ("province_officer", "other_province"): NOTHING,
}

MATRIX = [
    (actor, situation, perm, perm in EXPECTED[(actor, situation)])
    for actor in ACTORS
    for situation in SITUATIONS
    for perm in Perm
]


def test_the_expected_table_covers_every_actor_and_situation():
    assert set(EXPECTED) == {(a, s) for a in ACTORS for s in SITUATIONS}
    assert {a.role for a in ACTORS.values()} == set(Role)
    assert len(MATRIX) == len(ACTORS) * len(SITUATIONS) * len(Perm) == 6 * 5 * 15


@pytest.mark.parametrize(
    ("actor", "situation", "perm", "allowed"),
    MATRIX,
    ids=[f"{a}-{s}-{p}-{'yes' if ok else 'no'}" for a, s, p, ok in MATRIX],
)
def test_permission_matrix(actor, situation, perm, allowed):
    who, where = ACTORS[actor], SITUATIONS[situation]
    assert can(who, perm, where) is allowed
    if allowed:
        assert require(who, perm, where) is None
    else:
        with pytest.raises(PermissionDenied):
            require(who, perm, where)


# --- the same rules, said as sentences ----------------------------------------------------------


def test_an_applicant_cannot_view_a_neighbours_application_in_the_same_district():
    assert can(ACTORS["applicant"], P.VIEW_APPLICATION, SITUATIONS["same_district"]) is False


def test_an_applicant_may_edit_their_own_application_in_their_own_district():
    own = Scope(HOME_PROVINCE, HOME_DISTRICT, owner_id=ME)
    assert can(ACTORS["applicant"], P.EDIT_APPLICATION, own) is True
    assert can(ACTORS["applicant"], P.VERIFY_APPLICATION, own) is False


def test_an_advisor_named_on_one_application_cannot_see_another_in_the_same_district():
    named = Scope(HOME_PROVINCE, HOME_DISTRICT, owner_id=1, advisor_ids=frozenset({ME}))
    other = Scope(HOME_PROVINCE, HOME_DISTRICT, owner_id=2, advisor_ids=frozenset({3}))
    assert can(ACTORS["advisor"], P.VIEW_APPLICATION, named) is True
    assert can(ACTORS["advisor"], P.VIEW_APPLICATION, other) is False


def test_a_named_advisor_cannot_view_personal_documents():
    named = SITUATIONS["named_advisor"]
    assert can(ACTORS["advisor"], P.VIEW_PERSONAL_DOCUMENT, named) is False


def test_a_committee_member_who_is_not_chair_cannot_resolve():
    assert can(ACTORS["committee_member"], P.RESOLVE, SITUATIONS["same_district"]) is False


def test_a_committee_chair_of_district_a_is_not_chair_for_district_b():
    chair_of_a = ACTORS["committee_chair"]
    district_a = Scope(HOME_PROVINCE, HOME_DISTRICT, owner_id=SOMEONE_ELSE)
    district_b = Scope(HOME_PROVINCE, NEIGHBOUR_DISTRICT, owner_id=SOMEONE_ELSE)
    assert can(chair_of_a, P.RESOLVE, district_a) is True
    assert can(chair_of_a, P.RESOLVE, district_b) is False
    assert Rel.CHAIR in relations(chair_of_a, district_a)
    assert Rel.CHAIR not in relations(chair_of_a, district_b)
    assert Rel.DISTRICT not in relations(chair_of_a, district_b)


def test_a_chair_is_not_chair_for_the_same_district_code_in_another_province():
    chair = Actor(ME, Role.COMMITTEE, HOME_PROVINCE, HOME_DISTRICT, is_chair=True)
    elsewhere = Scope(FAR_PROVINCE, HOME_DISTRICT, owner_id=SOMEONE_ELSE)
    assert can(chair, P.RESOLVE, elsewhere) is False
    assert relations(chair, elsewhere) == frozenset()


def test_a_district_officer_has_no_view_area_on_the_province_wide_scope():
    officer_of_a = ACTORS["district_officer"]
    province_wide = Scope(HOME_PROVINCE, None)
    assert can(officer_of_a, P.VIEW_AREA, province_wide) is False
    assert relations(officer_of_a, province_wide) == frozenset({Rel.PROVINCE})
    assert can(officer_of_a, P.VIEW_AREA, Scope(HOME_PROVINCE, HOME_DISTRICT)) is True


def test_a_committee_member_has_no_view_area_on_the_province_wide_scope():
    assert can(ACTORS["committee_chair"], P.VIEW_AREA, Scope(HOME_PROVINCE, None)) is False


def test_the_province_officer_has_view_area_on_the_province_wide_scope_of_own_province_only():
    officer = ACTORS["province_officer"]
    assert can(officer, P.VIEW_AREA, Scope(HOME_PROVINCE, None)) is True
    assert can(officer, P.VIEW_AREA, Scope(FAR_PROVINCE, None)) is False


def test_a_district_officer_without_a_district_gets_no_district_rights_province_wide():
    unplaced = Actor(ME, Role.DISTRICT_OFFICER, HOME_PROVINCE, None)
    assert can(unplaced, P.VIEW_AREA, Scope(HOME_PROVINCE, None)) is False
    assert can(unplaced, P.VERIFY_APPLICATION, Scope(HOME_PROVINCE, HOME_DISTRICT)) is False


def test_an_actor_without_any_area_gets_nothing_by_area():
    nowhere = Actor(ME, Role.PROVINCE_OFFICER, None, None)
    assert relations(nowhere, Scope(HOME_PROVINCE, HOME_DISTRICT)) == frozenset()
    assert can(nowhere, P.ANNOUNCE, Scope(HOME_PROVINCE, None)) is False


def test_a_scope_without_owner_makes_nobody_owner():
    no_owner = Scope(HOME_PROVINCE, HOME_DISTRICT, owner_id=None)
    assert Rel.OWNER not in relations(ACTORS["applicant"], no_owner)
    assert can(ACTORS["applicant"], P.VIEW_APPLICATION, no_owner) is False


def test_nobody_announces_or_manages_another_province():
    far = Scope(FAR_PROVINCE, None)
    for actor in ACTORS.values():
        for perm in (P.ANNOUNCE, P.MANAGE_ROUND, P.MANAGE_USERS, P.VIEW_AUDIT, P.VIEW_AREA):
            assert can(actor, perm, far) is False, (actor.role, perm)


def test_require_raises_permission_denied_with_a_thai_message():
    with pytest.raises(PermissionDenied) as caught:
        require(ACTORS["applicant"], P.RESOLVE, SITUATIONS["owner"])
    assert caught.value.message == "คุณไม่มีสิทธิ์ทำรายการนี้"
    assert THAI.search(str(caught.value))


def test_relations_of_the_owner_in_their_own_district():
    own = Scope(HOME_PROVINCE, HOME_DISTRICT, owner_id=ME)
    assert relations(ACTORS["applicant"], own) == frozenset({Rel.OWNER, Rel.DISTRICT, Rel.PROVINCE})
