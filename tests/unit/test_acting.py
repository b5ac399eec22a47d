"""An officer filling in for an applicant: the pure rules in core.permission."""

from __future__ import annotations

from dataclasses import replace

import pytest

from core.errors import PermissionDenied
from core.permission import Actor, Perm, Scope, can, owner_id_of, workflow_role
from core.roles import Role
from core.workflow import Action, Status, transition

OFFICER = Actor(7, Role.DISTRICT_OFFICER, "27", "2701")
PAPER_APPLICANT = 42
ACTING = replace(OFFICER, acting_for=PAPER_APPLICANT)
THEIR_FILE = Scope("27", "2701", owner_id=PAPER_APPLICANT)
NEIGHBOURS_FILE = Scope("27", "2701", owner_id=43)
DISTRICT = Scope("27", "2701")


def test_an_officer_acting_is_the_applicant_to_the_workflow():
    assert workflow_role(ACTING) is Role.APPLICANT
    assert transition(Status.DRAFT, Action.SUBMIT_APPLICATION, workflow_role(ACTING)) is (
        Status.SUBMITTED
    )
    assert transition(Status.ACCEPTED, Action.SUBMIT_TO_COMMITTEE, workflow_role(ACTING)) is (
        Status.UNDER_REVIEW
    )


def test_an_officer_not_acting_keeps_their_own_role():
    assert workflow_role(OFFICER) is Role.DISTRICT_OFFICER
    assert owner_id_of(OFFICER) == OFFICER.user_id


def test_the_file_worked_on_is_the_applicants():
    assert owner_id_of(ACTING) == PAPER_APPLICANT


def test_acting_reaches_only_that_applicants_file():
    assert can(ACTING, Perm.EDIT_APPLICATION, THEIR_FILE) is True
    assert can(ACTING, Perm.EDIT_APPLICATION, NEIGHBOURS_FILE) is False
    assert can(ACTING, Perm.VIEW_APPLICATION, NEIGHBOURS_FILE) is False
    assert can(OFFICER, Perm.EDIT_APPLICATION, NEIGHBOURS_FILE) is True
    assert can(ACTING, Perm.VIEW_AREA, DISTRICT) is True  # the district's lists, as before


def test_acting_does_not_widen_the_officers_area():
    elsewhere = Scope("27", "2706", owner_id=PAPER_APPLICANT)
    assert can(ACTING, Perm.EDIT_APPLICATION, elsewhere) is False


@pytest.mark.parametrize(
    "role", [Role.APPLICANT, Role.ADVISOR, Role.COMMITTEE, Role.PROVINCE_OFFICER]
)
def test_nobody_else_may_carry_acting_for(role):
    borrowed = Actor(7, role, "27", "2701", acting_for=PAPER_APPLICANT)
    for perm in Perm:
        assert can(borrowed, perm, THEIR_FILE) is False
    with pytest.raises(PermissionDenied):
        workflow_role(borrowed)
    with pytest.raises(PermissionDenied):
        owner_id_of(borrowed)
