"""Side colours and chart builders: the dashboard's one visual language.

Colours come from the Okabe–Ito palette, which stays distinct for the common forms of colour
blindness. Every builder returns a plotly Figure with a title, labelled axes and hover text.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from html import escape

import plotly.graph_objects as go

SIDE_COLOURS = {"US": "#0072B2", "China": "#D55E00", "other": "#009E73", None: "#666666"}
SIDE_LABELS = {"US": "US", "China": "China", "other": "Other", None: "Unattributed"}
NEUTRAL_COLOUR = "#56B4E9"
#: From a faint tint of the US blue (nearly the page itself, light or dark) to the full blue: more
#: mentions read as more colour in both themes (an opaque near-white zero glared in the dark one).
HEATMAP_SCALE = [[0.0, "rgba(0, 114, 178, 0.08)"], [1.0, "#0072B2"]]
_FONT = dict(family="Source Sans Pro, sans-serif", size=13)


def _safe(values: Sequence) -> list[str]:
    """Plotly renders a subset of HTML in labels and hover text: article words are escaped."""
    return [escape(str(value), quote=False) for value in values]


def side_colour(side: str | None) -> str:
    return SIDE_COLOURS.get(side, SIDE_COLOURS[None])


def _layout(figure: go.Figure, title: str, x_title: str, y_title: str, height: int | None = None) -> go.Figure:
    figure.update_layout(
        title=dict(text=title, x=0, xanchor="left"),
        xaxis_title=x_title,
        yaxis_title=y_title,
        font=_FONT,
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, xanchor="right", x=1),
        hoverlabel=dict(font_size=12),
        **({"height": height} if height else {}),
    )
    return figure


def _bar_height(count: int) -> int:
    return max(220, 60 + 28 * count)


def horizontal_bars(labels: Sequence[str], values: Sequence[float], title: str, x_title: str, y_title: str,
                    hover: Sequence[str] | None = None, colour: str = NEUTRAL_COLOUR) -> go.Figure:
    """One bar per label, largest at the top."""
    figure = go.Figure(
        go.Bar(
            x=list(values)[::-1], y=_safe(labels)[::-1], orientation="h", marker_color=colour,
            hovertext=_safe(hover)[::-1] if hover else None,
            hovertemplate="%{hovertext}<extra></extra>" if hover else "%{y}: %{x}<extra></extra>",
        )
    )
    figure.update_yaxes(automargin=True)
    if all(float(value).is_integer() for value in values):
        figure.update_xaxes(dtick=1 if max(values, default=0) <= 10 else None, tickformat="d")
    else:
        figure.update_xaxes(nticks=5)
    return _layout(figure, title, x_title, y_title, _bar_height(len(labels)))


def keyword_bars(keywords, title: str) -> go.Figure:
    """TF-IDF keywords (objects with .term and .score), strongest at the top."""
    return horizontal_bars([k.term for k in keywords], [round(k.score, 4) for k in keywords], title, "Score", "Term")


def issue_balance(issue_labels: Sequence[str], us_counts: Sequence[int], china_counts: Sequence[int],
                  title: str = "Statements per issue, by side") -> go.Figure:
    """Diverging bars: US statements to the left, China's to the right of zero."""
    figure = go.Figure()
    figure.add_bar(y=_safe(issue_labels), x=[-count for count in us_counts], orientation="h", name="US",
                   marker_color=side_colour("US"), customdata=list(us_counts),
                   hovertemplate="%{y}: %{customdata} US statements<extra></extra>")
    figure.add_bar(y=_safe(issue_labels), x=list(china_counts), orientation="h", name="China",
                   marker_color=side_colour("China"), customdata=list(china_counts),
                   hovertemplate="%{y}: %{customdata} China statements<extra></extra>")
    largest = max([*us_counts, *china_counts, 1])
    step = next(s for s in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000) if largest / s <= 4)
    limit = -(-largest // step) * step
    ticks = list(range(-limit, limit + 1, step))
    figure.update_layout(barmode="relative")
    figure.update_xaxes(tickvals=ticks, ticktext=[str(abs(t)) for t in ticks], range=[-limit * 1.05, limit * 1.05],
                        zeroline=True, zerolinecolor="#888888")
    figure.update_yaxes(automargin=True, autorange="reversed")
    return _layout(figure, title, "Statements (US ← → China)", "Issue", _bar_height(len(issue_labels)))


#: The scatter's label placement assumes a plot area at least this large (pixels) and text this
#: wide per character: a wider chart only spreads the points further apart.
_SCATTER_PLOT_PX = (560, 330)
_LABEL_CHAR_PX, _LABEL_HEIGHT_PX, _MARKER_PX = 7.0, 16.0, 10.0  # markers are drawn 9 px wide
#: Where a label may sit around its point, tried in this order: (plotly position, box offset
#: from the point as (left, bottom) in label widths and heights, plus a marker's gap).
_LABEL_SPOTS = (
    ("top center", (-0.5, 0.0), (0, 1)), ("bottom center", (-0.5, -1.0), (0, -1)),
    ("middle right", (0.0, -0.5), (1, 0)), ("middle left", (-1.0, -0.5), (-1, 0)),
    ("top right", (0.0, 0.0), (1, 1)), ("top left", (-1.0, 0.0), (-1, 1)),
)


def side_terms_scatter(terms: Sequence[str], us_counts: Sequence[int], china_counts: Sequence[int],
                       sides: Sequence[str], examples: Sequence[str],
                       title: str = "Distinctive terms: US vs China statements", labelled: int = 6) -> go.Figure:
    """Scattertext-style: a term's frequency in US statements (x) against China's (y).

    Terms come most distinctive first; up to the first ``labelled`` of each side carry a visible
    label, placed where it covers no other label or point (see ``label_spots``); the rest show
    their term on hover.
    """
    largest = max([*us_counts, *china_counts, 1]) + 1
    axis_range = (-0.5, largest + 0.5)
    by_side = [[i for i, term_side in enumerate(sides) if term_side == side] for side in ("US", "China")]
    candidates = [rows[rank] for rank in range(labelled) for rows in by_side if rank < len(rows)]
    spots = label_spots([(us_counts[i], china_counts[i]) for i in range(len(terms))],
                        [len(term) for term in terms], candidates, axis_range)
    figure = go.Figure()
    for side, rows in zip(("US", "China"), by_side):
        labels = _safe([terms[i] for i in rows])
        figure.add_scatter(
            x=[us_counts[i] for i in rows], y=[china_counts[i] for i in rows], mode="markers+text",
            text=[label if i in spots else "" for i, label in zip(rows, labels)],
            textposition=[spots.get(i, "top center") for i in rows],
            hovertext=labels, name=f"More {side}",
            marker=dict(color=side_colour(side), size=9, opacity=0.8),
            customdata=_safe([examples[i] for i in rows]),
            hovertemplate="<b>%{hovertext}</b><br>US: %{x} · China: %{y}<br>%{customdata}<extra></extra>",
        )
    figure.add_shape(type="line", x0=0, y0=0, x1=largest, y1=largest, line=dict(color="#BBBBBB", dash="dot"))
    figure.update_xaxes(range=list(axis_range))
    figure.update_yaxes(range=list(axis_range))
    return _layout(figure, title, "Uses in US statements", "Uses in China statements", 480)


def label_spots(points: Sequence[tuple[float, float]], label_lengths: Sequence[int], candidates: Sequence[int],
                axis_range: tuple[float, float]) -> dict[int, str]:
    """Plotly text positions for the candidate points' labels, in the candidates' order of priority.

    A label goes to the first spot around its point where its box (estimated in pixels on a plot
    area of ``_SCATTER_PLOT_PX``, both axes spanning ``axis_range``) stays inside the plot and
    covers no placed label and no other point; a candidate with no such spot gets none.
    """
    width_px, height_px = _SCATTER_PLOT_PX
    span = axis_range[1] - axis_range[0]
    pixels = [((x - axis_range[0]) / span * width_px, (y - axis_range[0]) / span * height_px) for x, y in points]
    half = _MARKER_PX / 2
    markers = [(x - half, y - half, x + half, y + half) for x, y in pixels]
    placed: dict[int, str] = {}
    label_boxes: list[tuple[float, ...]] = []
    for i in candidates:
        x, y = pixels[i]
        if any(pixels[j] == pixels[i] for j in placed):
            continue  # one label per dot: terms sharing both counts show theirs on hover
        box_width = label_lengths[i] * _LABEL_CHAR_PX
        obstacles = [*label_boxes, *(box for j, box in enumerate(markers) if pixels[j] != pixels[i])]
        for position, (left, bottom), (gap_x, gap_y) in _LABEL_SPOTS:
            x0 = x + left * box_width + gap_x * half
            y0 = y + bottom * _LABEL_HEIGHT_PX + gap_y * half
            box = (x0, y0, x0 + box_width, y0 + _LABEL_HEIGHT_PX)
            inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width_px and box[3] <= height_px
            if inside and not any(_boxes_overlap(box, other) for other in obstacles):
                placed[i] = position
                label_boxes.append(box)
                break
    return placed


def _boxes_overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def wrap_label(text: str, width: int = 18, lines: int = 3) -> str:
    """Break a long axis label over a few lines (plotly understands <br>).

    A word longer than a line is split after a hyphen ("Minister-" / "level"), else cut with "…".
    """
    words, out, line = [piece for word in text.split() for piece in _fitting_pieces(word, width)], [], ""
    for word in words:
        if line and len(line) + len(word) + (not line.endswith("-")) > width:
            out.append(line)
            line = word
        else:
            line = f"{line}{word}" if line.endswith("-") else f"{line} {word}".strip()
    out.append(line)
    clipped = out[:lines]
    if len(out) > lines:
        clipped[-1] += " …"
    return "<br>".join(escape(part, quote=False) for part in clipped)


def _fitting_pieces(word: str, width: int) -> list[str]:
    if len(word) <= width:
        return [word]
    head, hyphen, tail = word.partition("-")
    if hyphen and tail and len(head) < width:
        return [head + "-", *_fitting_pieces(tail, width)]
    return [word[: width - 1] + "…"]


#: The heatmap's label wrapping assumes a chart at least this wide (pixels) and text this wide per
#: character, with room for the colour bar: a wider chart only leaves more room.
_HEATMAP_WIDTH_PX, _COLOUR_BAR_PX = 800, 90


def coverage_heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]],
                     title: str = "Who reported what: mentions per article and commitment") -> go.Figure:
    column_width = _column_label_width(rows, columns)
    figure = go.Figure(
        go.Heatmap(
            z=[list(row) for row in values], x=[wrap_label(c, column_width, 4) for c in columns],
            y=[wrap_label(r, _ROW_LABEL_CHARS, 2) for r in rows],
            colorscale=HEATMAP_SCALE,
            zmin=0, xgap=2, ygap=2, colorbar=dict(title="Mentions", dtick=1),
            hovertemplate="%{y}<br>%{x}<br>Mentions: %{z}<extra></extra>",
        )
    )
    # The faint cells of few mentions let the page through: no grid lines to show through them.
    figure.update_yaxes(automargin=True, autorange="reversed", showgrid=False)
    figure.update_xaxes(automargin=True, tickangle=0, showgrid=False)
    return _layout(figure, title, "Commitment", "Article", max(320, 200 + 40 * len(rows)))


