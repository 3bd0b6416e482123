# The two commands of the README: `make run` (the main job) and `make test` (the whole suite).
# Both create their own virtual environment in .venv and install what is missing.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-lowest test-hooks check system-deps browser schema clean bench fuzz messages

# The freshness rules measure ages from SOURCE_DATE_EPOCH when it is set: for the examples, the
# time of the last commit that changed them, so `make run` gives the same result any day.
run: export SOURCE_DATE_EPOCH := $(or $(SOURCE_DATE_EPOCH),$(shell git log -1 --format=%ct -- examples 2>/dev/null))
run: $(STAMP) system-deps
	$(BIN)/cjm validate examples/
	$(BIN)/cjm lint --strict examples/
	$(BIN)/cjm render examples/ -f html -f svg -f blueprint -f blueprint-svg -f markdown -f mermaid -f dot --output out/
	@echo "Open out/index.html in a browser to see the rendered maps."

test: $(STAMP) system-deps browser
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy --strict src
	$(BIN)/pytest -q

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Graphviz's `dot` draws the diagrams. Installed from the system packages when it is
# missing and we may install (root, or passwordless sudo); otherwise a clear instruction.
system-deps:
	@if ! command -v dot >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends graphviz fonts-dejavu-core; \
	  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null && command -v apt-get >/dev/null 2>&1; then \
	    sudo apt-get update -q && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q graphviz fonts-dejavu-core; \
	  else \
	    echo "Graphviz is not installed; rendering needs it. Install it with your package manager:"; \
	    echo "  Debian/Ubuntu: sudo apt-get install graphviz   macOS: brew install graphviz"; \
	  fi; \
	fi

# Debian's Chromium for the browser tests; without it (and without CI=true) they are skipped.
browser:
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; \
	  else \
	    echo "Chromium is not installed: the browser tests will be skipped (sudo apt-get install chromium)."; \
	  fi; \
	fi

# The suite against the lowest versions pyproject.toml allows for every direct dependency
# (resolved by uv), so the lower bounds are proven, not guessed. The schema drift test is
# left out: older pydantic releases word the generated schema differently.
test-lowest: system-deps browser
	$(PYTHON) -m venv .venv-lowest
	.venv-lowest/bin/python -m pip install --quiet uv
	.venv-lowest/bin/uv pip install --quiet --python .venv-lowest/bin/python --resolution lowest-direct -e '.[dev]'
	.venv-lowest/bin/pytest -q -p no:cacheprovider --deselect tests/test_schema.py::test_committed_schema_matches_the_models

# The pre-commit hooks as a team installs them, built by `pre-commit try-repo` from this
# repository (needs the package index: CI runs it; the test suite runs the hooks offline).
test-hooks: $(STAMP)
	bash tests/hooks/try-repo.sh

# Regenerate the committed JSON Schema after changing the models.
schema: $(STAMP)
	$(BIN)/cjm schema > schemas/cjm-v1.schema.json

clean:
	rm -rf $(VENV) .venv-lowest out .pytest_cache .mypy_cache .ruff_cache .hypothesis

# The performance benchmark (several minutes): writes benchmarks/RESULTS.md.
bench: $(STAMP) system-deps
	$(BIN)/python benchmarks/run.py

# The fuzz campaign: mutated maps through every command and format for SECONDS, in JOBS processes;
# each distinct failure is saved in benchmarks/fuzz-findings/. More options go in FUZZ_ARGS, e.g.
# `make fuzz SECONDS=3600 FUZZ_ARGS="--results"` (figures into benchmarks/RESULTS.md) or "--seed 7".
SECONDS ?= 600
JOBS ?= 2
fuzz: $(STAMP) system-deps
	$(BIN)/python benchmarks/fuzz.py --seconds $(SECONDS) --jobs $(JOBS) $(FUZZ_ARGS)

# The message catalogues of rendered pages brought up to date with the code: new labels are added
# untranslated to every src/cjm/views/locales/<language>/LC_MESSAGES/cjm.po, gone ones dropped.
# `make messages NEW=fr` starts a catalogue for another language.
messages: $(STAMP)
	$(BIN)/python -m tests.catalogues $(NEW)
