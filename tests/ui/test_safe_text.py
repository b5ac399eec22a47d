from __future__ import annotations

from ui.safe import md


def test_markdown_in_user_text_is_shown_as_typed():
    assert md("![x](http://evil.example/x.png)") == r"\!\[x\]\(http\://evil\.example/x\.png\)"


def test_html_and_streamlit_directives_are_neutralised():
    assert md("<b>:red[ชื่อ]</b>") == r"\<b\>\:red\[ชื่อ\]\</b\>"


def test_thai_text_and_spaces_stay_readable():
    assert md("กลุ่มทอผ้า   บ้านหนองบัว\n") == "กลุ่มทอผ้า บ้านหนองบัว"
    assert md(None) == ""
