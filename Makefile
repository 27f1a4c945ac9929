# CRM Methods Course Kit — the two commands a newcomer needs are `make lab` and `make test`.
# Everything else is for authors and trainers (`make help`).

PYTHON ?= python3
KIT    := $(PYTHON) kit.py
WHEELHOUSE ?=
KIT_WHEELHOUSE = $(if $(WHEELHOUSE),--wheelhouse "$(WHEELHOUSE)",)
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
NB     ?=
SANITIZE := --nbval-sanitize-with tests/nbval_sanitize.cfg
NOTEBOOK_DIRS := notebooks exercises

.DEFAULT_GOAL := help
.PHONY: help lab lab-zh test venv lint unit notebooks exercises outputs data bench doctor wheelhouse env-yml lock clean FORCE

help: ## list the commands
	@echo "make lab    set up (first time only) and open the course in JupyterLab"
	@echo "make test   set up and prove everything works (lint, tests, every notebook)"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | sort

# Set-up lives in kit.py (one implementation for make and for Windows without make: py kit.py lab).
# It checks .venv on every call (lock changed? other Python? interrupted install?) and is quick
# when nothing needs doing. Offline: a ./wheelhouse folder (or WHEELHOUSE=dir) is used with no network.
$(STAMP): FORCE
	@$(KIT) venv --quiet $(KIT_WHEELHOUSE)

FORCE:

venv: $(STAMP) ## create or refresh .venv from requirements.lock (kit.py venv)

lab: ## open JupyterLab on notebooks/00-start-here.ipynb (kit.py lab)
	@$(KIT) lab $(KIT_WHEELHOUSE) $(LAB_ARGS)

lab-zh: ## the same with the Chinese edition and Chinese menus (kit.py lab-zh)
	@$(KIT) lab-zh $(KIT_WHEELHOUSE) $(LAB_ARGS)

test: $(STAMP) lint unit notebooks ## lint + unit tests + strict nbval over every notebook

lint: $(STAMP) ## ruff over the package, tests, tools, kit.py and notebooks
	@$(KIT) test lint

unit: $(STAMP) ## unit, doctest, exercise-checker, data and repo tests
	@$(KIT) test unit

notebooks: $(STAMP) ## every notebook, executed and compared with its stored outputs
	@$(KIT) test notebooks

exercises: $(STAMP) ## regenerate student exercise notebooks from exercises/solutions and run both
	$(PY) tools/make_exercises.py $(NB)

outputs: $(STAMP) ## re-execute notebooks in place (all, or NB=path/to.ipynb)
	$(PY) tools/run_notebooks.py $(NB)

data: $(STAMP) ## regenerate the shipped synthetic data sets from the default seed
	$(PY) -m coursekit.datasets generate --seed 2026 --out datasets --overwrite

bench: $(STAMP) ## print the speed ratios of benchmarks/
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

doctor: ## check this computer and the installation (packages, Chinese fonts)
	@$(KIT) doctor $(KIT_WHEELHOUSE)

wheelhouse: ## trainers: download every wheel for offline PCs (PLATFORMS="this win mac" PYVERSIONS="3.11 3.12")
	@$(KIT) wheelhouse --platform $(or $(PLATFORMS),this) $(if $(PYVERSIONS),--python-version $(PYVERSIONS),) $(if $(WHEELHOUSE),--out "$(WHEELHOUSE)",)

env-yml: ## copy the direct pins of requirements.lock into environment.yml
	$(PYTHON) tools/sync_env.py

lock: ## re-resolve requirements.lock from pyproject.toml + requirements.in (needs uv: pip install uv)
	cp requirements.lock requirements.lock.new  # keep today's pins where they still fit
	uv pip compile --universal --fork-strategy fewest --python-version 3.11 pyproject.toml requirements.in --extra classroom -o requirements.lock.new
	{ head -n 4 requirements.lock; sed 's/ -o requirements.lock.new$$/ -o requirements.lock/' requirements.lock.new; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock && rm -f requirements.lock.new
	$(PYTHON) tools/sync_env.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