_ROW_LABEL_CHARS = 40


def _column_label_width(rows: Sequence[str], columns: Sequence[str]) -> int:
    """Characters per line that fit a heatmap column, beside row labels up to _ROW_LABEL_CHARS wide:
    narrower as columns multiply, so neighbouring labels never overprint."""
    row_labels_px = min(_ROW_LABEL_CHARS, max(map(len, rows), default=0)) * _LABEL_CHAR_PX
    column_px = (_HEATMAP_WIDTH_PX - row_labels_px - _COLOUR_BAR_PX) / max(1, len(columns))
    return max(6, int(column_px / _LABEL_CHAR_PX) - 1)


def _shift(iso_date: str, days: float) -> str:
    return (datetime.fromisoformat(iso_date) + timedelta(days=days)).isoformat(sep=" ")


def timeline(dates: Sequence[str], outlets: Sequence[str], titles: Sequence[str],
             title: str = "Articles by publication date") -> go.Figure:
    """One marker per dated article, on its date, in a row per outlet."""
    figure = go.Figure(
        go.Scatter(
            x=list(dates), y=_safe(outlets), mode="markers",
            marker=dict(size=14, color=NEUTRAL_COLOUR, line=dict(width=1, color="#333333")),
            text=_safe(titles), hovertemplate="%{x}<br>%{y}<br>%{text}<extra></extra>",
        )
    )
    first, last = min(dates), max(dates)
    short_span = (datetime.fromisoformat(last) - datetime.fromisoformat(first)).days <= 14
    # Half a day of margin on each side keeps the first and last markers off the plot's edges.
    figure.update_xaxes(type="date", tickformat="%d %b %Y", dtick=86_400_000 if short_span else None,
                        range=[_shift(first, -0.5), _shift(last, 0.5)])
    figure.update_yaxes(automargin=True)
    return _layout(figure, title, "Publication date", "Outlet", max(220, 100 + 40 * len(set(outlets))))

