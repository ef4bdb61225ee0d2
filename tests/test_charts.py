"""Charts: titled, labelled, side-coloured, and article words escaped."""

import pytest

from briefing import charts

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


def test_article_words_in_labels_and_hover_are_escaped():
    figure = charts.timeline(["2023-08-28"], ["<b>Evil</b>"], ["<img src=x onerror=alert(1)>"])
    trace = figure.data[0]
    assert "<img" not in trace.text[0] and "&lt;img" in trace.text[0]
    assert "<b>" not in trace.y[0]
    heatmap = charts.coverage_heatmap(["<script>x</script>"], ["<a href='javascript:x'>c</a>"], [[1]])
    assert "<script" not in heatmap.data[0].y[0] and "<a " not in heatmap.data[0].x[0]
