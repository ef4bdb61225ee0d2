"""CSV files an analyst opens in a spreadsheet.

Article text is untrusted, and Excel, LibreOffice and Google Sheets take a cell that begins with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return for a formula, which can fetch URLs, leak
other cells or run commands ("CSV injection"). Following OWASP's guidance, every CSV the dashboard
writes goes through ``csv_bytes``, which writes such a text cell with a leading apostrophe: a
spreadsheet then shows the text as written instead of evaluating it.
"""

from __future__ import annotations

import pandas as pd

#: What a cell may not begin with, or a spreadsheet takes it for a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """``cell`` as a spreadsheet shows it as text: with an apostrophe before a formula's start."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as UTF-8 CSV (no index) with every text cell and column name ``neutralised``.

    Numbers are left as numbers: a spreadsheet reads "-3" in a numeric column as minus three.
    Rows end in CRLF (RFC 4180), so a cell holding a carriage return is quoted, not cut in two.
    """
    safe = frame.rename(columns=lambda name: neutralised(name) if isinstance(name, str) else name)
    for column in safe.columns:
        if not pd.api.types.is_numeric_dtype(safe[column]) and not pd.api.types.is_datetime64_any_dtype(safe[column]):
            safe[column] = safe[column].map(lambda cell: neutralised(cell) if isinstance(cell, str) else cell)
    return safe.to_csv(index=False, lineterminator="\r\n").encode()
