# Quick start: `make run` serves the dashboard on the sample corpus; `make test` runs every test.
# Both create .venv and install what they need, so they work on a machine with only Python 3.11.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run PORT=8502` serves on another port; a port already in use is refused with a free one to use.
PORT ?= 8501
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test system-packages clean

run: $(VENV)/.runtime-installed
	$(BIN)/python -m ui.serve --server.port $(PORT)

test: $(VENV)/.dev-installed system-packages
	$(BIN)/python -m pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements-dev.txt $(VENV)/.runtime-installed
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here); the emoji
# font lets screenshots show the page icons as a user's browser does; poppler-utils' pdftoppm
# renders the briefing PDF to images.
SYSTEM_PACKAGES := chromium fonts-noto-color-emoji poppler-utils
system-packages:
	@{ command -v chromium && command -v pdftoppm && [ -d /usr/share/fonts/truetype/noto ]; } >/dev/null 2>&1 || { \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(SYSTEM_PACKAGES) >/dev/null; }

clean:
	rm -rf $(VENV) .pytest_cache test-artifacts
