"""Which screens to measure, read from ui/navigation.py, and how to know a run showed them.

The menus are built by the portal's own functions (navigation.public_pages and
navigation.role_pages) with a stand-in for st.Page that only records its arguments, so a
screen added to a role's menu is measured without touching the benchmark. The harness also
checks, per screen, that the server's navigation message lists the same url path.

The heading a screen must show is read from its source: the first `st.title(...)` of the
view file (a literal, the literal start of an f-string, either branch of a conditional), or
`current.step_header(n)` (the step's title from core.steps); failing both, the menu title.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent

# The demo users the benchmark signs in as, one per role (and two applicants: a group, whose
# file is further on, and a leader); None is a visitor who is not signed in.
USERS: tuple[str | None, ...] = (
    "applicant-group",
    "applicant-leader",
    "advisor",
    "officer-muang",
    "committee-muang",
    "province",
    None,
)


@dataclass(frozen=True)
class Screen:
    user: str | None  # demo username, None when signed out
    file: str  # views/….py
    title: str  # the menu title
    url_path: str  # the address after the host ("" for the role's home)
    hidden: bool
    expected: tuple[str, ...]  # the run must show a main-area heading starting with one of these

    @property
    def id(self) -> str:
        return f"{self.user or 'public'}:{self.url_path or 'home'}"

    @property
    def role_label(self) -> str:
        return self.user or "public (signed out)"


class _RecordedPage:
    """Takes st.Page's arguments and keeps what the benchmark needs."""

    def __init__(
        self,
        page: str,
        *,
        title: str | None = None,
        icon: str | None = None,
        url_path: str | None = None,
        default: bool = False,
        visibility: str = "visible",
    ) -> None:
        self.file = str(page)
        self.title = title or Path(page).stem
        self.url_path = "" if default else (url_path or Path(page).stem)
        self.hidden = visibility == "hidden"


@contextmanager
def _recording() -> Iterator[object]:
    from ui import navigation

    fake_st = SimpleNamespace(Page=_RecordedPage)
    with (
        mock.patch.object(navigation, "st", fake_st),
        mock.patch.object(navigation.session, "must_change_password", lambda: False),
    ):
        yield navigation


def menu(user: str | None) -> list[_RecordedPage]:
    """The pages ui/navigation.py gives this demo user (their role's menu), in menu order."""
    from services.demo import DEMO_USERS

    with _recording() as navigation:
        if user is None:
            pages = navigation.public_pages()  # type: ignore[attr-defined]
        else:
            role = next(u.role for u in DEMO_USERS if u.username == user)
            sections = navigation.role_pages(role)  # type: ignore[attr-defined]
            pages = [p for section in sections.values() for p in section]
    return list(pages)


def display_name(user: str) -> str:
    from services.demo import DEMO_USERS

    return next(u.display_name for u in DEMO_USERS if u.username == user)


def _literal_starts(node: ast.expr) -> tuple[str, ...]:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return (node.value,)
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value:
            return (first.value,)
    if isinstance(node, ast.IfExp):
        return _literal_starts(node.body) + _literal_starts(node.orelse)
    return ()


def expected_headings(file: str, menu_title: str) -> tuple[str, ...]:
    from core.steps import STEP_TITLES

    tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
    calls = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args),
        key=lambda n: (n.lineno, n.col_offset),
    )
    for call in calls:
        func = call.func
        if not isinstance(func, ast.Attribute):
            continue
        if func.attr == "title" and isinstance(func.value, ast.Name) and func.value.id == "st":
            found = _literal_starts(call.args[0])
            if found:
                return found
        if func.attr == "step_header" and isinstance(call.args[0], ast.Constant):
            return (STEP_TITLES[int(call.args[0].value) - 1],)
    return (menu_title,)


def screens(users: tuple[str | None, ...] = USERS) -> list[Screen]:
    """Every screen of every listed user's menu; a signed-in user's login page is left out
    (app.py only forwards it to the home) and so is a page already listed for that user."""
    found: list[Screen] = []
    for user in users:
        seen: set[str] = set()
        for page in menu(user):
            if page.url_path in seen or (user is not None and page.file.endswith("login.py")):
                continue
            seen.add(page.url_path)
            found.append(
                Screen(
                    user=user,
                    file=page.file,
                    title=page.title,
                    url_path=page.url_path,
                    hidden=page.hidden,
                    expected=expected_headings(page.file, page.title),
                )
            )
    return found


if __name__ == "__main__":
    for s in screens():
        print(f"{s.id:40} {s.file:32} hidden={s.hidden!s:5} expects {s.expected}")
