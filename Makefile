# CRM Methods Course Kit — the two commands a newcomer needs are `make lab` and `make test`.
# Everything else is for authors and trainers (`make help`).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
NB     ?=
SANITIZE := --nbval-sanitize-with tests/nbval_sanitize.cfg
NOTEBOOK_DIRS := notebooks exercises classroom/class-dashboard.ipynb

.DEFAULT_GOAL := help
.PHONY: help lab test venv lint unit notebooks exercises outputs data bench doctor env-yml lock clean classroom classroom-env

help: ## list the commands
	@echo "make lab    set up (first time only) and open the course in JupyterLab"
	@echo "make test   set up and prove everything works (lint, tests, every notebook)"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null || { \
	  echo "This kit needs Python 3.11 or newer."; \
	  echo "Found: $$($(PYTHON) --version 2>&1 || echo 'no $(PYTHON) on the PATH')."; \
	  echo "Install Python 3.11+ (python.org, or your package manager: apt install python3.11 python3.11-venv),"; \
	  echo "then run: make lab PYTHON=python3.11"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { \
	  echo "Could not create a virtual environment. On Debian/Ubuntu: apt install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

venv: $(STAMP) ## create or refresh .venv from requirements.lock

lab: $(STAMP) ## open JupyterLab on notebooks/00-start-here.ipynb
	$(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" --LabApp.default_url=/lab/tree/notebooks/00-start-here.ipynb $(if $(filter 0,$(shell id -u)),--allow-root,) $(LAB_ARGS)

test: $(STAMP) lint unit notebooks ## lint + unit tests + strict nbval over every notebook

lint: $(STAMP) ## ruff over the package, tests, tools and notebooks
	$(BIN)/ruff check coursekit tests tools benchmarks classroom conftest.py
	$(BIN)/nbqa ruff notebooks exercises classroom/class-dashboard.ipynb

unit: $(STAMP) ## unit, doctest, exercise-checker, data and repo tests
	$(BIN)/pytest tests coursekit --doctest-modules

notebooks: $(STAMP) ## every notebook, executed and compared with its stored outputs
	$(BIN)/pytest --nbval $(SANITIZE) $(NOTEBOOK_DIRS)

exercises: $(STAMP) ## regenerate student exercise notebooks from exercises/solutions and run both
	$(PY) tools/make_exercises.py $(NB)

outputs: $(STAMP) ## re-execute notebooks in place (all, or NB=path/to.ipynb)
	$(PY) tools/run_notebooks.py $(NB)

data: $(STAMP) ## regenerate the shipped synthetic data sets from the default seed
	$(PY) -m coursekit.datasets generate --seed 2026 --out datasets --overwrite

bench: $(STAMP) ## print the speed ratios of benchmarks/
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

doctor: $(STAMP) ## check the installation (packages, Chinese fonts)
	$(PY) -m coursekit doctor

env-yml: ## copy the direct pins of requirements.lock into environment.yml
	$(PYTHON) tools/sync_env.py

lock: ## re-resolve requirements.lock from requirements.in (needs uv: pip install uv)
	uv pip compile --universal --fork-strategy fewest --python-version 3.11 requirements.in -o requirements.lock.new
	{ head -n 4 requirements.lock; cat requirements.lock.new; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock && rm -f requirements.lock.new
	$(PYTHON) tools/sync_env.py

# -- class server (classroom/README.md) -------------------------------------------------------
# Its own environment from the same lock, on a Python every student account can run (the
# system's): the developer's .venv may sit on an interpreter under /root that others cannot read.
CLASSROOM_PYTHON ?= $(shell test -x /usr/bin/python3 && echo /usr/bin/python3 || echo $(PYTHON))
CLASSROOM_VENV := classroom/.venv
IP ?= 127.0.0.1
PORT ?= 8000

$(CLASSROOM_VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(CLASSROOM_VENV)/bin/python || $(CLASSROOM_PYTHON) -m venv $(CLASSROOM_VENV) || { \
	  echo "Could not create $(CLASSROOM_VENV). On Debian/Ubuntu: apt install python3-venv"; exit 1; }
	$(CLASSROOM_VENV)/bin/python -m pip install --quiet -r requirements.lock
	$(CLASSROOM_VENV)/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

classroom/node_modules/.installed: classroom/package.json classroom/package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: apt-get install -y nodejs npm"; exit 1; }
	cd classroom && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

classroom-env: $(CLASSROOM_VENV)/.installed classroom/node_modules/.installed ## install the class server (JupyterHub env + proxy)

classroom: classroom-env ## start the class server (as root) on IP:PORT (default 127.0.0.1:8000)
	$(CLASSROOM_VENV)/bin/python classroom/run_hub.py --ip $(IP) --port $(PORT) $(CLASSROOM_ARGS)

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
