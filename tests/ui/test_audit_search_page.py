"""The audit search refuses a date range it cannot use, and then lists nothing."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import log_in

SEARCH = "views/audit_search.py"


def _search_page() -> AppTest:
    at = log_in("province")  # the login itself is an event to find
    at.switch_page(SEARCH).run()
    assert not at.exception, at.exception
    assert len(at.dataframe[0].value) >= 1  # before any search: the latest events
    return at


def _search(at: AppTest, date_from: str, date_to: str) -> AppTest:
    at.text_input(key="audit_from").input(date_from)
    at.text_input(key="audit_to").input(date_to)
    at.button[0].click().run()
    assert not at.exception, at.exception
    return at


def _errors(at: AppTest) -> str:
    return " ".join(e.value for e in at.error)


@pytest.mark.parametrize(
    ("date_from", "date_to", "message"),
    [
        ("25/11/2569", "24/11/2569", "วันที่เริ่มต้นต้องไม่อยู่หลังวันที่สิ้นสุด"),
        ("31/02/2569", "", "ไม่มีวันที่นี้ในปฏิทิน"),
        ("", "24/13/2569", "ถึงวันที่"),
    ],
)
def test_a_bad_date_range_shows_the_reason_and_no_results(date_from, date_to, message):
    at = _search(_search_page(), date_from, date_to)
    assert message in _errors(at)
    assert not at.dataframe
    assert not any("พบ" in m.value for m in at.markdown)
    assert not at.get("download_button")


def test_the_refusal_stays_until_a_good_search_lists_again():
    at = _search(_search_page(), "25/11/2569", "24/11/2569")
    at.run()  # any later run of the page
    assert "วันที่เริ่มต้น" in _errors(at) and not at.dataframe
    at = _search(at, "", "")
    assert not at.error
    assert len(at.dataframe[0].value) >= 1
