"""The fiscal years the district and province homes offer: years with a round, and this one."""

from __future__ import annotations

from datetime import date

from services import round_years
from tests.factories import make_round

TODAY = date(2026, 11, 24)  # fiscal year 2570


def test_only_years_with_a_round_of_the_province_and_this_year_newest_first(db):
    for fy in (2566, 2568, 2571):
        make_round(db, fy=fy)
    make_round(db, fy=2567, province="10")  # another province's round
    db.flush()
    assert round_years.offered(db, "27", TODAY) == [2571, 2570, 2568, 2566]


def test_a_province_without_rounds_is_offered_this_year_only(db):
    make_round(db, fy=2569, province="10")
    db.flush()
    assert round_years.offered(db, "27", TODAY) == [2570]


def test_this_years_round_is_not_offered_twice(db):
    make_round(db, fy=2570)
    db.flush()
    assert round_years.offered(db, "27", TODAY) == [2570]
