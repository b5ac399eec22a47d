"""Counts by status as horizontal stacked bars that read on a phone and on a desktop.

Thai category names sit level on the y axis (never rotated, never cut short), the status legend
sits below the bars one entry a line, and the height grows with the number of categories.

Each chart is handed to Streamlit as a plain Vega-Lite spec (`st.vega_lite_chart`), made once per
distinct set of numbers: Altair is only the way we write the spec down. `st.altair_chart` would
validate the spec against the Vega-Lite JSON schema on every rerun, which was most of a
chart page's time.
"""

from __future__ import annotations

import copy
import functools
import unicodedata
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd

from core.workflow import STATUS_LABELS, Status

# One colour per status, in workflow order, the same on every chart.
STATUS_COLOURS: dict[Status, str] = {
    Status.DRAFT: "#bdbdbd",
    Status.SUBMITTED: "#ffb74d",
    Status.RETURNED: "#e57373",
    Status.ACCEPTED: "#64b5f6",
    Status.UNDER_REVIEW: "#ba68c8",
    Status.REVISION_REQUESTED: "#f06292",
    Status.PASSED: "#81c784",
    Status.NOT_PASSED: "#9e9e9e",
    Status.CERTIFIED: "#1f6f43",
}
STATUS_ORDER = [STATUS_LABELS[s] for s in Status]
BAR_STEP = 30  # pixels a category takes, so a Thai label with tone marks fits its band
FONT_SIZE = 13
LABEL_LIMIT = 170  # widest category name in pixels; longer ones end in "…"
PX_PER_CHAR = 8  # a 13 px Thai letter, vowels and tone marks above or below taking none
X_AXIS_HEIGHT = 52  # ticks, numbers and the axis title under the bars
LEGEND_ROW = 20  # one status a line: the 13 px label and the gap under it
COUNT = "จำนวน"
STATUS = "สถานะ"


def _label_width(text: str) -> int:
    return PX_PER_CHAR * sum(1 for c in text if unicodedata.category(c) != "Mn")


def _legend_position(categories: list[str]) -> tuple[int, int]:
    """Where the legend goes, from the bars' top-left corner: under the category names. Vega
    puts a bottom legend under the bars only, which leaves a phone too little width for it."""
    axis = min(LABEL_LIMIT, max(map(_label_width, categories), default=0)) + 8  # tick, gap
    return -axis, len(categories) * BAR_STEP + X_AXIS_HEIGHT


Spec = dict[str, Any]
SPECS_KEPT = 256  # distinct charts remembered per process (each a few kilobytes)


def _spec_of(chart: alt.TopLevelMixin) -> Spec:
    with alt.theme.enable("none"):  # Streamlit's own sizing, as st.altair_chart does
        spec = chart.to_dict(validate=False)
    spec.pop("$schema", None)
    return spec


def _remembered(build: Callable[..., alt.TopLevelMixin]) -> Callable[..., Spec]:
    """The spec of `build(*args)`, built once per distinct hashable arguments; each caller gets
    its own copy (Streamlit moves the data out of the spec it is given)."""
    cached = functools.lru_cache(maxsize=SPECS_KEPT)(lambda *args: _spec_of(build(*args)))

    def spec(*args: object) -> Spec:
        return copy.deepcopy(cached(*args))

    return spec


def status_bars(table: pd.DataFrame, category: str) -> Spec:
    """`table`: one row per category (index, in the order to show), one column per status label."""
    cells = tuple(tuple(int(v) for v in row) for row in table.itertuples(index=False))
    return _status_bars(tuple(table.index), tuple(table.columns), cells, category)


@_remembered
def _status_bars(
    index: tuple[str, ...],
    columns: tuple[str, ...],
    cells: tuple[tuple[int, ...], ...],
    category: str,
) -> alt.Chart:
    table = pd.DataFrame(list(cells), index=list(index), columns=list(columns))
    long = (
        table.rename_axis(category).reset_index().melt(category, var_name=STATUS, value_name=COUNT)
    )
    long["ลำดับ"] = long[STATUS].map(STATUS_ORDER.index)
    shown = [label for label in STATUS_ORDER if label in table.columns]
    colours = [STATUS_COLOURS[status] for status in Status if STATUS_LABELS[status] in shown]
    legend_x, legend_y = _legend_position([str(c) for c in table.index])
    return (
        alt.Chart(long)
        .mark_bar()
        .encode(
            y=alt.Y(
                f"{category}:N",
                sort=list(table.index),
                title=None,
                axis=alt.Axis(labelAngle=0, labelLimit=LABEL_LIMIT, labelFontSize=FONT_SIZE),
            ),
            x=alt.X(
                f"{COUNT}:Q",
                title="จำนวนผู้สมัคร (ราย)",
                axis=alt.Axis(tickMinStep=1, format="d", titleFontSize=FONT_SIZE),
            ),
            color=alt.Color(
                f"{STATUS}:N",
                scale=alt.Scale(domain=shown, range=colours),
                legend=alt.Legend(
                    orient="none",
                    legendX=legend_x,
                    legendY=legend_y,
                    offset=0,
                    padding=0,
                    rowPadding=4,
                    direction="vertical",
                    title=None,
                    labelLimit=0,  # never cut a status name
                    labelFontSize=FONT_SIZE,
                    symbolType="square",
                ),
            ),
            order=alt.Order("ลำดับ:Q"),
            tooltip=[f"{category}:N", f"{STATUS}:N", f"{COUNT}:Q"],
        )
        .properties(
            height=alt.Step(BAR_STEP),
            # Room above the first label's tone marks, right of the last tick's number, and
            # below for the legend (Vega does not count a placed legend in the chart's height).
            padding={"top": 10, "right": 16, "bottom": LEGEND_ROW * len(shown) + 12, "left": 5},
        )
    )


