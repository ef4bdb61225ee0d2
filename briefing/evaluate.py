"""Scoring the analysis against a labelled set (gold), one episode folder at a time.

An episode folder holds article files and ``gold.json`` (format: tests/labelled/README.md). Each
episode is analysed on its own, since commitments are deduplicated within a corpus, and the analysis
is aligned with the gold by article file name. Every metric is kept as counts, so episodes add up
into a total (micro averages) and a ratio with nothing to count is None, never a made-up 0 or 1.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, fields
from difflib import SequenceMatcher
from pathlib import Path

from briefing.pipeline import Analysis
from briefing.scenario import SIDE_OTHER, Scenario

GOLD_FILE = "gold.json"
SPLITS = ("dev", "test")
ACTIONS = ("establish", "resume", "hold", "expand", "exchange", "cooperate", "refrain", "reduce", "purchase", "other")
KINDS = ("wire", "us_readout", "china_readout", "transcript", "analysis", "near_copy", "demands_only",
         "state_media", "newsletter", "other")
STANCES = ("demand", "concern", "defence", "offer", "assessment")
#: A gold quote and an extracted one overlap when one holds the other, or when their longest common
#: stretch covers this share of the shorter one (a quote cut or run on by a few words still counts).
QUOTE_OVERLAP = 0.6

_QUOTE_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
                              "‘": "'", "’": "'", "‚": "'", "‛": "'"})


class GoldError(ValueError):
    """A gold file that cannot be used, in one line naming the file and what is wrong."""


@dataclass(frozen=True)
class GoldMention:
    article: str
    evidence: str


@dataclass(frozen=True)
class GoldCommitment:
    id: str
    action: str
    mentions: tuple[GoldMention, ...]


@dataclass(frozen=True)
class GoldQuote:
    text: str
    speaker: str | None
    side: str | None


@dataclass(frozen=True)
class GoldArticle:
    file: str
    outlet: str | None
    published: str | None
    quotes: tuple[GoldQuote, ...]
    positions: frozenset[tuple[str, str]]  # (side, issue)


@dataclass(frozen=True)
class Episode:
    """One labelled episode: its folder (named for it) and its validated gold."""

    name: str
    folder: Path
    commitments: tuple[GoldCommitment, ...]
    articles: dict[str, GoldArticle]


@dataclass(frozen=True)
class Score:
    """The counts behind every metric of one episode, or of several added together."""

    clusters: int = 0  # extracted commitments
    mapped_clusters: int = 0  # extracted commitments mapped to a gold one
    gold_commitments: int = 0
    gold_commitments_found: int = 0  # gold commitments with at least one mapped cluster
    count_error: int = 0  # |clusters - gold commitments|, per episode, summed
    gold_quotes: int = 0
    quotes_found: int = 0
    speakers_judged: int = 0  # found quotes with a gold speaker
    speakers_right: int = 0
    sides_right: int = 0  # over found quotes
    positions_extracted: int = 0
    positions_gold: int = 0
    positions_right: int = 0
    outlets_judged: int = 0  # articles whose gold states the outlet
    outlets_right: int = 0
    dates_judged: int = 0
    dates_right: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Score)})


# --- loading and validating the gold -----------------------------------------------------------

def load_episode(folder: Path, scenario: Scenario) -> Episode:
    """The gold of one episode folder, checked against its articles and the allowed values.

    Raises GoldError on the first problem: unreadable JSON, a missing field, a value outside its
    list, an article named in the gold that is not in the folder, a quote or evidence that is not
    in its article (compared after normalising whitespace and quote marks, case-insensitively).
    """
    path = folder / GOLD_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: cannot be read as JSON ({error})") from None
    texts: dict[str, str] = {}

    def article_text(name: object, where: str) -> str:
        if not isinstance(name, str) or not (folder / name).is_file():
            raise GoldError(f"{path}: {where} names article {name!r}, which is not in {folder}")
        if name not in texts:
            texts[name] = normalise((folder / name).read_text(encoding="utf-8", errors="replace"))
        return texts[name]

    def check_in_article(text: object, name: str, where: str) -> str:
        if not isinstance(text, str) or not text.strip():
            raise GoldError(f"{path}: {where} has no text")
        if normalise(text) not in article_text(name, where):
            raise GoldError(f"{path}: {where} {text!r} is not in {name}")
        return text

    def check_value(value: object, allowed: tuple, where: str) -> object:
        if value not in allowed:
            raise GoldError(f"{path}: {where} is {value!r}; allowed: {', '.join(map(str, allowed))}")
        return value

    if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
        raise GoldError(f"{path}: no 'articles' object")
    sides = (*scenario.side_ids, SIDE_OTHER)
    issues = tuple(issue.id for issue in scenario.issues)
    commitments = []
    for number, entry in enumerate(_list(data, "commitments", path), start=1):
        where = f"commitment {entry.get('id', number)!r}" if isinstance(entry, dict) else f"commitment {number}"
        if not isinstance(entry, dict) or not entry.get("id"):
            raise GoldError(f"{path}: {where} has no id")
        check_value(entry.get("action"), ACTIONS, f"{where} action")
        mentions = []
        for mention in _list(entry, "mentions", path):
            name = mention.get("article")
            article_text(name, where)
            mentions.append(GoldMention(name, check_in_article(mention.get("evidence"), name, f"{where} evidence")))
        if not mentions:
            raise GoldError(f"{path}: {where} has no mentions")
        commitments.append(GoldCommitment(entry["id"], entry["action"], tuple(mentions)))
    articles = {}
    for name, entry in data["articles"].items():
        article_text(name, "articles")
        if not isinstance(entry, dict):
            raise GoldError(f"{path}: article {name} is not an object")
        check_value(entry.get("kind"), KINDS, f"{name} kind")
        quotes = tuple(GoldQuote(check_in_article(q.get("text"), name, f"{name} quote"),
                                 _optional_text(q, "speaker", f"{path}: {name} quote"),
                                 check_value(q.get("side"), (*sides, None), f"{name} quote side"))
                       for q in _list(entry, "quotes", path))
        positions = set()
        for position in _list(entry, "positions", path):
            check_value(position.get("stance"), STANCES, f"{name} position stance")
            positions.add((check_value(position.get("side"), sides, f"{name} position side"),
                           check_value(position.get("issue"), issues, f"{name} position issue")))
        published = entry.get("published")
        if published is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(published)):
            raise GoldError(f"{path}: {name} published is {published!r}, not YYYY-MM-DD")
        outlet = _optional_text(entry, "outlet", f"{path}: {name}")
        articles[name] = GoldArticle(name, outlet, published, quotes, frozenset(positions))
    return Episode(folder.name, folder, tuple(commitments), articles)


def _optional_text(data: dict, key: str, where: str) -> str | None:
    """``data[key]`` when it is some text, None when it is missing, null or empty."""
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise GoldError(f"{where} {key} is {value!r}, not text or null")
    return value or None


def _list(data: dict, key: str, path: Path) -> list[dict]:
    """``data[key]`` as a list of objects (missing: empty)."""
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise GoldError(f"{path}: '{key}' is not a list of objects")
    return value


def episode_folders(folder: Path, split: str) -> list[Path]:
    """The episode folders ``folder`` names: itself if it holds a gold file, else its subfolders
    that do, else (a labelled set's root) those of its ``split`` subfolder(s) ("all": dev and test)."""
    if (folder / GOLD_FILE).is_file():
        return [folder]
    episodes = sorted(sub for sub in folder.iterdir() if (sub / GOLD_FILE).is_file()) if folder.is_dir() else []
    if episodes:
        return episodes
    return [episode for name in (SPLITS if split == "all" else (split,)) if (folder / name).is_dir()
            for episode in episode_folders(folder / name, split)]


def labelled_set_problems(root: Path, scenario: Scenario) -> list[str]:
    """One line per broken gold file below ``root`` (none when every one loads, or there are none)."""
    problems = []
    for path in sorted(root.rglob(GOLD_FILE)):
        try:
            load_episode(path.parent, scenario)
        except GoldError as error:
            problems.append(str(error))
    return problems


# --- scoring -----------------------------------------------------------------------------------

def normalise(text: str) -> str:
    """Text as the gold is compared with the analysis: curly quotes straight, whitespace single, lower case."""
    return " ".join(text.translate(_QUOTE_MARKS).split()).lower()


def score_episode(episode: Episode, analysis: Analysis) -> Score:
    """Every metric's counts for one episode's analysis (of that episode's folder alone)."""
    files = {article.id: article.source_file for article in analysis.articles}
    return (_commitment_score(episode, analysis, files) + _quote_score(episode, analysis, files)
            + _position_score(episode, analysis, files) + _metadata_score(episode, analysis))


def _commitment_score(episode: Episode, analysis: Analysis, files: dict[str, str]) -> Score:
    """Each extracted commitment maps to the gold one most of its mentions match (ties: the first
    listed); a mention matches by its clause when it can, else by its whole sentence."""
    evidence = [(index, mention.article, normalise(mention.evidence))
                for index, gold in enumerate(episode.commitments) for mention in gold.mentions]
    mapped: list[int] = []
    for commitment in analysis.commitments:
        votes: Counter[int] = Counter()
        for mention in commitment.mentions:
            file, clause = files.get(mention.article_id), normalise(mention.clause)
            sentence = normalise(mention.evidence)
            same_article = [(index, words) for index, article, words in evidence if article == file]
            by_clause = {index for index, words in same_article if clause and (words in clause or clause in words)}
            votes.update(by_clause or {index for index, words in same_article if words in sentence})
        if votes:
            mapped.append(max(votes, key=lambda index: (votes[index], -index)))
    clusters, gold = len(analysis.commitments), len(episode.commitments)
    return Score(clusters=clusters, mapped_clusters=len(mapped), gold_commitments=gold,
                 gold_commitments_found=len(set(mapped)), count_error=abs(clusters - gold))


def _quote_score(episode: Episode, analysis: Analysis, files: dict[str, str]) -> Score:
    """A gold quote is found by the extracted quote of its article that overlaps it most; its speaker
    and side are judged on that one."""
    extracted: dict[str, list] = {}
    for quote in analysis.quotes:
        extracted.setdefault(files.get(quote.article_id), []).append(quote)
    counts = Counter()
    for article in episode.articles.values():
        for gold in article.quotes:
            counts["gold_quotes"] += 1
            overlaps = [(overlap, quote) for quote in extracted.get(article.file, [])
                        if (overlap := quote_overlap(gold.text, quote.text)) >= QUOTE_OVERLAP]
            if not overlaps:
                continue
            found = max(overlaps, key=lambda pair: pair[0])[1]
            counts["quotes_found"] += 1
            counts["sides_right"] += found.side == gold.side
            if gold.speaker:
                counts["speakers_judged"] += 1
                counts["speakers_right"] += same_speaker(gold.speaker, found.speaker)
    return Score(**counts)


def quote_overlap(gold: str, extracted: str) -> float:
    """How much two quotes overlap, 0 to 1: 1 when one holds the other (normalised), else the longest
    stretch they share over the shorter one's length."""
    a, b = normalise(gold), normalise(extracted)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size / min(len(a), len(b))


def same_speaker(gold: str, extracted: str | None) -> bool:
    """Same person: equal surnames (last words), or one name's words inside the other's, case-insensitively."""
    if not extracted:
        return False
    a, b = (" ".join(re.findall(r"[\w'-]+", normalise(name))) for name in (gold, extracted))
    return bool(a and b) and (a.split()[-1] == b.split()[-1] or f" {a} " in f" {b} " or f" {b} " in f" {a} ")


def _position_score(episode: Episode, analysis: Analysis, files: dict[str, str]) -> Score:
    gold = {(article.file, side, issue) for article in episode.articles.values() for side, issue in article.positions}
    extracted = {(files.get(position.article_id), position.side, position.issue) for position in analysis.positions}
    return Score(positions_extracted=len(extracted), positions_gold=len(gold), positions_right=len(gold & extracted))


def _metadata_score(episode: Episode, analysis: Analysis) -> Score:
    by_file = {article.source_file: article for article in analysis.articles}
    counts = Counter()
    for gold in episode.articles.values():
        article = by_file.get(gold.file)
        if gold.outlet:
            counts["outlets_judged"] += 1
            counts["outlets_right"] += article is not None and _outlet_key(article.outlet) == _outlet_key(gold.outlet)
        if gold.published:
            counts["dates_judged"] += 1
            counts["dates_right"] += article is not None and article.published.value == gold.published
    return Score(**counts)


def _outlet_key(outlet: str | None) -> str:
    return re.sub(r"^the ", "", normalise(outlet or ""))


# --- metrics and the table ---------------------------------------------------------------------

#: (column heading, metric name) in the order the table and the JSON show them.
COLUMNS = (("C prec", "commitment_precision"), ("C rec", "commitment_recall"), ("C F1", "commitment_f1"),
           ("C count err", "commitment_count_error"), ("C frag", "commitment_fragmentation"),
           ("Q rec", "quote_recall"), ("Q speaker", "speaker_accuracy"), ("Q side", "side_accuracy"),
           ("P prec", "position_precision"), ("P rec", "position_recall"), ("P F1", "position_f1"),
           ("outlet", "outlet_accuracy"), ("date", "date_accuracy"))


def metrics(score: Score) -> dict[str, float | int | None]:
    """Every metric of a score; None where there is nothing to measure (e.g. recall with no gold)."""
    c_precision, c_recall = _ratio(score.mapped_clusters, score.clusters), _ratio(score.gold_commitments_found,
                                                                                 score.gold_commitments)
    p_precision, p_recall = (_ratio(score.positions_right, score.positions_extracted),
                             _ratio(score.positions_right, score.positions_gold))
    return {
        "commitment_precision": c_precision, "commitment_recall": c_recall,
        "commitment_f1": _f1(c_precision, c_recall), "commitment_count_error": score.count_error,
        "commitment_fragmentation": _ratio(score.mapped_clusters, score.gold_commitments_found),
        "quote_recall": _ratio(score.quotes_found, score.gold_quotes),
        "speaker_accuracy": _ratio(score.speakers_right, score.speakers_judged),
        "side_accuracy": _ratio(score.sides_right, score.quotes_found),
        "position_precision": p_precision, "position_recall": p_recall, "position_f1": _f1(p_precision, p_recall),
        "outlet_accuracy": _ratio(score.outlets_right, score.outlets_judged),
        "date_accuracy": _ratio(score.dates_right, score.dates_judged),
    }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def evaluation_report(scores: dict[str, Score]) -> dict:
    """The JSON document: each episode's and the total's counts and metrics."""
    total = sum(scores.values(), Score())
    return {"episodes": {name: {"counts": vars(score), "metrics": metrics(score)} for name, score in scores.items()},
            "total": {"counts": vars(total), "metrics": metrics(total)}}


def evaluation_table(scores: dict[str, Score]) -> str:
    """A plain-text table: one row per episode and a total row (micro: counts added up), every metric."""
    total = sum(scores.values(), Score())
    rows = [(name, metrics(score)) for name, score in scores.items()] + [("TOTAL", metrics(total))]
    width = max(len("episode"), *(len(name) for name, _ in rows))
    lines = [f"{'episode':<{width}}  " + "  ".join(f"{heading:>{max(len(heading), 5)}}" for heading, _ in COLUMNS)]
    for name, values in rows:
        lines.append(f"{name:<{width}}  " + "  ".join(
            f"{_cell(values[metric]):>{max(len(heading), 5)}}" for heading, metric in COLUMNS))
    return "\n".join(lines)


def _cell(value: float | int | None) -> str:
    if value is None:
        return "—"
    return str(value) if isinstance(value, int) else f"{value:.2f}"
