"""The status charts read on a phone (labels level on the y axis, legend below) and the portal's
CSS: smaller titles on a phone that keep Thai words whole, Thai texts on the file uploader."""

from __future__ import annotations

import re

import pandas as pd

from core.workflow import STATUS_LABELS, Status
from ui import charts, style

SUBMITTED = STATUS_LABELS[Status.SUBMITTED]
DRAFT = STATUS_LABELS[Status.DRAFT]
CERTIFIED = STATUS_LABELS[Status.CERTIFIED]


def _spec() -> dict:
    table = pd.DataFrame(
        {CERTIFIED: [0, 1, 0], SUBMITTED: [2, 0, 0], DRAFT: [1, 0, 3]},
        index=["เมืองสระแก้ว", "อรัญประเทศ", "วัฒนานคร"],
    )
    return charts.status_bars(table, "อำเภอ")


def test_category_labels_sit_level_on_the_y_axis_in_the_tables_order():
    y = _spec()["encoding"]["y"]
    assert (y["field"], y["type"]) == ("อำเภอ", "nominal")
    assert y["sort"] == ["เมืองสระแก้ว", "อรัญประเทศ", "วัฒนานคร"]
    assert y["axis"]["labelAngle"] == 0
    assert y["axis"]["labelLimit"] >= 150


def test_counts_run_along_the_x_axis_in_whole_numbers():
    x = _spec()["encoding"]["x"]
    assert (x["field"], x["type"]) == ("จำนวน", "quantitative")
    assert x["axis"]["format"] == "d"


def test_the_legend_is_below_the_bars_from_under_the_labels_one_status_a_line():
    spec = _spec()
    legend = spec["encoding"]["color"]["legend"]
    assert legend["orient"] == "none"
    assert legend["legendX"] < 0  # left of the bars, under the category names
    assert legend["legendY"] > 3 * charts.BAR_STEP  # under the three bars and the x axis
    assert legend["direction"] == "vertical"
    assert legend["labelLimit"] == 0
    assert spec["padding"]["bottom"] >= 3 * charts.LEGEND_ROW  # the chart is tall enough for it


def test_the_legend_starts_no_further_left_than_the_longest_label_allows():
    narrow = pd.DataFrame({DRAFT: [1]}, index=["ชุมชน"])
    wide = pd.DataFrame({DRAFT: [1]}, index=["เครือข่ายองค์กรชุมชน"])
    x_narrow = charts.status_bars(narrow, "ประเภท")["encoding"]["color"]["legend"]
    x_wide = charts.status_bars(wide, "ประเภท")["encoding"]["color"]["legend"]
    assert x_wide["legendX"] < x_narrow["legendX"] < 0
    assert x_wide["legendX"] >= -(charts.LABEL_LIMIT + 10)


def test_statuses_keep_workflow_order_and_their_own_colour():
    scale = _spec()["encoding"]["color"]["scale"]
    assert scale["domain"] == [DRAFT, SUBMITTED, CERTIFIED]
    assert scale["range"] == [
        charts.STATUS_COLOURS[Status.DRAFT],
        charts.STATUS_COLOURS[Status.SUBMITTED],
        charts.STATUS_COLOURS[Status.CERTIFIED],
    ]


def test_the_height_grows_with_the_number_of_categories():
    assert _spec()["height"] == {"step": charts.BAR_STEP}


def _phone_rules() -> str:
    return style.CSS.split(f"@media (max-width: {style.PHONE_MAX_WIDTH}px)")[1].split("}\n}")[0]


def test_titles_are_smaller_on_a_phone():
    sizes = dict(re.findall(r"(h[123]) \{ font-size: ([\d.]+)rem", _phone_rules()))
    assert float(sizes["h1"]) <= 1.75
    assert float(sizes["h1"]) > float(sizes["h2"]) > float(sizes["h3"])


def test_titles_never_cut_a_thai_word():
    assert "overflow-wrap: normal" in style.CSS
    assert "anywhere" not in style.CSS
    assert "keep-all" not in style.CSS


def test_the_uploaders_english_is_hidden_and_thai_drawn_in_its_place():
    css = style.CSS
    for test_id in ("stFileUploaderDropzone", "stFileUploaderDropzoneInstructions"):
        assert f'[data-testid="{test_id}"]' in css
    for thai in ("เลือกไฟล์", "ไม่เกิน 10 MB ต่อไฟล์", "ลากไฟล์มาวาง"):
        assert thai in css
    assert not re.search(r'content: "[^"]*(Upload|Drag|per file)', css)


def test_the_style_is_static_css_only():
    assert "<" not in style.CSS and "javascript" not in style.CSS.lower()
