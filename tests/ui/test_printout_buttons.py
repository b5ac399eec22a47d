"""Who gets which printed document, on which screen."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.ui.conftest import log_in, new_app, texts


def downloads(at: AppTest) -> list[str]:
    return [e.proto.label for e in at.get("download_button")]


@pytest.mark.parametrize(
    ("username", "page", "expected"),
    [
        ("applicant-community", "views/summary.py", ["พิมพ์สรุปผลการประเมินตนเอง (PDF)"]),
        ("applicant-group", "views/summary.py", ["พิมพ์สรุปผลการประเมินตนเอง (PDF)"]),
        ("advisor", "views/advise.py", ["พิมพ์ใบสมัคร (PDF)", "พิมพ์สรุปผลการประเมินตนเอง (PDF)"]),
        ("committee-muang", "views/review.py", ["พิมพ์ใบสมัคร (PDF)", "พิมพ์สรุปผลการประเมินตนเอง (PDF)"]),
    ],
)
def test_the_documents_are_offered_where_the_work_is(username, page, expected):
    at = log_in(username)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert downloads(at)[: len(expected)] == expected


def test_the_public_gets_no_document_and_an_applicant_only_their_own():
    at = new_app().run()
    assert not at.exception and downloads(at) == []
    at = log_in("applicant-group")
    assert downloads(at) == []  # home: no certificate before an announcement
    at.switch_page("views/apply.py").run()
    assert downloads(at) == ["พิมพ์ใบสมัคร (PDF)"]  # beside the document it becomes, signed


def test_a_certificate_code_is_checked_on_the_public_page():
    at = new_app()
    at.switch_page("views/certificate.py").run()
    assert not at.exception, at.exception
    at.text_input[0].input("NOTACODE22")
    at.button[0].click().run()
    assert "ไม่พบใบประกาศที่มีรหัสนี้" in texts(at)
