"""User text inside Markdown: shown as typed, never as links, images, HTML or formatting."""

from __future__ import annotations

_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:=")


def md(value: object) -> str:
    text = "" if value is None else str(value)
    return "".join(f"\\{c}" if c in _SPECIAL else c for c in " ".join(text.split()))
