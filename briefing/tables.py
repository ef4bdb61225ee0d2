"""Tables and aggregates an analyst reads, built from an (optionally filtered) analysis.

Pure functions returning pandas DataFrames or plain records, shared by the dashboard pages and
the exports, so a figure on a page and in a download are computed once, the same way. The tables
an analyst reads put their counts right after what they name (so they show without scrolling
sideways) and give missing values as ``MISSING``, never None.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

import pandas as pd

from briefing.commitments import Commitment
from briefing.keywords import Keyword
from briefing.pipeline import Analysis
from briefing.positions import Position
from briefing.records import Article
from briefing.scenario import Scenario
from briefing.storage import StoredArticle
from briefing.wording import MISSING

SIDES = ("US", "China")
#: Stances that oppose the other side (used to rank disagreements).
CONFLICT_STANCES = {"demand", "concern", "defence"}


def article_label(article: Article) -> str:
    return f"{article.display_title} — {article.outlet or 'unknown outlet'}"


def articles_table(analysis: Analysis) -> pd.DataFrame:
    """One row per article with the metadata an analyst scans first, its counts next."""
    columns = ["Title", "Outlet", "Published", "Quotes", "Words", "Removed lines", "Date source", "Date confidence",
               "Year hint", "Byline", "Dateline", "Duplicate of", "File", "Id"]
    quotes = Counter(q.article_id for q in analysis.quotes)
    titles = {a.id: a.display_title for a in analysis.articles}
    rows = [
        {
            "Title": a.display_title, "Outlet": a.outlet, "Published": a.published.value,
            "Quotes": quotes[a.id], "Words": a.word_count, "Removed lines": len(a.removed),
            "Date source": a.published.source, "Date confidence": a.published.confidence,
            "Year hint": a.published.year_hint and str(a.published.year_hint), "Byline": a.byline,
            "Dateline": a.dateline,
            "Duplicate of": titles.get(analysis.stories.get(a.id)) if analysis.stories.get(a.id, a.id) != a.id else None,
            "File": a.source_file, "Id": a.id,
        }
        for a in analysis.articles
    ]
    return _missing_shown(pd.DataFrame(rows, columns=columns))


def commitments_table(analysis: Analysis) -> pd.DataFrame:
    """One row per distinct commitment: its counts right after its label, then its details."""
    columns = ["Commitment", "Articles", "Mentions", "Outlets", "Parties", "Strength", "Level", "Frequency",
               "First meeting", "Id"]
    rows = [
        {
            "Commitment": c.label, "Articles": c.article_count, "Mentions": c.mention_count,
            "Outlets": ", ".join(c.outlets) or "unknown", "Parties": " & ".join(c.parties) or "unclear",
            "Strength": c.strength, "Level": c.details.get("level"), "Frequency": c.details.get("frequency"),
            "First meeting": c.details.get("first_meeting"), "Id": c.id,
        }
        for c in analysis.commitments
    ]
    return _missing_shown(pd.DataFrame(rows, columns=columns))


def stored_articles_table(rows: list[StoredArticle]) -> pd.DataFrame:
    """The stored articles as the Corpus page lists them, whether each is deleted right after its title."""
    names = {row.id: row.source_name for row in rows}
    columns = ["Title", "Deleted", "Outlet", "Published", "Language", "Near-duplicate of", "Corrected", "File",
               "Added", "Id"]
    frame = pd.DataFrame([
        {"Title": row.title or row.source_name, "Deleted": row.deleted_at is not None, "Outlet": row.outlet,
         "Published": row.published, "Language": row.language, "Near-duplicate of": names.get(row.near_duplicate_of),
         "Corrected": ", ".join(sorted(row.corrections)) or None, "File": row.source_name,
         "Added": row.added_at[:19].replace("T", " "), "Id": row.id}
        for row in rows
    ], columns=columns)
    return _missing_shown(frame)


def _missing_shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing text as ``MISSING``: a table shows None as "None", which means nothing to a reader
    (count columns are never missing and keep their number type)."""
    text = frame.select_dtypes(exclude=["number", "bool"]).columns
    frame[text] = frame[text].where(frame[text].notna(), MISSING)
    return frame


def commitment_evidence(analysis: Analysis, commitment: Commitment) -> pd.DataFrame:
    """The sentences behind one commitment's counts, article by article."""
    articles = {a.id: a for a in analysis.articles}
    rows = [
        {"Article": articles[m.article_id].display_title, "Outlet": articles[m.article_id].outlet,
         "Published": articles[m.article_id].published.value, "Strength": m.strength,
         "Evidence": m.evidence, "Article id": m.article_id}
        for m in commitment.mentions if m.article_id in articles
    ]
    rows += [
        {"Article": articles[r["article_id"]].display_title, "Outlet": articles[r["article_id"]].outlet,
         "Published": articles[r["article_id"]].published.value, "Strength": "refers back",
         "Evidence": r["evidence"], "Article id": r["article_id"]}
        for r in commitment.references if r["article_id"] in articles
    ]
    return pd.DataFrame(rows, columns=["Article", "Outlet", "Published", "Strength", "Evidence", "Article id"])


