from __future__ import annotations

from datetime import date, timedelta

import pytest

from core.errors import InvalidInput
from core.schedule import (
    CADENCES,
    GRACE_DAYS,
    ROUND_STATE_LABELS,
    AssessmentRound,
    RoundState,
    add_months,
    due_dates,
    due_rounds_done,
    next_due,
    round_state,
    rounds,
    year_complete,
)

START = date(2026, 1, 15)


def days(n: int) -> timedelta:
    return timedelta(days=n)


def test_cadences_are_three_and_six_months():
    assert CADENCES == (3, 6)


def test_grace_period_is_thirty_days():
    assert GRACE_DAYS == 30


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 15), 1, date(2026, 2, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2025, 8, 31), 6, date(2026, 2, 28)),
        (date(2023, 8, 31), 6, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 10, 31), 2, date(2025, 12, 31)),
        (date(2025, 12, 31), 1, date(2026, 1, 31)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 5, 20), 0, date(2026, 5, 20)),
    ],
)
def test_add_months_clamps_day_to_end_of_month(start, months, expected):
    assert add_months(start, months) == expected


def test_due_dates_every_three_months_for_a_year():
    assert due_dates(START, 3) == [
        date(2026, 4, 15),
        date(2026, 7, 15),
        date(2026, 10, 15),
        date(2027, 1, 15),
    ]


def test_due_dates_every_six_months_for_a_year():
    assert due_dates(START, 6) == [date(2026, 7, 15), date(2027, 1, 15)]


def test_due_dates_from_leap_day_do_not_drift():
    assert due_dates(date(2024, 2, 29), 3) == [
        date(2024, 5, 29),
        date(2024, 8, 29),
        date(2024, 11, 29),
        date(2025, 2, 28),
    ]


def test_due_dates_from_month_end_are_computed_from_start_not_chained():
    # chaining 30 Nov + 3m = 28 Feb, then + 3m would give 28 May instead of 30 May
    assert due_dates(date(2025, 11, 30), 3) == [
        date(2026, 2, 28),
        date(2026, 5, 30),
        date(2026, 8, 30),
        date(2026, 11, 30),
    ]


def test_due_dates_from_31_august_every_six_months():
    assert due_dates(date(2025, 8, 31), 6) == [date(2026, 2, 28), date(2026, 8, 31)]


@pytest.mark.parametrize("cadence", [0, 1, 4, 12, -3])
def test_due_dates_reject_other_cadences_in_thai(cadence):
    with pytest.raises(InvalidInput) as excinfo:
        due_dates(START, cadence)
    assert "3 เดือน" in excinfo.value.message
    assert "6 เดือน" in excinfo.value.message


def test_round_state_labels_are_thai():
    assert ROUND_STATE_LABELS == {
        RoundState.NOT_OPEN: "ยังไม่ถึงกำหนด",
        RoundState.OPEN: "ถึงกำหนดประเมิน",
        RoundState.OVERDUE: "เลยกำหนด",
        RoundState.DONE: "ประเมินแล้ว",
    }


def test_round_state_values_are_plain_strings():
    assert RoundState.NOT_OPEN == "not_open"
    assert RoundState.OPEN.value == "open"
    assert RoundState("overdue") is RoundState.OVERDUE
    assert RoundState.DONE == "done"


def test_round_state_is_not_open_the_day_before_due():
    due = date(2026, 4, 15)
    assert round_state(due, due - days(1), submitted=False) is RoundState.NOT_OPEN


def test_round_state_opens_on_due_day():
    due = date(2026, 4, 15)
    assert round_state(due, due, submitted=False) is RoundState.OPEN


def test_round_state_is_still_open_on_last_grace_day():
    due = date(2026, 4, 15)
    assert round_state(due, due + days(GRACE_DAYS - 1), submitted=False) is RoundState.OPEN


