"""ui.serve: how `make run` starts Streamlit."""

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime.pages_manager import PagesManager

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
