"""Paths and loaders shared by the tests."""

from functools import cache
from pathlib import Path

from briefing.ingest import parse_article
from briefing.records import Article

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_ROOT / "data" / "articles"
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures" / "articles"


@cache
def seed(prefix: str) -> Article:
    """The sample article whose file name starts with ``prefix`` ("000" ... "004")."""
    (path,) = SEEDS_DIR.glob(f"{prefix}_*")
    return parse_article(path.read_bytes(), path.name)


@cache
def fixture(name: str) -> Article:
    """One of our own test articles, by file name."""
    path = FIXTURES_DIR / name
    return parse_article(path.read_bytes(), path.name)


def long_sentence_article(quotes: int = 200) -> bytes:
    """An article one of whose sentences holds ``quotes`` quotations and runs past
    config.LONGEST_EVIDENCE characters (a bound of the analysis), after an ordinary paragraph."""
    sentence = "On export controls " + 'Raimondo said "it is a test of tariffs" and ' * quotes + "more."
    return ("Trade talks in Beijing\n\nCommerce Secretary Gina Raimondo met Chinese officials in Beijing on Tuesday "
            f"to discuss export controls.\n\n{sentence}\n").encode()
