# The two set-up commands (CONTRACT §1): `make run` and `make test`. Everything else is
# `.venv/bin/assistant <subcommand>`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Rasa 3.6 needs Python 3.10: take python3.10 from PATH if it runs, else a pyenv or system install.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/local/bin/python3.10 /usr/bin/python3.10; do \
	  $$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { command -v $$p || echo $$p; } && break; done)

.PHONY: run test install system-deps train lint lock evaluate clean

run: install
	$(BIN)/assistant serve --setup

test: install system-deps
	$(BIN)/assistant train
	$(BIN)/python -m pytest

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (Rasa 3.6 needs 3.10) or set PYTHON310=/path/to/python3.10"; exit 1; }
	test -x $(BIN)/python || $(PYTHON310) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==26.3" "setuptools==70.3.0" "wheel==0.45.1"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	$(BIN)/python -m pip check
	touch $(STAMP)

# Debian packages the speech and browser tests use (espeak-ng, sox, ffmpeg, chromium); installs what
# is missing when run as root with apt, otherwise lists it (the tests that need it are then skipped).
system-deps:
	@scripts/system-deps.sh

train: install
	$(BIN)/assistant train

# Held-out NLU evaluation through `assistant parse` (normalisation counts), per language.
evaluate: install
	$(BIN)/assistant evaluate nlu

lint: install
	$(BIN)/ruff check assistant actions tests benchmarks

# Regenerate constraints.txt from a fresh resolution of pyproject.toml's pins.
lock:
	rm -rf /tmp/zhanggui-lock && $(PYTHON310) -m venv /tmp/zhanggui-lock
	/tmp/zhanggui-lock/bin/pip install --quiet -e '.[dev,bench]'
	/tmp/zhanggui-lock/bin/pip freeze --exclude-editable | grep -v '^-e' > constraints.txt

clean:
	rm -rf $(VENV) .pytest_cache
