"""Thai text for fpdf2: where a line may break, and only characters the font can draw.

Thai is written without spaces between words, so fpdf2 (which breaks lines at spaces and, for a
word wider than the line, anywhere) would cut words and start lines with a tone mark or a
following vowel. ICU's line breaker knows Thai words: we join its segments with U+200B
ZERO WIDTH SPACE, where fpdf2 also breaks, and which measures nothing once shaping is on.
A segment wider than the space it must fit in (a long name in a narrow table column) is split
further, between syllable-like clusters, never before a combining mark or a following vowel.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont
from icu4py.breakers import CharacterBreaker, LineBreaker

ZWSP = "\u200b"
REPLACEMENT = "?"
# A line must never start with these: they belong to the consonant before them.
FOLLOWING_VOWELS = frozenset("ะาำๅๆฯ")
# Nor should a line end with these: they are written before the consonant they belong to.
LEADING_VOWELS = frozenset("เแโใไ")
KEEP = frozenset("\n\t")


def is_combining(ch: str) -> bool:
    return unicodedata.combining(ch) != 0 or unicodedata.category(ch) in ("Mn", "Me")


def may_start_line(piece: str) -> bool:
    """False when a line beginning with `piece` would be broken Thai."""
    first = piece.lstrip(ZWSP)[:1]
    return not first or not (is_combining(first) or first in FOLLOWING_VOWELS)


@lru_cache(maxsize=8)
def font_characters(font_path: str) -> frozenset[int]:
    with TTFont(Path(font_path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def drawable(text: str, font_path: str) -> str:
    """`text` with what the font cannot draw replaced by "?" and control characters dropped.

    The user's words reach the PDF whatever they typed (emoji, other scripts, a stray control
    character from a spreadsheet): the document is still produced, never an exception."""
    known = font_characters(font_path)
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in KEEP or ch == ZWSP:
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            continue
        elif ord(ch) in known:
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(REPLACEMENT)
    return "".join(out)


def _clusters(word: str) -> list[str]:
    """Pieces of one word that may be split between: grapheme clusters with following vowels
    kept with what precedes them and leading vowels with what follows."""
    pieces: list[str] = []
    pending = ""
    for cluster in CharacterBreaker(word, "th"):
        if pieces and not pending and not may_start_line(cluster):
            pieces[-1] += cluster
        elif cluster in LEADING_VOWELS:
            pending += cluster
        else:
            pieces.append(pending + cluster)
            pending = ""
    if pending:
        if pieces:
            pieces[-1] += pending
        else:
            pieces.append(pending)
    return pieces


def segments(paragraph: str) -> list[str]:
    """ICU's line-break segments of one paragraph (no newlines)."""
    if not paragraph:
        return []
    return list(LineBreaker(paragraph, "th"))


def breakable(
    text: str, *, width: float | None = None, measure: Callable[[str], float] | None = None
) -> str:
    """`text` with U+200B at every place a line may break.

    With `width` and `measure` (the font's string width), a segment wider than `width` is cut
    into clusters so the renderer never has to cut it mid-cluster itself."""
    lines = []
    for paragraph in text.replace(ZWSP, "").split("\n"):
        parts: list[str] = []
        for segment in segments(paragraph):
            if width is not None and measure is not None and measure(segment) > width:
                parts.extend(_clusters(segment))
            else:
                parts.append(segment)
        lines.append(ZWSP.join(parts))
    return "\n".join(lines)