def count_bars(counts: dict[str, int], category: str, *, unit: str) -> Spec:
    """One bar a category (in the order given), the count at its end: e.g. units by year."""
    return _count_bars(tuple(counts.items()), category, unit)


@_remembered
def _count_bars(items: tuple[tuple[str, int], ...], category: str, unit: str) -> alt.LayerChart:
    counts = dict(items)
    table = pd.DataFrame({category: list(counts), COUNT: list(counts.values())})
    bars = alt.Chart(table).encode(
        y=alt.Y(
            f"{category}:N",
            sort=list(counts),
            title=None,
            axis=alt.Axis(labelAngle=0, labelLimit=LABEL_LIMIT, labelFontSize=FONT_SIZE),
        ),
        x=alt.X(
            f"{COUNT}:Q",
            title=f"จำนวน ({unit})",
            axis=alt.Axis(tickMinStep=1, format="d", titleFontSize=FONT_SIZE),
        ),
        tooltip=[f"{category}:N", f"{COUNT}:Q"],
    )
    labels = bars.mark_text(align="left", dx=4, fontSize=FONT_SIZE).encode(text=f"{COUNT}:Q")
    return (bars.mark_bar(color=STATUS_COLOURS[Status.CERTIFIED]) + labels).properties(
        height=alt.Step(BAR_STEP), padding={"top": 10, "right": 32, "bottom": 5, "left": 5}
    )


def funnel(counts: dict[str, int], *, part: dict[str, int] | None = None) -> Spec:
    """Stages top to bottom as bars centred on one line, each with its count; `part` (of each
    count, e.g. the units that came through an invitation) as a darker core of the same bar."""
    return _funnel(tuple(counts.items()), None if part is None else tuple(part.items()))


@_remembered
def _funnel(
    items: tuple[tuple[str, int], ...], part_items: tuple[tuple[str, int], ...] | None
) -> alt.LayerChart:
    counts, part = dict(items), None if part_items is None else dict(part_items)
    stages = list(counts)
    table = pd.DataFrame(
        {
            "ขั้น": stages,
            COUNT: [counts[s] for s in stages],
            "จากการเชิญ": [(part or {}).get(s, 0) for s in stages],
        }
    )
    table["left"], table["right"] = -table[COUNT] / 2, table[COUNT] / 2
    table["core_left"], table["core_right"] = -table["จากการเชิญ"] / 2, table["จากการเชิญ"] / 2
    widest = max(1, int(table[COUNT].max()))
    base = alt.Chart(table).encode(
        y=alt.Y(
            "ขั้น:N",
            sort=stages,
            title=None,
            axis=alt.Axis(labelLimit=LABEL_LIMIT, labelFontSize=FONT_SIZE, ticks=False),
        ),
        tooltip=["ขั้น:N", f"{COUNT}:Q", "จากการเชิญ:Q"],
    )
    scale = alt.Scale(domain=[-widest / 2, widest / 2 * 1.25])
    bars = base.mark_bar(color="#81c784").encode(
        x=alt.X("left:Q", scale=scale, axis=None), x2="right:Q"
    )
    layers = [bars]
    if part is not None:
        layers.append(base.mark_bar(color="#1f6f43").encode(x="core_left:Q", x2="core_right:Q"))
    labels = base.mark_text(align="left", dx=6, fontSize=FONT_SIZE).encode(
        x="right:Q", text=f"{COUNT}:Q"
    )
    return alt.layer(*layers, labels).properties(
        height=alt.Step(BAR_STEP + 6), padding={"top": 10, "right": 24, "bottom": 5, "left": 5}
    )


PROGRESS = "ก้าวหน้า (%)"
ROUND = "รอบการประเมิน"
SERIES = "ตัวชี้วัด"


def progress_lines(series: dict[str, dict[str, float | None]]) -> Spec:
    """Each indicator's progress (%) over the assessment rounds as a line with its points:
    `series` maps a short indicator name to {round label: percent}, both in the order to show."""
    items = tuple((name, tuple(points.items())) for name, points in series.items())
    return _progress_lines(items)


@_remembered
def _progress_lines(
    items: tuple[tuple[str, tuple[tuple[str, float | None], ...]], ...],
) -> alt.Chart:
    rows = [
        {SERIES: name, ROUND: label, PROGRESS: value}
        for name, points in items
        for label, value in points
        if value is not None  # a round not assessed yet leaves a gap, not a zero
    ]
    rounds = list(dict.fromkeys(label for _, points in items for label, _ in points))
    names = [name for name, _ in items]
    return (
        alt.Chart(pd.DataFrame(rows, columns=[SERIES, ROUND, PROGRESS]))
        .mark_line(point=True)
        .encode(
            x=alt.X(
                f"{ROUND}:N", sort=rounds, axis=alt.Axis(labelAngle=0, labelFontSize=FONT_SIZE)
            ),
            y=alt.Y(
                f"{PROGRESS}:Q",
                scale=alt.Scale(domain=[0, 100]),
                axis=alt.Axis(titleFontSize=FONT_SIZE),
            ),
            color=alt.Color(
                f"{SERIES}:N",
                sort=names,
                legend=alt.Legend(orient="bottom", title=None, labelFontSize=FONT_SIZE, columns=4),
            ),
            tooltip=[f"{SERIES}:N", f"{ROUND}:N", f"{PROGRESS}:Q"],
        )
        .properties(height=320, padding={"top": 10, "right": 16, "bottom": 5, "left": 5})
    )
