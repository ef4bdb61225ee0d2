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

A port another program (or another dashboard) already listens on is refused before Streamlit
starts, with one line naming a free port to use instead (``make run PORT=…``).
"""

import errno
import importlib
import socket
import sys
import threading
from pathlib import Path

from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent.parent / "app.py"
#: Streamlit's own defaults, used when the command line does not set them.
DEFAULT_PORT = 8501
DEFAULT_ADDRESS = ""  # every interface
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


def option(args: list[str], name: str, default: str) -> str:
    """The value of a Streamlit command-line option given as ``name value`` or ``name=value``."""
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(f"{name}="):
            return arg.partition("=")[2]
    return default


def port_in_use(port: int, address: str = DEFAULT_ADDRESS) -> bool:
    """Whether Streamlit could not listen on ``port`` at ``address`` because a socket holds it
    (any other failure, such as an address not of this machine, is Streamlit's to report)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        # As Tornado binds: a port whose last connection is still closing (TIME_WAIT) is free.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError as error:
            return error.errno == errno.EADDRINUSE
    return False


def taken_port_message(args: list[str]) -> str | None:
    """One line saying the port ``args`` ask for is in use and which one is free; None if it is free."""
    requested = option(args, "--server.port", str(DEFAULT_PORT))
    if not requested.isdigit():
        return None  # not a port: Streamlit says so
    port, address = int(requested), option(args, "--server.address", DEFAULT_ADDRESS)
    if not port_in_use(port, address):
        return None
    free = next((other for other in range(port + 1, min(port + 100, 65536)) if not port_in_use(other, address)), None)
    return (f"port {port} is in use (another dashboard or program listens on it); "
            + (f"run `make run PORT={free}`" if free else "run `make run PORT=<a free port>`"))


def main() -> None:
    taken = taken_port_message(sys.argv[1:])
    if taken:
        sys.exit(taken)
    configure_streamlit()
    threading.Thread(target=_import_app_modules, name="import-app-modules", daemon=True).start()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
