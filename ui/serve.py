"""Serve the dashboard: ``python -m ui.serve [streamlit options]`` (what ``make run`` does).

app.py declares its pages with st.navigation, but Streamlit takes any app with a ``pages/``
folder beside its script for a legacy multipage app until that script has run once; until then a
deep link such as ``/articles?article=…`` on a freshly started server pops up "Page not found".
Telling Streamlit up front that the app declares its navigation removes that first-visit quirk
(a browser test opens a deep link on a fresh server to check it).
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
