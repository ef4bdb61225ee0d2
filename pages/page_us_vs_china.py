"""US vs China: each side's positions issue by issue, their vocabulary, and every quote."""

from html import escape

import streamlit as st

from briefing import charts
from briefing.tables import issue_side_counts, positions_table, quotes_table
from briefing.wording import plural
from ui.data import current_view
from ui.filters import filter_query
from ui.render import article_link
from ui.widgets import (TABLE_PAGE_SIZES, csv_download, evidence, filter_caption, paginate, plotly, records,
                        require_articles)

st.title("US vs China")
view = current_view()
require_articles(view)
shown = view.shown
filter_caption(view)

counts = issue_side_counts(shown, view.scenario)
positions = positions_table(shown, view.scenario)
if counts.empty:
    st.info("No side takes a position in the articles shown.")
else:
    both = int(counts["Both sides"].sum())
    st.caption(f"{plural(len(shown.positions), 'position')} on {plural(len(counts), 'issue')}; "
               f"both sides speak on {both} of them.")
    plotly(charts.issue_balance(counts["Issue"], counts["US"], counts["China"]), key="issue-balance")

    st.subheader("Issue by issue")
    titles = {a.id: a.display_title for a in shown.articles}
    query = filter_query()

    def side_column(side: str, issue_id: str, limit: int = 6) -> str:
        rows = [p for p in shown.positions if p.issue == issue_id and p.side == side]
        if not rows:
            return f"<p style='color:#777'>No {side} position.</p>"
        more = (f"<p style='color:#777'>… and {len(rows) - limit} more: see “Evidence behind a count” below.</p>"
                if len(rows) > limit else "")
        rows = rows[:limit]
        items = "".join(
            f"<li><b>{escape(p.stance)}</b> — “{escape(p.claim)}” <small>({escape(p.actor)}, "
            f"{article_link(p.article_id, titles.get(p.article_id, p.article_id), query)})</small></li>"
            for p in rows
        )
        colour = charts.side_colour(side)
        return (f"<h4 style='color:{colour};margin:.2rem 0'>{escape(side)}</h4>"
                f"<ul style='margin-top:0'>{items}</ul>{more}")

    for rank, row in enumerate(counts.to_dict("records")):
        marker = " · both sides" if row["Both sides"] else ""
        with st.expander(f"{row['Issue']} — US {row['US']} · China {row['China']} · other {row['Other']}{marker}",
                         expanded=rank == 0):
            left, right = st.columns(2)
            left.html(side_column("US", row["Issue id"]))
            right.html(side_column("China", row["Issue id"]))

    st.subheader("Evidence behind a count")
    issue_names = dict(zip(counts["Issue id"], counts["Issue"]))
    pick_issue, pick_side = st.columns(2)
    issue_id = pick_issue.selectbox("Issue", list(issue_names), format_func=issue_names.get, key="drill-issue")
    side = pick_side.selectbox("Side", ["US", "China", "other"], key="drill-side")
    selected = positions[(positions["Issue"] == issue_names[issue_id]) & (positions["Side"] == side)]
    st.caption(f"{plural(len(selected), side + ' position')} on {issue_names[issue_id].lower()}.")
    evidence([{"article_id": r["Article id"], "article": r["Article"], "evidence": r["Evidence"],
               "detail": f"{r['Stance']} · {r['Speaker']}"}
              for r in records(paginate(selected, key=f"drill-{issue_id}-{side}", noun="positions"))])
    csv_download("Positions (CSV)", positions.drop(columns=["Article id"]), "positions.csv", key="positions-csv")

st.subheader("Distinctive vocabulary")
side_terms = [t for side in ("US", "China") for t in view.full.keywords.sides.get(side, [])]
if side_terms:
    examples = []
    for term in side_terms:
        statements = [text for _, text in view.full.side_statements.get(term.side, []) if term.term in text.lower()]
        examples.append(statements[0][:140] + "…" if statements else "")
    plotly(charts.side_terms_scatter(
        [t.term for t in side_terms], [t.counts.get("US", 0) for t in side_terms],
        [t.counts.get("China", 0) for t in side_terms], [t.side for t in side_terms], examples,
    ), key="side-terms")
    st.caption("Terms each side uses more than the other in its quotes and position sentences (log-odds "
               "with an informative prior), over the whole corpus.")
else:
    st.caption("Not enough side-attributed text for distinctive terms.")

st.subheader("Quotes")
query = filter_query()
quotes = quotes_table(shown, view.scenario)
if quotes.empty:
    st.info("No quotations in the articles shown.")
else:
    speaker_filter, side_filter, issue_filter = st.columns(3)
    speakers = speaker_filter.multiselect("Speaker", sorted(quotes["Speaker"].unique()), key="quote-speakers",
                                          placeholder="All speakers")
    sides = side_filter.multiselect("Side", sorted(quotes["Side"].unique()), key="quote-sides", placeholder="All sides")
    issue_choices = sorted({i for cell in quotes["Issues"] for i in cell.split(", ") if i})
    issues = issue_filter.multiselect("Issue", issue_choices, key="quote-issues", placeholder="All issues")
    if speakers:
        quotes = quotes[quotes["Speaker"].isin(speakers)]
    if sides:
        quotes = quotes[quotes["Side"].isin(sides)]
    if issues:
        quotes = quotes[quotes["Issues"].apply(lambda cell: any(i in cell.split(", ") for i in issues))]
    st.caption(f"{plural(len(quotes), 'quote')}.")
    shown_quotes = paginate(quotes, key="quote-pages", noun="quotes", page_sizes=TABLE_PAGE_SIZES).copy()
    shown_quotes["Open"] = "articles?article=" + shown_quotes["Article id"] + (f"&{query}" if query else "")
    st.dataframe(shown_quotes.drop(columns=["Article id"]), hide_index=True, key="quotes", column_config={
        "Quote": st.column_config.TextColumn(width="large"), "Sentence": st.column_config.TextColumn(width="large"),
        "Open": st.column_config.LinkColumn("Open", display_text="open article")})
    csv_download("Quotes (CSV)", quotes.drop(columns=["Article id"]), "quotes.csv", key="quotes-csv")
