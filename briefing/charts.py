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
HEATMAP_SCALE = [[0.0, "#F7F7F7"], [1.0, "#0072B2"]]
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


def side_terms_scatter(terms: Sequence[str], us_counts: Sequence[int], china_counts: Sequence[int],
                       sides: Sequence[str], examples: Sequence[str],
                       title: str = "Distinctive terms: US vs China statements", labelled: int = 6) -> go.Figure:
    """Scattertext-style: a term's frequency in US statements (x) against China's (y).

    Terms come most distinctive first; only the first ``labelled`` of each side carry a visible
    label (the rest show theirs on hover), so labels do not pile up on shared counts.
    """
    figure = go.Figure()
    for side in ("US", "China"):
        rows = [i for i, term_side in enumerate(sides) if term_side == side]
        labels = _safe([terms[i] for i in rows])
        shown = []
        for position, label in enumerate(labels):
            point = (us_counts[rows[position]], china_counts[rows[position]])
            taken = any(point == (us_counts[rows[p]], china_counts[rows[p]]) for p in shown)
            shown += [position] if len(shown) < labelled and not taken else []
        figure.add_scatter(
            x=[us_counts[i] for i in rows], y=[china_counts[i] for i in rows], mode="markers+text",
            text=[label if position in shown else "" for position, label in enumerate(labels)],
            hovertext=labels, textposition="top center", name=f"More {side}",
            marker=dict(color=side_colour(side), size=9, opacity=0.8),
            customdata=_safe([examples[i] for i in rows]),
            hovertemplate="<b>%{hovertext}</b><br>US: %{x} · China: %{y}<br>%{customdata}<extra></extra>",
        )
    largest = max([*us_counts, *china_counts, 1]) + 1
    figure.add_shape(type="line", x0=0, y0=0, x1=largest, y1=largest, line=dict(color="#BBBBBB", dash="dot"))
    figure.update_xaxes(range=[-0.5, largest + 0.5])
    figure.update_yaxes(range=[-0.5, largest + 0.5])
    return _layout(figure, title, "Uses in US statements", "Uses in China statements", 480)


def wrap_label(text: str, width: int = 18, lines: int = 3) -> str:
    """Break a long axis label over a few lines (plotly understands <br>)."""
    words, out, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    out.append(line)
    clipped = out[:lines]
    if len(out) > lines:
        clipped[-1] += " …"
    return "<br>".join(escape(part, quote=False) for part in clipped)


def coverage_heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[int]],
                     title: str = "Who reported what: mentions per article and commitment") -> go.Figure:
    figure = go.Figure(
        go.Heatmap(
            # Narrower wrapping as columns multiply, so neighbouring labels never overprint.
            z=[list(row) for row in values], x=[wrap_label(c, max(8, 72 // max(1, len(columns)))) for c in columns],
            y=[wrap_label(r, 48, 2) for r in rows],
            colorscale=HEATMAP_SCALE,
            zmin=0, xgap=2, ygap=2, colorbar=dict(title="Mentions", dtick=1),
            hovertemplate="%{y}<br>%{x}: %{z} mention(s)<extra></extra>",
        )
    )
    figure.update_yaxes(automargin=True, autorange="reversed")
    figure.update_xaxes(automargin=True, tickangle=0)
    return _layout(figure, title, "Commitment", "Article", max(320, 200 + 40 * len(rows)))


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

