"""Typed records passed between the pipeline stages.

Every stage is a pure function from these records (or text) to new records, so each can be
tested alone and the pipeline stays a plain composition.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import NamedTuple


class Sentence(NamedTuple):
    """One sentence of an article's cleaned text; ``start``/``end`` index into that text, ``text``
    is ``text[start:end]`` and ``index`` its position among the article's sentences.

    A named tuple, not a dataclass: articles hold tens of thousands of sentences, and a tuple
    is several times cheaper to build and to pickle (to worker processes, in the saved analysis).
    """

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PublishedDate:
    """When an article was published, and how we know.

    ``value`` is an ISO date (YYYY-MM-DD) or None; ``source`` names the signal it came from
    ("header", "date line", "photo caption", ...); ``confidence`` is "high", "medium" or "low".
    ``year_hint`` keeps a weaker year-only signal (a copyright year) when no date was found.
    """

    value: str | None = None
    source: str | None = None
    confidence: str | None = None
    year_hint: int | None = None


@dataclass(frozen=True)
class RemovedLine:
    """A line taken out of the article text, kept for audit with the rule that removed it."""

    text: str
    reason: str


@dataclass(frozen=True)
class ArticleText:
    """The result of cleaning one raw text: the body and everything that was set aside."""

    text: str
    title: str | None = None
    standfirst: str | None = None
    section: str | None = None
    byline: str | None = None
    dateline: str | None = None
    captions: tuple[str, ...] = ()
    header_lines: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()


@dataclass(frozen=True)
class Article:
    """One ingested article: identity, raw and cleaned text, metadata and audit trail."""

    id: str
    source_file: str
    encoding: str
    raw_text: str
    text: str
    title: str | None
    standfirst: str | None
    outlet: str | None
    outlet_source: str | None
    published: PublishedDate
    byline: str | None
    dateline: str | None
    section: str | None = None
    captions: tuple[str, ...] = ()
    header_lines: tuple[str, ...] = ()
    removed: tuple[RemovedLine, ...] = ()
    sentences: tuple[Sentence, ...] = field(default=(), repr=False)
    language: str = "en"

    def __getstate__(self) -> dict:
        # Articles go back from worker processes and into the saved analysis by the thousand, with
        # tens of sentences each: the sentences travel as their bounds, one bytes object, and are
        # cut from the text again when first read (each is ``text[start:end]``, numbered in order).
        state = dict(self.__dict__)
        bounds = state.pop(_SENTENCE_BOUNDS, None)
        state["sentences"] = bounds if "sentences" not in state else array(
            "q", [bound for sentence in self.sentences for bound in (sentence.start, sentence.end)]).tobytes()
        return state

    def __setstate__(self, state: dict) -> None:
        # The sentences are left as bounds until read (``__getattr__``): most unpickled articles'
        # sentences never are in the work across articles, and cutting them cost a third of the unpickling.
        state[_SENTENCE_BOUNDS] = state.pop("sentences")
        self.__dict__.update(state)

    def __getattr__(self, name: str):
        # Called only for an attribute the instance lacks: the sentences of an unpickled article.
        if name != "sentences" or _SENTENCE_BOUNDS not in self.__dict__:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        bounds = array("q")
        bounds.frombytes(self.__dict__[_SENTENCE_BOUNDS])
        text, pairs = self.text, iter(bounds)
        sentences = tuple([tuple.__new__(Sentence, (index, start, end, text[start:end]))
                           for index, (start, end) in enumerate(zip(pairs, pairs))])
        object.__setattr__(self, "sentences", sentences)
        return sentences

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def display_title(self) -> str:
        """A label for lists: the headline, else the opening words of the text, else the file."""
        if self.title:
            return self.title
        opening = " ".join(self.text.split()[:10])
        return f"{opening} …" if opening else self.source_file


# The class attribute holding the default would hide a missing instance attribute from __getattr__;
# the generated __init__ keeps its own copy of the default.
del Article.sentences
_SENTENCE_BOUNDS = "_sentence_bounds"


@dataclass(frozen=True)
class IngestError:
    """A file that could not be read as an article, and why, in words an analyst understands."""

    source_file: str
    message: str
