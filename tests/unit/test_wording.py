"""One Thai term for one thing across the portal's screens and messages (see the domain notes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
FOLDERS = ("core", "services", "ui", "views")
# A disabled account is "ปิดใช้งาน"; only a lockout after wrong passwords is "ระงับ...ชั่วคราว".
SUSPENDED = re.compile(r"ระงับ(?!การเข้าสู่ระบบชั่วคราว)")
CERTIFICATE = "ใบรับรอง"  # the certificate is "ใบประกาศ"


def _sources() -> list[tuple[str, str]]:
    files = [p for folder in FOLDERS for p in sorted((ROOT / folder).glob("*.py"))]
    return [(str(p.relative_to(ROOT)), p.read_text(encoding="utf-8")) for p in files]


def _lines_with(found: re.Pattern[str] | str) -> list[str]:
    pattern = re.compile(found) if isinstance(found, str) else found
    return [
        f"{name}:{n}"
        for name, text in _sources()
        for n, line in enumerate(text.splitlines(), start=1)
        if pattern.search(line)
    ]


@pytest.mark.parametrize(
    ("found", "use_instead"),
    [(CERTIFICATE, "ใบประกาศ"), (SUSPENDED, "ปิดใช้งาน")],
)
def test_the_portal_uses_one_word_for_each_thing(found, use_instead):
    places = _lines_with(found)
    assert not places, f"write “{use_instead}” instead at: {places}"


def test_the_scan_would_see_the_old_words():
    assert SUSPENDED.search("ระงับบัญชีผู้ใช้")
    assert not SUSPENDED.search("ระงับการเข้าสู่ระบบชั่วคราว เพราะใส่รหัสผ่านผิดหลายครั้ง")
    assert len(_sources()) > 40
