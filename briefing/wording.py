"""Words for counts and values as an analyst reads them, shared by the pages, the CLI and the briefing."""

from __future__ import annotations

#: What a missing value is shown as in tables and notes ("None" means nothing to a reader).
MISSING = "—"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``count`` with its noun in the right number: '1 issue', '2 issues', '3 people'."""
    noun = singular if count == 1 else (plural_form or singular + "s")
    return f"{count:,} {noun}"
