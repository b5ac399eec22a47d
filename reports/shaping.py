"""Shaped text widths for fpdf2, each measured once and a line's prefixes from one shaping.

fpdf2's line breaker asks the font for the width of every character on its own and then of the
line so far, one character longer each time, and shapes each of these strings with HarfBuzz
from scratch: a line of n characters costs n + n shapings of strings up to n long, and a table
or `dry_run` measures every cell twice. That was most of a Thai PDF's time.

`adopt(font)` gives one of our document's fonts two shortcuts, both giving exactly the widths
fpdf2 computes itself:

- a width, once measured, is remembered per (font file, size, shaping settings, text), across
  documents (a pure function of the font: no per-document state is kept);
- while `hint(text)` is active (our `multi_cell`), the width of a piece of `text` is taken from
  one shaping of the rest of that text's line, where HarfBuzz marks a cluster boundary as safe
  to break: shaping the part before it alone gives the same glyphs
  (HB_GLYPH_FLAG_UNSAFE_TO_BREAK unset). Anywhere else the piece is shaped on its own.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import uharfbuzz as hb
from fpdf.enums import TextDirection
from fpdf.fonts import TTFFont

# A run is shaped this far ahead of where a line starts: longer than any line of ours.
RUN_CHARS = 240
# Both memos are emptied when full, keeping memory bounded in a long-running server.
MAX_WIDTHS = 20_000
MAX_RUNS = 400

_widths: dict[tuple[Any, ...], tuple[int, float]] = {}
_runs: dict[tuple[Any, ...], _Run] = {}
_local = threading.local()


@contextmanager
def hint(text: str) -> Iterator[None]:
    """Widths asked for in this block are mostly of pieces of `text`."""
    before = getattr(_local, "text", None)
    _local.text = text
    try:
        yield
    finally:
        _local.text = before


def forget() -> None:
    """Empty both memos (the benchmark measures documents never printed before)."""
    _widths.clear()
    _runs.clear()


def adopt(font: TTFFont) -> None:
    """Make `font`, a static font added to an FPDF, measure through the memos."""
    if "fvar" in font.ttfont or font.is_symbol:  # instances or remapped text: keep fpdf2's way
        return
    font.__class__ = MemoFont


class _Run:
    """One shaping of `text`: (glyph count, width) before each safe cluster boundary."""

    __slots__ = ("cuts", "shaped_as", "text")

    def __init__(
        self, shaped_as: tuple[Any, ...], text: str, cuts: dict[int, tuple[int, float]]
    ) -> None:
        self.shaped_as = shaped_as  # (font file, size, shaping settings)
        self.text = text
        self.cuts = cuts


def _shaping_key(params: dict[str, Any]) -> tuple[Any, ...]:
    features = params.get("features")
    return (
        params.get("fragment_direction"),
        params.get("script"),
        params.get("language"),
        tuple(sorted(features.items())) if features else (),
    )


def _remember(
    memo: dict[tuple[Any, ...], Any], key: tuple[Any, ...], value: Any, most: int
) -> None:
    if len(memo) >= most:
        memo.clear()
    memo[key] = value


class MemoFont(TTFFont):
    __slots__ = ()

    def get_text_width(
        self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None
    ) -> tuple[int, float]:
        if not text_shaping_params:
            return super().get_text_width(text, font_size_pt, text_shaping_params)
        if font_size_pt > self.biggest_size_pt:
            self.biggest_size_pt = font_size_pt
        shaping = _shaping_key(text_shaping_params)
        key = (self.ttffile, font_size_pt, shaping, text)
        known = _widths.get(key)
        if known is None:
            known = self._from_run(text, font_size_pt, text_shaping_params, shaping)
            if known is None:
                known = self.shaped_text_width(text, font_size_pt, text_shaping_params)
            _remember(_widths, key, known, MAX_WIDTHS)
        return known

    def _from_run(
        self, text: str, size: float, params: dict[str, Any], shaping: tuple[Any, ...]
    ) -> tuple[int, float] | None:
        context = getattr(_local, "text", None)
        # Direction and script given, not guessed from the string: a piece and the whole
        # are then shaped alike.
        if not text or not context or shaping[0] is not TextDirection.LTR or not shaping[1]:
            return None
        shaped_as = (self.ttffile, size, shaping)
        last = getattr(_local, "run", None)
        if last is None or last.shaped_as != shaped_as or not last.text.startswith(text):
            start = context.find(text)
            if start < 0:
                return None
            end = context.find("\n", start)
            end = min(start + RUN_CHARS, len(context) if end < 0 else end)
            last = self._run(context[start:end], size, params, shaped_as)
            _local.run = last
        return last.cuts.get(len(text))

    def _run(
        self, text: str, size: float, params: dict[str, Any], shaped_as: tuple[Any, ...]
    ) -> _Run:
        key = (*shaped_as, text)
        run = _runs.get(key)
        if run is not None:
            return run
        infos, positions = self.perform_harfbuzz_shaping(text, size, params)
        run = _Run(shaped_as, text, _cuts(infos, positions, len(text), self.scale, size))
        _remember(_runs, key, run, MAX_RUNS)
        return run


def _cuts(
    infos: list[Any], positions: list[Any], length: int, scale: float, size: float
) -> dict[int, tuple[int, float]]:
    """(glyphs, width) of the text before each cluster that may be cut from what precedes it,
    summed glyph by glyph as fpdf2's `shaped_text_width` sums them, so the floats are equal."""
    cuts: dict[int, tuple[int, float]] = {}
    unsafe: set[int] = set()
    width: float = 0
    previous = -1
    for count, (info, pos) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        if cluster < previous:  # not in logical order: no shortcut for this run
            return {}
        if cluster != previous:
            cuts[cluster] = (count, width)
            previous = cluster
        if info.flags & hb.GlyphFlags.UNSAFE_TO_BREAK:
            unsafe.add(cluster)
        width += round(scale * pos.x_advance + 0.001) * size * 0.001
    cuts[length] = (len(positions), width)
    for cluster in unsafe:
        cuts.pop(cluster, None)
    return cuts
