"""The layering rules, checked on the source: core stays pure, pages never touch the database."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]

CORE_ALLOWED_THIRD_PARTY = frozenset({"stdnum"})
CORE_FORBIDDEN = frozenset(
    {
        "streamlit",
        "sqlalchemy",
        "pandas",
        "fpdf",
        "alembic",
        "db",
        "services",
        "ui",
        "pages",
        "views",
        "reports",
        "app",
        "manage",
        "settings",
    }
)
PAGES_FORBIDDEN = frozenset({"db", "sqlalchemy"})


def imported_modules(source: str, package: str = "") -> list[tuple[int, str]]:
    """Every module a source imports, as (line, dotted name); relative imports resolved in package.

    Also catches `importlib.import_module("x")` and `__import__("x")` with a literal name.
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
                name = ".".join([*base, node.module] if node.module else base)
                found.append((node.lineno, name or "."))
            else:
                found.append((node.lineno, node.module or ""))
        elif (
            isinstance(node, ast.Call)
            and _is_dynamic_import(node.func)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return sorted(found)


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def top(name: str) -> str:
    return name.split(".")[0]


def core_violations(source: str, package: str = "core") -> list[str]:
    """Imports a core module may not make: anything but stdlib, core.*, or the allow-list."""
    bad = []
    for line, name in imported_modules(source, package):
        head = top(name)
        permitted = (
            head == "core" or head in sys.stdlib_module_names or head in CORE_ALLOWED_THIRD_PARTY
        )
        if not permitted or head in CORE_FORBIDDEN:
            bad.append(f"line {line}: {name}")
    return bad


def forbidden_imports(source: str, forbidden: frozenset[str], package: str = "") -> list[str]:
    return [
        f"line {line}: {name}"
        for line, name in imported_modules(source, package)
        if top(name) in forbidden
    ]


def python_files(folder: str) -> list[Path]:
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])


def rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


CORE_FILES = python_files("core")
PAGE_FILES = python_files("views")  # the screens (see README: why not pages/)


# --- the checker checks itself ------------------------------------------------------------------


def test_the_checker_reports_an_sqlalchemy_import_in_core():
    source = "from __future__ import annotations\nimport re\nfrom sqlalchemy import select\n"
    assert core_violations(source) == ["line 3: sqlalchemy"]


def test_the_checker_reports_plain_dotted_and_aliased_imports():
    source = "import streamlit as st\nimport sqlalchemy.orm\nfrom db.models import User\n"
    assert core_violations(source) == [
        "line 1: streamlit",
        "line 2: sqlalchemy.orm",
        "line 3: db.models",
    ]


def test_the_checker_reports_an_import_hidden_in_a_function_or_type_checking_block():
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    import pandas\n"
        "def f():\n"
        "    from services import users\n"
    )
    assert core_violations(source) == ["line 3: pandas", "line 5: services"]


def test_the_checker_reports_a_dynamic_import_by_literal_name():
    source = "import importlib\nmod = importlib.import_module('fpdf')\nx = __import__('ui')\n"
    assert core_violations(source) == ["line 2: fpdf", "line 3: ui"]


def test_the_checker_accepts_stdlib_core_relative_and_allow_listed_imports():
    source = (
        "from __future__ import annotations\n"
        "import re, datetime\n"
        "from zoneinfo import ZoneInfo\n"
        "from core.errors import InvalidInput\n"
        "from .roles import Role\n"
        "from stdnum.th import pin\n"
    )
    assert core_violations(source) == []
    assert imported_modules(source, "core") == [
        (1, "__future__"),
        (2, "datetime"),
        (2, "re"),
        (3, "zoneinfo"),
        (4, "core.errors"),
        (5, "core.roles"),
        (6, "stdnum.th"),
    ]


def test_the_checker_resolves_a_relative_import_that_climbs_out_of_core():
    assert core_violations("from ..db import models\n", "core") == ["line 1: db"]
    assert core_violations("from .. import settings\n", "core.sub") == []
    assert core_violations("from ...ui import widgets\n", "core.sub") == ["line 1: ui"]


def test_the_checker_reports_an_unknown_third_party_package():
    assert core_violations("import requests\n") == ["line 1: requests"]


def test_the_pages_checker_reports_db_and_sqlalchemy_but_not_services():
    source = "from services import users\nfrom db.engine import make_engine\nimport sqlalchemy\n"
    assert forbidden_imports(source, PAGES_FORBIDDEN, "pages") == [
        "line 2: db.engine",
        "line 3: sqlalchemy",
    ]


def test_the_pages_checker_does_not_mistake_a_prefix_for_db():
    assert forbidden_imports("import dbus\nimport dbm\n", PAGES_FORBIDDEN, "pages") == []


def test_the_walk_finds_the_core_modules_and_the_pages():
    names = {p.name for p in CORE_FILES}
    assert {"workflow.py", "permission.py", "roles.py", "steps.py", "errors.py"} <= names
    assert len(PAGE_FILES) >= 1
    assert all(rel(p).startswith("views") for p in PAGE_FILES)


# --- the rules on the repository ----------------------------------------------------------------


@pytest.mark.parametrize("path", CORE_FILES, ids=rel)
def test_core_modules_import_only_stdlib_core_or_the_allow_list(path):
    source = path.read_text(encoding="utf-8")
    assert core_violations(source, package_of(path)) == []


@pytest.mark.parametrize("path", CORE_FILES, ids=rel)
def test_core_modules_import_no_framework_database_or_outer_layer(path):
    source = path.read_text(encoding="utf-8")
    assert forbidden_imports(source, CORE_FORBIDDEN, package_of(path)) == []


@pytest.mark.parametrize("path", PAGE_FILES, ids=rel)
def test_pages_do_not_import_the_database_layer(path):
    source = path.read_text(encoding="utf-8")
    found = [
        f"line {line}: {name}"
        for line, name in imported_modules(source, package_of(path))
        if top(name) in PAGES_FORBIDDEN
    ]
    assert found == []


CONTENT_TABLE_OWNERS = {
    "services/storage/database.py",
    "db/models/applications.py",
    "db/models/__init__.py",
}


def test_only_the_database_store_touches_the_document_contents_table():
    """Every other module reads and writes uploaded bytes through services.storage."""
    found = []
    for folder in ("services", "views", "ui", "reports", "db", "core"):
        for path in python_files(folder):
            if "migrations" in path.parts or rel(path) in CONTENT_TABLE_OWNERS:
                continue
            source = path.read_text(encoding="utf-8")
            if "DocumentContent" in source or "document_contents" in source:
                found.append(rel(path))
    for name in ("app.py", "manage.py"):
        if "DocumentContent" in (ROOT / name).read_text(encoding="utf-8"):
            found.append(name)
    assert found == []