def positions_table(analysis: Analysis, scenario: Scenario) -> pd.DataFrame:
    labels = issue_labels(scenario)
    titles = {a.id: a.display_title for a in analysis.articles}
    rows = [
        {"Side": p.side, "Issue": labels.get(p.issue, p.issue), "Stance": p.stance, "Speaker": p.actor,
         "Claim": p.claim, "Article": titles.get(p.article_id), "Evidence": p.evidence,
         "Source": p.source, "Article id": p.article_id}
        for p in analysis.positions
    ]
    return pd.DataFrame(rows, columns=["Side", "Issue", "Stance", "Speaker", "Claim", "Article", "Evidence",
                                       "Source", "Article id"])


def quotes_table(analysis: Analysis, scenario: Scenario) -> pd.DataFrame:
    labels = issue_labels(scenario)
    titles = {a.id: a.display_title for a in analysis.articles}
    rows = [
        {"Speaker": q.speaker or "(unattributed)", "Side": q.side or "(unattributed)", "Quote": q.text,
         "Issues": ", ".join(labels.get(i, i) for i in q.issues), "Article": titles.get(q.article_id),
         "Sentence": q.sentence, "Article id": q.article_id}
        for q in analysis.quotes
    ]
    return pd.DataFrame(rows, columns=["Speaker", "Side", "Quote", "Issues", "Article", "Sentence", "Article id"])


def issue_labels(scenario: Scenario) -> dict[str, str]:
    return {issue.id: issue.label for issue in scenario.issues}


def issue_side_counts(analysis: Analysis, scenario: Scenario) -> pd.DataFrame:
    """Positions per issue and side, issues where most is said first."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for position in analysis.positions:
        counts[position.issue][position.side] += 1
    labels = issue_labels(scenario)
    rows = [
        {"Issue id": issue, "Issue": labels.get(issue, issue), "US": c["US"], "China": c["China"],
         "Other": c["other"], "Both sides": c["US"] > 0 and c["China"] > 0}
        for issue, c in counts.items()
    ]
    frame = pd.DataFrame(rows, columns=["Issue id", "Issue", "US", "China", "Other", "Both sides"])
    if frame.empty:
        return frame
    frame["Total"] = frame["US"] + frame["China"] + frame["Other"]
    return frame.sort_values(["Total", "Issue"], ascending=[False, True]).drop(columns="Total").reset_index(drop=True)


@dataclass(frozen=True)
class Disagreement:
    issue: str
    us: Position
    china: Position
    weight: int


def disagreements(analysis: Analysis, limit: int = 3, skip: tuple[str, ...] = ()) -> list[Disagreement]:
    """Issues (other than ``skip``) where both sides take opposing stances, the most contested first.

    An issue's weight is the smaller of the two sides' counts of demands, concerns and defences
    on it; each side is represented by its statement of that kind most often repeated.
    """
    by_issue: dict[str, dict[str, list[Position]]] = defaultdict(lambda: defaultdict(list))
    for position in analysis.positions:
        if position.side in SIDES and position.stance in CONFLICT_STANCES and position.issue not in skip:
            by_issue[position.issue][position.side].append(position)
    found = [
        Disagreement(issue, _representative(sides["US"]), _representative(sides["China"]),
                     min(len(sides["US"]), len(sides["China"])))
        for issue, sides in by_issue.items() if sides["US"] and sides["China"]
    ]
    return sorted(found, key=lambda d: (-d.weight, d.issue))[:limit]


def common_ground(analysis: Analysis) -> list[str]:
    """Issues on which both sides make offers or positive assessments."""
    sides_by_issue: dict[str, set[str]] = defaultdict(set)
    for position in analysis.positions:
        if position.side in SIDES and position.stance in ("offer", "assessment"):
            sides_by_issue[position.issue].add(position.side)
    return sorted(issue for issue, sides in sides_by_issue.items() if sides == set(SIDES))


def _representative(positions: list[Position]) -> Position:
    """A side's typical statement: of its most common stance, quotes first, then the longest claim."""
    stances = Counter(p.stance for p in positions)
    typical = [p for p in positions if stances[p.stance] == max(stances.values())]
    return sorted(typical, key=lambda p: (p.source != "quote", -len(p.claim), p.sentence_index, p.stance))[0]


def coverage_matrix(analysis: Analysis) -> tuple[list[str], list[str], list[list[int]]]:
    """Mentions per (article, commitment): row labels, column labels, values."""
    rows = [article_label(a) for a in analysis.articles]
    columns = [c.label for c in analysis.commitments]
    index = {a.id: i for i, a in enumerate(analysis.articles)}
    values = [[0] * len(columns) for _ in rows]
    for column, commitment in enumerate(analysis.commitments):
        for mention in commitment.mentions:
            if mention.article_id in index:
                values[index[mention.article_id]][column] += 1
    return rows, columns, values


def view_keywords(analysis: Analysis, full: Analysis, top_n: int = 20) -> list[Keyword]:
    """Corpus keywords of a view: the corpus list when nothing is filtered out, else the
    per-article TF-IDF scores summed over the articles shown (no re-analysis)."""
    if len(analysis.articles) == len(full.articles):
        return list(full.keywords.corpus[:top_n])
    totals: Counter = Counter()
    for article in analysis.articles:
        for keyword in full.keywords.articles.get(article.id, []):
            totals[keyword.term] += keyword.score / len(analysis.articles)
    return [Keyword(term, score) for term, score in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:top_n]]


def omitted_commitments(analysis: Analysis, article_id: str) -> list[Commitment]:
    """Commitments of the view that one article does not report."""
    return [c for c in analysis.commitments if article_id not in c.article_ids]
