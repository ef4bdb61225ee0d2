"""Charts: titled, labelled, side-coloured, and article words escaped."""

import tomllib

import pytest

from briefing import charts
from support import PROJECT_ROOT

BUILDERS = [
    lambda: charts.horizontal_bars(["a", "b"], [2, 1], "Title", "X", "Y"),
    lambda: charts.issue_balance(["Tariffs"], [1], [3]),
    lambda: charts.side_terms_scatter(["chips", "tariffs"], [3, 0], [0, 2], ["US", "China"], ["e1", "e2"]),
    lambda: charts.coverage_heatmap(["Article — AP"], ["Working group"], [[2]]),
    lambda: charts.timeline(["2023-08-28"], ["AP"], ["A title"]),
]


@pytest.mark.parametrize("build", BUILDERS)
def test_every_chart_has_a_title_and_labelled_axes(build):
    layout = build().layout
    assert layout.title.text
    assert layout.xaxis.title.text or layout.yaxis.title.text
    assert layout.yaxis.title.text


def test_sides_keep_one_colour_everywhere():
    balance = charts.issue_balance(["Tariffs"], [1], [3])
    assert [bar.marker.color for bar in balance.data] == [charts.SIDE_COLOURS["US"], charts.SIDE_COLOURS["China"]]
    scatter = charts.side_terms_scatter(["a", "b"], [1, 0], [0, 1], ["US", "China"], ["", ""])
    assert [trace.marker.color for trace in scatter.data] == [charts.SIDE_COLOURS["US"], charts.SIDE_COLOURS["China"]]
    assert len(set(charts.SIDE_COLOURS.values())) == len(charts.SIDE_COLOURS)


def _placed_label_boxes(points, lengths, spots, axis_range):
    """The label boxes label_spots promised, in its own pixel model, rebuilt from the positions it chose."""
    width, height = charts._SCATTER_PLOT_PX
    span = axis_range[1] - axis_range[0]
    offsets = {position: (left, bottom, gap) for position, (left, bottom), gap in charts._LABEL_SPOTS}
    boxes = []
    for i, position in spots.items():
        x, y = ((points[i][0] - axis_range[0]) / span * width, (points[i][1] - axis_range[0]) / span * height)
        left, bottom, (gap_x, gap_y) = offsets[position]
        box_width = lengths[i] * charts._LABEL_CHAR_PX
        x0 = x + left * box_width + gap_x * charts._MARKER_PX / 2
        y0 = y + bottom * charts._LABEL_HEIGHT_PX + gap_y * charts._MARKER_PX / 2
        boxes.append((x0, y0, x0 + box_width, y0 + charts._LABEL_HEIGHT_PX))
    return boxes


def test_scatter_labels_of_crowded_points_never_overlap_and_stay_inside_the_plot():
    # Terms on neighbouring counts along one axis: the old "top center" labels overprinted.
    points = [(x, 0) for x in range(4, 10)] + [(0, y) for y in range(3, 9)] + [(16, 2)]
    lengths = [len("export control enforcement")] * len(points)
    axis_range = (-0.5, 17.5)
    spots = charts.label_spots(points, lengths, list(range(len(points))), axis_range)
    boxes = _placed_label_boxes(points, lengths, spots, axis_range)
    assert len(spots) >= 3
    assert [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if charts._boxes_overlap(a, b)] == []
    width, height = charts._SCATTER_PLOT_PX
    assert all(0 <= x0 and 0 <= y0 and x1 <= width and y1 <= height for x0, y0, x1, y1 in boxes)


def test_scatter_labels_one_of_the_terms_sharing_a_point_and_lets_the_rest_hover():
    figure = charts.side_terms_scatter(["chips", "tariffs", "trade"], [3, 3, 0], [1, 1, 5], ["US", "US", "China"],
                                       ["", "", ""])
    us, china = figure.data
    assert list(us.text) == ["chips", ""] and list(us.hovertext) == ["chips", "tariffs"]
    assert list(china.text) == ["trade"]


def test_a_word_longer_than_a_label_line_splits_after_a_hyphen_or_is_cut():
    assert charts.wrap_label("Minister-level meetings", 10, 4) == "Minister-<br>level<br>meetings"
    assert charts.wrap_label("Consultations held", 10, 4) == "Consultat…<br>held"
    assert all(len(line) <= 10 for line in charts.wrap_label("military-to-military talks", 10, 4).split("<br>"))


def test_heatmap_column_labels_wrap_narrower_as_columns_multiply():
    rows = ["An article title long enough to take the full width of a row label"]
    widths = [charts._column_label_width(rows, ["c"] * n) for n in (2, 4, 5, 8)]
    assert widths == sorted(widths, reverse=True) and widths[0] > widths[-1]
    column_px = (charts._HEATMAP_WIDTH_PX - charts._ROW_LABEL_CHARS * charts._LABEL_CHAR_PX - charts._COLOUR_BAR_PX) / 5
    assert charts._column_label_width(rows, ["c"] * 5) * charts._LABEL_CHAR_PX < column_px


def test_article_words_in_labels_and_hover_are_escaped():
    figure = charts.timeline(["2023-08-28"], ["<b>Evil</b>"], ["<img src=x onerror=alert(1)>"])
    trace = figure.data[0]
    assert "<img" not in trace.text[0] and "&lt;img" in trace.text[0]
    assert "<b>" not in trace.y[0]
    heatmap = charts.coverage_heatmap(["<script>x</script>"], ["<a href='javascript:x'>c</a>"], [[1]])
    assert "<script" not in heatmap.data[0].y[0] and "<a " not in heatmap.data[0].x[0]


# --- both themes: .streamlit/config.toml's light and dark palettes ---------------------------------

def _theme_backgrounds() -> dict[str, str]:
    theme = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text())["theme"]
    return {name: theme[name]["backgroundColor"] for name in ("light", "dark")}


def _rgba(colour: str) -> tuple[float, float, float, float]:
    if colour.startswith("rgba("):
        *rgb, alpha = (float(part) for part in colour[5:-1].split(","))
        return (*rgb, alpha)
    return (*(int(colour[i:i + 2], 16) for i in (1, 3, 5)), 1.0)


def _on(colour: str, background: str) -> tuple[float, ...]:
    """The colour as seen over the background (alpha composited)."""
    *rgb, alpha = _rgba(colour)
    return tuple(alpha * c + (1 - alpha) * b for c, b in zip(rgb, _rgba(background)[:3]))


def _contrast(colour: str, background: str) -> float:
    """WCAG 2 contrast ratio between a colour (over the background) and the background."""
    def luminance(rgb) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    lighter, darker = sorted((luminance(_on(colour, background)), luminance(_rgba(background)[:3])), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_side_colour_stands_out_from_both_theme_backgrounds(theme):
    background = _theme_backgrounds()[theme]
    # WCAG's 3:1 for graphical objects: markers, bars and the underline of a quote.
    assert {side: round(_contrast(colour, background), 2) for side, colour in charts.SIDE_COLOURS.items()
            if _contrast(colour, background) < 3} == {}


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_heatmap_scale_runs_from_the_page_background_to_a_strong_colour_in_both_themes(theme):
    background = _theme_backgrounds()[theme]
    (_, low), (_, high) = charts.HEATMAP_SCALE
    assert _contrast(low, background) < 1.2
    assert _contrast(high, background) >= 3


def test_heatmap_draws_no_grid_lines_through_its_faint_cells():
    layout = charts.coverage_heatmap(["Article — AP"], ["Working group"], [[0]]).layout
    assert (layout.xaxis.showgrid, layout.yaxis.showgrid) == (False, False)
