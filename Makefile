# Two commands a user needs: `make serve` and `make test`. Everything else is a step of those.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
QUOTES := $(VENV)/bin/quotes
PORT   ?= 8001
SEEDS  := $(wildcard seeds/*.txt seeds/*.html seeds/*.json)
PACKAGE_FILES := $(shell find quotes -name '*.py' -o -name '*.yaml' -o -name '*.html' 2>/dev/null)

.PHONY: serve test install install-test browser db clean

serve: quotes.db
	$(QUOTES) serve --db quotes.db --port $(PORT)

test: $(VENV)/.installed-test browser
	$(PY) -m pytest

install: $(VENV)/.installed

db: quotes.db

quotes.db: $(VENV)/.installed $(SEEDS) $(PACKAGE_FILES)
	$(QUOTES) build seeds --db quotes.db

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PY) -m pip install --quiet -e '.[test,dask]'
	touch $@

# Debian's Chromium for the Playwright browser tests (Playwright's own download does not
# work here). Needs root or sudo; skipped with a message when neither is available.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -q && apt-get install -y -q chromium; \
	elif command -v sudo >/dev/null; then sudo apt-get update -q && sudo apt-get install -y -q chromium; \
	else echo "chromium not installed and no root: browser tests will be skipped"; fi

clean:
	rm -rf $(VENV) quotes.db quotes.db-wal quotes.db-shm quotes.db.lock .pytest_cache
