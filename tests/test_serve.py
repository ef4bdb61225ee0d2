"""ui.serve: how `make run` starts Streamlit."""

import socket
import subprocess
import sys

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime.pages_manager import PagesManager

from support import PROJECT_ROOT
from ui import serve


@pytest.fixture
def package_scans(monkeypatch) -> list[int]:
    """Every scan of the installed packages for components, recorded; Streamlit's classes are
    restored after the test."""
    monkeypatch.setattr(PagesManager, "uses_pages_directory", PagesManager.uses_pages_directory)
    monkeypatch.setattr(BidiComponentManager, "discover_and_register_components",
                        BidiComponentManager.discover_and_register_components)
    scans = []
    monkeypatch.setattr(manifest_scanner, "scan_component_manifests", lambda *args, **kwargs: scans.append(1) or [])
    return scans


def test_the_served_app_skips_streamlits_search_of_installed_packages_for_components(package_scans):
    BidiComponentManager().discover_and_register_components(start_file_watching=False)
    assert package_scans == [1]  # what Streamlit's runtime does at start without the setting
    serve.configure_streamlit()
    BidiComponentManager().discover_and_register_components(start_file_watching=False)
    assert package_scans == [1]


def test_the_served_app_declares_its_navigation_before_the_first_run(package_scans):
    serve.configure_streamlit()
    assert PagesManager.uses_pages_directory is False


@pytest.fixture
def taken_port():
    """A port a listening socket holds on 127.0.0.1, as a running dashboard's is."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


def test_a_port_a_socket_listens_on_is_in_use_and_a_closed_one_is_free(taken_port):
    assert serve.port_in_use(taken_port) and serve.port_in_use(taken_port, "127.0.0.1")
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        free_port = closed.getsockname()[1]
    assert not serve.port_in_use(free_port)


def test_an_address_that_is_not_this_machines_is_not_taken_for_a_port_in_use():
    assert not serve.port_in_use(8501, "192.0.2.1")  # TEST-NET-1: never a local address


def test_serving_on_a_taken_port_stops_before_streamlit_with_one_line_naming_a_free_port(taken_port):
    result = subprocess.run([sys.executable, "-m", "ui.serve", "--server.port", str(taken_port)], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"port {taken_port} is in use") and line.endswith("`")
    suggested = int(line.rpartition("PORT=")[2].rstrip("`"))
    assert suggested > taken_port and not serve.port_in_use(suggested)


@pytest.mark.parametrize("args", [["--server.port", "{port}"], ["--server.port={port}"],
                                  ["--server.headless", "true", "--server.port", "{port}", "--server.address", "127.0.0.1"]])
def test_the_port_is_read_from_the_options_make_run_and_streamlit_accept(taken_port, args):
    assert serve.taken_port_message([arg.format(port=taken_port) for arg in args]).startswith(f"port {taken_port} is in use")
