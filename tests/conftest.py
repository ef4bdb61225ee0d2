"""Fixtures shared by several test modules."""

import pytest


@pytest.fixture
def no_sample_folder(monkeypatch, tmp_path):
    """The command line fills a new store from the sample folder on first use; here it does not exist,
    so a new store (and every ``python -m briefing`` started by the test) starts empty."""
    monkeypatch.setenv("BRIEFING_ARTICLES_DIR", str(tmp_path / "no-sample-folder"))
