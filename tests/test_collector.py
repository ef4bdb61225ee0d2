"""The garbage-collector pause restores whatever state it found, even when the work fails."""

import gc

import pytest

from briefing.collector import collector_paused


def test_the_collector_is_paused_inside_and_enabled_again_after():
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_failure_inside_still_restores_the_collector():
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("work failed")
    assert gc.isenabled()


def test_a_collector_already_paused_stays_paused():
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
