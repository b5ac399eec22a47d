from __future__ import annotations

import pytest

from core.committee_rules import Judgement, Quorum, check_evaluation, require_quorum
from core.errors import InvalidInput

OPINIONS = ("pass", "revise", "not_pass")


@pytest.mark.parametrize(("members", "needed"), [(1, 1), (2, 2), (3, 2), (4, 3), (5, 3), (6, 4)])
def test_more_than_half_of_the_members_must_evaluate(members, needed):
    assert Quorum(evaluated=needed, members=members).reached
    assert not Quorum(evaluated=needed - 1, members=members).reached
    assert Quorum(evaluated=0, members=members).needed == needed


def test_the_quorum_message_gives_the_numbers():
    with pytest.raises(InvalidInput, match="ประเมินแล้ว 1 จาก 3 คน ต้องอย่างน้อย 2 คน"):
        require_quorum(Quorum(evaluated=1, members=3))
    require_quorum(Quorum(evaluated=2, members=3))


def test_every_missing_choice_is_named_in_one_message():
    judgements = [Judgement("ทำบัญชี", None), Judgement("ประชุม", True), Judgement("เวที", None)]
    with pytest.raises(InvalidInput) as refused:
        check_evaluation(judgements, None, "x", opinions=OPINIONS)
    message = refused.value.message
    assert "“ทำบัญชี”" in message and "“เวที”" in message and "“ประชุม”" not in message
    assert "ความเห็นโดยรวม" in message


def test_an_unknown_opinion_counts_as_not_chosen():
    with pytest.raises(InvalidInput, match="ความเห็นโดยรวม"):
        check_evaluation([Judgement("ทำบัญชี", True)], "maybe", None, opinions=OPINIONS)


def test_not_reached_needs_a_reason_and_reached_does_not():
    with pytest.raises(InvalidInput, match="“ประชุม”"):
        check_evaluation(
            [Judgement("ทำบัญชี", True), Judgement("ประชุม", False, " ")],
            "pass",
            None,
            opinions=OPINIONS,
        )
    check_evaluation(
        [Judgement("ทำบัญชี", True), Judgement("ประชุม", False, "ยังไม่ถึงเป้า")],
        "pass",
        None,
        opinions=OPINIONS,
    )


@pytest.mark.parametrize("opinion", ["revise", "not_pass"])
def test_only_should_pass_may_leave_the_comments_empty(opinion):
    with pytest.raises(InvalidInput, match="ข้อเสนอแนะ"):
        check_evaluation([Judgement("ทำบัญชี", True)], opinion, "  ", opinions=OPINIONS)
    check_evaluation([Judgement("ทำบัญชี", True)], opinion, "ควรเพิ่มหลักฐาน", opinions=OPINIONS)
    check_evaluation([Judgement("ทำบัญชี", True)], "pass", None, opinions=OPINIONS)
