"""Self-assessment rounds: every 3 or 6 months over the 12 months after a start date."""

from __future__ import annotations

import calendar
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from core.errors import InvalidInput

CADENCES = (3, 6)
PERIOD_MONTHS = 12
GRACE_DAYS = 30


class RoundState(StrEnum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    OVERDUE = "overdue"
    DONE = "done"


ROUND_STATE_LABELS: dict[RoundState, str] = {
    RoundState.NOT_OPEN: "ยังไม่ถึงกำหนด",
    RoundState.OPEN: "ถึงกำหนดประเมิน",
    RoundState.OVERDUE: "เลยกำหนด",
    RoundState.DONE: "ประเมินแล้ว",
}


@dataclass(frozen=True)
class AssessmentRound:
    """`overdue_after` is the last day of the open window; the round is overdue the day after."""

    number: int
    due: date
    overdue_after: date

    def state(self, today: date, submitted: bool) -> RoundState:
        return round_state(self.due, today, submitted)


def add_months(d: date, months: int) -> date:
    year, month_index = divmod(d.year * 12 + d.month - 1 + months, 12)
    month = month_index + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def _check_cadence(cadence_months: int) -> None:
    if cadence_months not in CADENCES:
        raise InvalidInput("รอบการประเมินตนเองต้องเป็นทุก 3 เดือนหรือทุก 6 เดือนเท่านั้น")


def due_dates(start: date, cadence_months: int) -> list[date]:
    _check_cadence(cadence_months)
    steps = range(cadence_months, PERIOD_MONTHS + 1, cadence_months)
    return [add_months(start, months) for months in steps]


def overdue_from(due: date) -> date:
    return due + timedelta(days=GRACE_DAYS)


def round_state(due: date, today: date, submitted: bool) -> RoundState:
    if submitted:
        return RoundState.DONE
    if today < due:
        return RoundState.NOT_OPEN
    if today < overdue_from(due):
        return RoundState.OPEN
    return RoundState.OVERDUE


def rounds(start: date, cadence: int) -> list[AssessmentRound]:
    return [
        AssessmentRound(number=number, due=due, overdue_after=overdue_from(due) - timedelta(days=1))
        for number, due in enumerate(due_dates(start, cadence), start=1)
    ]


def next_due(
    start: date, cadence: int, submitted_numbers: Collection[int], today: date
) -> AssessmentRound | None:
    for assessment_round in rounds(start, cadence):
        if assessment_round.number not in submitted_numbers:
            return assessment_round
    return None


def due_rounds_done(
    start: date, cadence: int, submitted_numbers: Collection[int], today: date
) -> bool:
    return all(r.number in submitted_numbers for r in rounds(start, cadence) if r.due <= today)


def year_complete(start: date, cadence: int, submitted_numbers: Collection[int]) -> bool:
    return all(r.number in submitted_numbers for r in rounds(start, cadence))
