"""Serve the dashboard: ``python -m ui.serve [streamlit options]`` (what ``make run`` does).

app.py declares its pages with st.navigation, but Streamlit takes any app with a ``pages/``
folder beside its script for a legacy multipage app until that script has run once; until then a
deep link such as ``/articles?article=…`` on a freshly started server pops up "Page not found".
Telling Streamlit up front that the app declares its navigation removes that first-visit quirk
(a browser test opens a deep link on a fresh server to check it).

Streamlit's runtime also reads the metadata of every installed package at start, looking for
third-party components (its "v2" components); the dashboard uses none, and skipping the search
takes 0.3–0.45 s off each start with 2 CPUs.

While the server starts and the first browser loads the page, a thread imports the app's modules
(pandas, plotly, scikit-learn: about 1.5 s with 2 CPUs), so the first visitor's run finds them
loaded instead of starting on them.
"""

import importlib
import sys
import threading
from pathlib import Path

from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"
#: What app.py and the pages import, in the order a run imports it.
APP_MODULES = ("ui.data", "ui.filters", "ui.widgets", "briefing.aggregates", "briefing.charts",
               "briefing.tables", "briefing.bottom_line", "briefing.bundle", "briefing.report", "plotly.graph_objects")


def _import_app_modules() -> None:
    for module in APP_MODULES:
        importlib.import_module(module)


def _no_component_discovery(manager: BidiComponentManager, **options) -> None:
    """The dashboard registers no third-party components, so there are none to discover."""


def configure_streamlit() -> None:
    """Declared navigation from the first visit, and no search for third-party components."""
    PagesManager.uses_pages_directory = False
    BidiComponentManager.discover_and_register_components = _no_component_discovery


def main() -> None:
    configure_streamlit()
    threading.Thread(target=_import_app_modules, name="import-app-modules", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
