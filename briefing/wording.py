"""Words for counts and values as an analyst reads them, shared by the pages, the CLI and the briefing."""

from __future__ import annotations

#: What a missing value is shown as in tables and notes ("None" means nothing to a reader).
MISSING = "—"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` with its noun in the right number: '1 issue', '2 issues', '3 people'."""
    noun = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {noun}"


def long_sentence_note(first: int, last: int, length: int, findings: str, around: int) -> str:
    """The note for sentences ``first`` to ``last`` (indices) too long for their ``findings`` ("quotes")
    to carry whole, each carrying the ``around`` characters either side instead."""
    which = f"sentence {first + 1} is" if first == last else f"sentences {first + 1}–{last + 1} are"
    together = "" if first == last else " together"
    return (f"{which} {length:,} characters long{together}: each of its {findings} carries the {around:,} "
            f"characters either side as its evidence")