def test_round_state_becomes_overdue_grace_days_after_due():
    due = date(2026, 4, 15)
    assert round_state(due, due + days(GRACE_DAYS), submitted=False) is RoundState.OVERDUE
    assert round_state(due, date(2026, 5, 15), submitted=False) is RoundState.OVERDUE


@pytest.mark.parametrize("offset", [-10, 0, GRACE_DAYS - 1, GRACE_DAYS, 400])
def test_round_state_is_done_whenever_submitted(offset):
    due = date(2026, 4, 15)
    assert round_state(due, due + days(offset), submitted=True) is RoundState.DONE


def test_rounds_are_numbered_from_one_with_overdue_window():
    assert rounds(START, 6) == [
        AssessmentRound(number=1, due=date(2026, 7, 15), overdue_after=date(2026, 8, 13)),
        AssessmentRound(number=2, due=date(2027, 1, 15), overdue_after=date(2027, 2, 13)),
    ]


def test_round_overdue_after_is_last_open_day():
    for r in rounds(START, 3):
        assert r.overdue_after == r.due + days(GRACE_DAYS - 1)
        assert round_state(r.due, r.overdue_after, submitted=False) is RoundState.OPEN
        assert round_state(r.due, r.overdue_after + days(1), submitted=False) is RoundState.OVERDUE


def test_round_state_method_matches_function():
    first = rounds(START, 3)[0]
    assert first.state(date(2026, 4, 14), submitted=False) is RoundState.NOT_OPEN
    assert first.state(date(2026, 4, 15), submitted=False) is RoundState.OPEN
    assert first.state(date(2026, 5, 15), submitted=False) is RoundState.OVERDUE
    assert first.state(date(2026, 5, 15), submitted=True) is RoundState.DONE


def test_assessment_round_is_frozen():
    first = rounds(START, 3)[0]
    with pytest.raises(AttributeError):
        first.number = 9  # type: ignore[misc]


def test_rounds_reject_bad_cadence():
    with pytest.raises(InvalidInput):
        rounds(START, 5)


def test_next_due_is_first_round_when_nothing_submitted():
    nxt = next_due(START, 3, set(), date(2026, 1, 20))
    assert nxt is not None
    assert (nxt.number, nxt.due) == (1, date(2026, 4, 15))


def test_next_due_skips_submitted_rounds():
    nxt = next_due(START, 3, {1, 2}, date(2026, 8, 1))
    assert nxt is not None
    assert (nxt.number, nxt.due) == (3, date(2026, 10, 15))


def test_next_due_returns_earliest_unsubmitted_even_if_later_one_done():
    nxt = next_due(START, 3, {2, 3}, date(2026, 11, 1))
    assert nxt is not None
    assert nxt.number == 1


def test_next_due_is_none_when_all_submitted():
    assert next_due(START, 6, {1, 2}, date(2027, 2, 1)) is None


def test_due_rounds_done_is_true_before_any_round_opens():
    assert due_rounds_done(START, 3, set(), date(2026, 4, 14)) is True


def test_due_rounds_done_requires_a_round_open_on_its_due_day():
    assert due_rounds_done(START, 3, set(), date(2026, 4, 15)) is False
    assert due_rounds_done(START, 3, {1}, date(2026, 4, 15)) is True


def test_due_rounds_done_ignores_rounds_not_yet_due():
    assert due_rounds_done(START, 3, {1, 2}, date(2026, 8, 1)) is True
    assert due_rounds_done(START, 3, {1}, date(2026, 8, 1)) is False


def test_year_complete_needs_every_round():
    assert year_complete(START, 3, {1, 2, 3}) is False
    assert year_complete(START, 3, {1, 2, 3, 4}) is True
    assert year_complete(START, 6, {1, 2}) is True
    assert year_complete(START, 6, {2}) is False


def test_year_complete_ignores_unknown_round_numbers():
    assert year_complete(START, 6, {1, 3, 4}) is False
