# The README's two commands are `make run` and `make test`; both set up .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA_DIR ?= $(HOME)/.local/share/ARCO/ARCO\ Desk

TS := translations/arco_it.ts translations/arco_en.ts
QM := $(TS:.ts=.qm)
LUPDATE := $(BIN)/pyside6-lupdate -extensions py -locations relative -no-obsolete ui desktop

.PHONY: run test lint check-layers typecheck pytest bench bench-sync clean translations dist screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e ".[dev]"
	touch $(STAMP)

# The desk app plus a central server on this computer (embedded SQLite), which prints an
# enrolment code per desk; see desktop/local_central.py.
run: $(STAMP) $(QM)
	$(BIN)/python -m desktop.local_central

# Qt Linguist: extract the strings of ui/ and desktop/ into the committed .ts files (keeping
# existing translations; English keeps only the plural forms), then compile the .qm files,
# which are git-ignored build artefacts.
translations: $(STAMP)
	$(LUPDATE) -ts translations/arco_it.ts
	$(LUPDATE) -pluralonly -ts translations/arco_en.ts
	$(BIN)/pyside6-lrelease $(TS)

translations/%.qm: translations/%.ts $(STAMP)
	$(BIN)/pyside6-lrelease $< -qm $@

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check-layers: $(STAMP)
	$(BIN)/lint-imports

typecheck: $(STAMP)
	$(BIN)/mypy models sync ui desktop

pytest: $(STAMP) $(QM)
	$(BIN)/python -m pytest -q

test: lint check-layers typecheck pytest

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks

# The sync benchmark at full size: 50,000 records pushed and pulled beside PouchDB 9 with
# express-pouchdb (npm installs the pinned packages of tests/benchmarks/peer once into
# ~/.cache/arco-bench) and a raw executemany copy, alternating; one-field syncs; 200 desks
# on PostgreSQL (ARCO_TEST_DATABASE_URL) with 2 and 4 server workers, all at once and then
# paced (each desk every 10 s, 30 times its real 5 minutes), with the CPU-bound model.
bench-sync: $(STAMP)
	$(BIN)/python -m tests.benchmarks --sync --peer --sync-records 50000 --sync-runs 50 \
		--sync-initial-rounds 3 --sync-desks 200 --sync-rounds 3 --sync-workers 2,4 \
		--sync-load-runs 2 --sync-load-period 10

# One-folder PyInstaller bundle: dist/arco-desk/arco-desk (see build.spec). PyInstaller is a
# build tool only, pinned here rather than in the dev extra.
PYINSTALLER := pyinstaller==6.22.3
dist: $(STAMP) $(QM)
	$(BIN)/python -m pip install -q "$(PYINSTALLER)"
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build build.spec

# PNGs of the main screens into docs/screenshots/ (starts Xvfb :99 when DISPLAY is unset;
# needs `apt-get install xvfb`).
screenshots: $(STAMP) $(QM)
	$(BIN)/python -m tests.screenshots docs/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache $(QM)
