"""The bottom line up front: a few sentences generated from the extracted data, each with the
evidence (article and sentence) that backs it."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.pipeline import Analysis
from briefing.scenario import Scenario
from briefing.tables import common_ground, disagreements, issue_labels

STANCE_WORDS = {
    "demand": "demands",
    "concern": "raises concerns",
    "defence": "defends its line",
    "offer": "offers",
    "assessment": "says",
}


@dataclass(frozen=True)
class Claim:
    """One sentence of the bottom line and the (article id, sentence) pairs behind it."""

    text: str
    evidence: tuple[tuple[str, str], ...]


def bottom_line(analysis: Analysis, scenario: Scenario, max_commitments: int = 4) -> list[Claim]:
    """Scope, commitments, sharpest disagreements and common ground, in that order."""
    claims = [_scope(analysis)]
    if analysis.commitments:
        claims.append(_commitments(analysis, max_commitments))
    labels = issue_labels(scenario)
    # Disagreements over a mechanism itself ("dialogue") say little; subjects are what analysts brief on.
    for disagreement in disagreements(analysis, skip=scenario.mechanism_issues):
        us, china = disagreement.us, disagreement.china
        claims.append(Claim(
            f"On {labels.get(disagreement.issue, disagreement.issue).lower()}, the US "
            f"{STANCE_WORDS[us.stance]} (“{_clip(us.claim)}”, {us.actor}) while China "
            f"{STANCE_WORDS[china.stance]} (“{_clip(china.claim)}”, {china.actor}).",
            ((us.article_id, us.evidence), (china.article_id, china.evidence)),
        ))
    shared = common_ground(analysis)
    if shared:
        evidence = tuple(
            (p.article_id, p.evidence) for p in analysis.positions
            if p.issue in shared and p.stance in ("offer", "assessment") and p.side in ("US", "China")
        )[:4]
        names = ", ".join(labels.get(issue, issue).lower() for issue in shared[:4])
        claims.append(Claim(f"Both sides speak of common ground on {names}.", evidence))
    return claims


def _scope(analysis: Analysis) -> Claim:
    outlets = {a.outlet for a in analysis.articles if a.outlet}
    dates = sorted(a.published.value for a in analysis.articles if a.published.value)
    span = f", dated {dates[0]} to {dates[-1]}" if dates else ""
    articles = len(analysis.articles)
    return Claim(f"{articles} article{'s' if articles != 1 else ''} from {len(outlets)} identified "
                 f"outlet{'s' if len(outlets) != 1 else ''}{span}.", ())


def _commitments(analysis: Analysis, limit: int) -> Claim:
    shown = analysis.commitments[:limit]
    parts = [f"{c.label.lower()} ({c.article_count} article{'s' if c.article_count != 1 else ''})" for c in shown]
    more = len(analysis.commitments) - len(shown)
    tail = f", and {more} more" if more > 0 else ""
    count = len(analysis.commitments)
    return Claim(
        f"The governments made {count} distinct commitment{'s' if count != 1 else ''}: {'; '.join(parts)}{tail}.",
        tuple((c.mentions[0].article_id, c.mentions[0].evidence) for c in shown),
    )


def _clip(text: str, words: int = 14) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")
