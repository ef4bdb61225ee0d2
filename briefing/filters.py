"""Narrow an analysed corpus to what the analyst selected, without re-running the analysis.

Articles pass on date, outlet and article id; quotes and positions then pass on side and issue;
commitments are recounted on the articles that pass (same label, fewer mentions) and, when issues
are selected, kept only if their subject is one of them. A filter value that names nothing in the
corpus (a shared link's outlet no article has) is found by ``unmatched_values``, and a filter made
only of such values shows nothing rather than the corpus.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date

from briefing.commitments import restrict
from briefing.pipeline import Analysis
from briefing.records import Article

#: How an unknown outlet and a quote without a speaker are named in the filter choices.
UNKNOWN_OUTLET = "(unknown outlet)"
UNATTRIBUTED = "(unattributed)"
#: The sides a quote or position can be filtered on.
SIDE_CHOICES = ("US", "China", "other", UNATTRIBUTED)
#: The list filters, by field, as one of their values is named in words.
_VALUE_NAMES = {"outlets": "outlet", "article_ids": "article", "sides": "side", "issues": "issue"}


@dataclass(frozen=True)
class Filters:
    """The analyst's selection; an empty tuple means "all"."""

    date_from: str | None = None
    date_to: str | None = None
    include_undated: bool = True
    outlets: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    sides: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return self != Filters()

    def describe(self, article_titles: dict[str, str] | None = None,
                 issue_labels: dict[str, str] | None = None) -> list[str]:
        """The filters in words, for captions and briefing scope lines (articles by title and
        issues by label if given)."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"dates {self.date_from or '…'} to {self.date_to or '…'}"
                         + ("" if self.include_undated else ", undated excluded"))
        elif not self.include_undated:
            parts.append("undated excluded")
        articles = tuple((article_titles or {}).get(a, a) for a in self.article_ids)
        issues = tuple((issue_labels or {}).get(i, i) for i in self.issues)
        for label, values in (("outlets", self.outlets), ("articles", articles),
                              ("sides", self.sides), ("issues", issues)):
            if values:
                parts.append(f"{label}: {', '.join(values)}")
        return parts


def outlet_name(article: Article) -> str:
    return article.outlet or UNKNOWN_OUTLET


def article_passes(article: Article, filters: Filters) -> bool:
    published = article.published.value
    if published is None:
        if not filters.include_undated:
            return False
    elif (filters.date_from and published < filters.date_from) or (filters.date_to and published > filters.date_to):
        return False
    if filters.outlets and outlet_name(article) not in filters.outlets:
        return False
    return not filters.article_ids or article.id in filters.article_ids


def apply_filters(analysis: Analysis, filters: Filters) -> Analysis:
    """The analysis as the filters show it: same records, fewer of them, commitments recounted."""
    if not filters.active:
        return analysis
    articles = tuple(a for a in analysis.articles if article_passes(a, filters))
    kept = {a.id for a in articles}
    by_id = {a.id: a for a in analysis.articles}

    def side_passes(side: str | None) -> bool:
        return not filters.sides or (side or UNATTRIBUTED) in filters.sides

    def issues_pass(issues) -> bool:
        return not filters.issues or bool(set(issues) & set(filters.issues))

    quotes = tuple(q for q in analysis.quotes if q.article_id in kept and side_passes(q.side) and issues_pass(q.issues))
    positions = tuple(p for p in analysis.positions if p.article_id in kept and side_passes(p.side) and issues_pass([p.issue]))
    commitments = []
    for commitment in analysis.commitments:
        if not issues_pass(commitment.topics):
            continue
        restricted = restrict(commitment, kept, by_id, analysis.stories)
        if restricted:
            commitments.append(restricted)
    return replace(analysis, articles=articles, quotes=quotes, positions=positions, commitments=tuple(commitments))


@dataclass(frozen=True)
class Unmatched:
    """Values of one filter that name nothing in the corpus, e.g. from a link made elsewhere."""

    name: str  # the filter, as one value is named: "outlet", "article", "side", "issue" or "dates"
    values: tuple[str, ...]
    whole_filter: bool  # no other value of that filter names anything: the filter matches nothing


def unmatched_values(analysis: Analysis, filters: Filters, issue_ids: Collection[str]) -> tuple[Unmatched, ...]:
    """The filter values that name nothing in ``analysis``: an outlet or article id no article has,
    a side or an issue (of ``issue_ids``, the scenario's) that does not exist, a date window that
    holds no dated article."""
    known = {"outlets": {outlet_name(a) for a in analysis.articles}, "article_ids": {a.id for a in analysis.articles},
             "sides": set(SIDE_CHOICES), "issues": set(issue_ids)}
    found = []
    for field_name, name in _VALUE_NAMES.items():
        chosen = getattr(filters, field_name)
        unknown = tuple(value for value in chosen if value not in known[field_name])
        if unknown:
            found.append(Unmatched(name, unknown, len(unknown) == len(chosen)))
    malformed = tuple(f"{value} (not a date in the form YYYY-MM-DD)"
                      for value in (filters.date_from, filters.date_to) if value and not _is_date(value))
    low, high = filters.date_from or "", filters.date_to or "9999"
    if malformed:
        found.append(Unmatched("dates", malformed, True))
    elif (filters.date_from or filters.date_to) and not any(
            a.published.value and low <= a.published.value <= high for a in analysis.articles):
        found.append(Unmatched("dates", (f"{filters.date_from or '…'} to {filters.date_to or '…'}",), True))
    return tuple(found)


def filtered_view(analysis: Analysis, filters: Filters, issue_ids: Collection[str]) -> tuple[Analysis, tuple[Unmatched, ...]]:
    """``apply_filters``, except that a filter whose every value names nothing shows nothing (a side
    no quote can have would otherwise leave every article and commitment in view); with the
    values that named nothing, for the reader to be told."""
    unmatched = unmatched_values(analysis, filters, issue_ids)
    if any(u.whole_filter for u in unmatched):
        return replace(analysis, articles=(), quotes=(), positions=(), commitments=()), unmatched
    return apply_filters(analysis, filters), unmatched


def _is_date(text: str) -> bool:
    try:
        return date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
