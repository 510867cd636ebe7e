# Three commands do all the set-up on a fresh machine: `make e2e`, `make test` and `make verifier`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
PYTEST_ARGS ?=
# Parallel workers of `make e2e` and `make test` (pytest-xdist), identical reports; the speed-up over serial is
# measured by `make bench` and written in one place, README « Vitesse ». WORKERS=0 runs serially; WORKERS=auto, one
# per core.
WORKERS ?= 2
# `make e2e SHARD=2/3`: only the 2nd of 3 balanced parts of the suite (one CI machine each), reports in
# reports/shard-2-sur-3/; `make rapport` merges the parts' reports into reports/. The part is pytest-split's
# (--splits 3 --group 2), balanced on its durations file, .test_durations (versioned; refreshed by a whole run:
# make e2e PYTEST_ARGS="--store-durations --clean-durations").
SHARD ?=
SHARD_PARTS := $(subst /, ,$(SHARD))
REPORTS := reports$(if $(SHARD),/shard-$(subst /,-sur-,$(SHARD)))

.PHONY: setup e2e rapport test verifier lint garde catalogue sandbox bench appium report-consumers editor-tools clean

setup: $(STAMP) .chromium-ok

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "ERREUR : $(PYTHON) introuvable (Python 3.11 ou plus requis)."; exit 3; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { \
	  echo "ERREUR : $(PYTHON) est $$($(PYTHON) -V 2>&1) ; le harnais demande Python 3.11 ou plus (tomllib)." \
	       "Installez-le puis relancez, par exemple : make e2e PYTHON=python3.11"; exit 3; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r $(VENV)/requirements.txt
	touch $(STAMP)

.PHONY: .chromium-ok
.chromium-ok: $(STAMP)
	@scripts/ensure-chromium.sh $(PY)

# Main job: every French scenario against the sandbox (or one part of them), reports under $(REPORTS)/. pytest's exit
# code (README table) is printed and kept in $(REPORTS)/exit-code; make itself exits 0 or 2, .ci/run exits with it.
e2e: setup
	@echo '$(SHARD)' | grep -Eqx '|[0-9]+/[0-9]+' || { echo "ERREUR : SHARD=« $(SHARD) » : attendu i/N, par exemple" \
	  "make e2e SHARD=2/3 (la 2e de 3 parties)." >&2; mkdir -p reports; echo 4 > reports/exit-code; exit 4; }
	@mkdir -p $(REPORTS)
	scripts/keep-exit-code.sh $(REPORTS)/exit-code \
		$(PY) -m pytest steps -n $(WORKERS) $(if $(SHARD),--splits $(word 2,$(SHARD_PARTS)) --group $(word 1,$(SHARD_PARTS))) --html-report $(REPORTS)/index.html \
		--output $(REPORTS)/artefacts --junitxml=$(REPORTS)/junit.xml --cucumberjson=$(REPORTS)/cucumber.json \
		--alluredir $(REPORTS)/allure --clean-alluredir $(PYTEST_ARGS)

# One report from the parts of `make e2e SHARD=i/N` (reports/shard-*/): HTML, JUnit, Cucumber JSON, Allure.
rapport: $(STAMP)
	$(PY) -m reporting.merge $(RAPPORT_ARGS)

# The harness's own tests (sandbox, simulator, Appium conformance, guard, reports, option parsing), after the lint:
# minutes, for every commit. The tests marked `verifier` (tests/conftest.py) run the whole harness and are left to
# `make verifier`.
test: setup appium report-consumers editor-tools lint
	scripts/keep-exit-code.sh reports/exit-code-test $(PY) -m pytest tests -m "not verifier" -n $(WORKERS) $(PYTEST_ARGS)

# The checks that run the whole harness: regressions caught, black-box suite, shards and merge, `make` exit codes,
# remote browser and devices, retries, secrets in every file. Before a merge and in CI (.ci/run).
verifier: setup appium report-consumers
	scripts/keep-exit-code.sh reports/exit-code-verifier $(PY) -m pytest tests -m verifier -n $(WORKERS) $(PYTEST_ARGS)

# ruff, configured in pyproject.toml ([tool.ruff]); zero findings. Also run by pre-commit (.pre-commit-config.yaml).
lint: $(STAMP)
	$(VENV)/bin/ruff check .

appium:
	@bash .ci/install-appium.sh

# A Cucumber HTML reporter, a JUnit viewer and Allure 3, fed the run's files by tests/test_ci_files.py.
report-consumers:
	@bash .ci/install-report-consumers.sh

# The Cucumber language server that VS Code's Cucumber extension runs (npm, pinned by .ci/editor-tools/package-lock.json),
# fed the editor settings of `make catalogue` by tests/test_editor_settings.py.
editor-tools:
	@bash .ci/install-editor-tools.sh

garde: $(STAMP)
	$(PY) -m tools.gherkin_guard

# The step sentences on stdout; and .vscode/etapes_pour_editeur.py + .vscode/settings.json, with which VS Code's
# Cucumber extension takes each French sentence to its definition (README « Dans l'éditeur »).
catalogue: $(STAMP)
	$(PY) -m tools.step_catalogue --editeur .vscode

sandbox: $(STAMP)
	$(PY) -m sandbox

# Figures of README « Vitesse »: harness vs Playwright Test (Node, installed from npm here) vs bare Playwright, per
# scenario and per command; order latency; simulator; suite serial vs -n 2, with the machine's CPU-seconds and the
# 2-core ceiling; each shard vs 1/N; `make test` and `make verifier`. BENCH_ARGS=--runs 10.
bench: setup appium report-consumers
	$(PY) bench/run.py --full --cibles $(BENCH_ARGS)

clean:
	rm -rf reports test-results .sandbox
