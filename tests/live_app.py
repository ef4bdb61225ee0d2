"""The dashboard served as `make run` serves it, and the Chromium that drives it.

Shared by the browser tests (tests/test_browser.py) and the page benchmark (benchmarks/pages.py).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: Debian's Chromium: Playwright never downloads a browser here.
CHROMIUM = os.environ.get("BRIEFING_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answering(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def served_app(env: dict[str, str], log_path: Path, timeout: float = 60) -> Iterator[tuple[str, float]]:
    """Serve the app with ``python -m ui.serve`` (what `make run` runs) on a free port, with ``env``
    added to the environment and its output written to ``log_path``; yield its base URL and the
    ``time.perf_counter()`` at launch once it answers. It is stopped by its PID when the block ends.
    """
    port = free_port()
    command = [sys.executable, "-m", "ui.serve", "--server.port", str(port), "--server.address", "127.0.0.1",
               "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        launched = time.perf_counter()
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env={**os.environ, **env}, stdout=log,
                                   stderr=subprocess.STDOUT)
    try:
        base_url = f"http://127.0.0.1:{port}"
        while not answering(f"{base_url}/_stcore/health"):
            if process.poll() is not None:
                raise RuntimeError(f"the dashboard exited with {process.returncode}:\n{log_path.read_text()}")
            if time.perf_counter() - launched > timeout:
                raise RuntimeError(f"the dashboard did not answer within {timeout:g} s:\n{log_path.read_text()}")
            time.sleep(0.05)
        yield base_url, launched
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
