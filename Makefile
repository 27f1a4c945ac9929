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
NOTEBOOK_DIRS := notebooks exercises classroom/class-dashboard.ipynb

.DEFAULT_GOAL := help
.PHONY: help lab lab-zh zh test venv lint unit notebooks exercises outputs data bench doctor wheelhouse env-yml lock clean classroom classroom-env FORCE
.PHONY: site handouts slides trainer-pack tag-slides

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

zh: $(STAMP) ## build the Chinese edition (notebooks/zh, exercises/zh) from i18n/zh; runs only what changed (FORCE=1: all)
	$(PY) tools/build_zh.py $(NB) $(if $(FORCE),--force,)

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

# --- trainer pack (tools/build_*.py; EDITION=en|zh, CHAPTER=03 to build one; FORCE=1 rebuilds) ---
PACK_ARGS = $(if $(EDITION),--edition $(EDITION),) $(if $(CHAPTER),--chapter $(CHAPTER),) $(if $(FORCE),--force,)

site: $(STAMP) ## course website from the stored outputs → build/site/ (offline: MathJax served locally)
	$(PY) tools/build_site.py $(if $(EDITION),--edition $(EDITION),) $(if $(FORCE),--force,)

handouts: $(STAMP) ## A4 PDF handouts + one-page summary sheets → build/handouts/ (needs chromium)
	$(PY) tools/build_handouts.py $(PACK_ARGS)

slides: $(STAMP) ## reveal.js decks with speaker notes → build/slides/ (reveal.js, MathJax vendored)
	$(PY) tools/build_slides.py $(PACK_ARGS)

trainer-pack: $(STAMP) ## slides + handouts + site (the site links to both); prints each time
	@t0=$$(date +%s); $(MAKE) --no-print-directory slides && t1=$$(date +%s) && \
	$(MAKE) --no-print-directory handouts && t2=$$(date +%s) && \
	$(MAKE) --no-print-directory site && t3=$$(date +%s) && \
	echo "trainer pack: slides $$((t1-t0)) s, handouts $$((t2-t1)) s, site $$((t3-t2)) s → build/{slides,handouts,site}/"

tag-slides: $(STAMP) ## add slide boundaries (cell metadata) to new chapter cells; keeps hand-set ones
	$(PY) tools/tag_slides.py

env-yml: ## copy the direct pins of requirements.lock into environment.yml
	$(PYTHON) tools/sync_env.py

lock: ## re-resolve requirements.lock from pyproject.toml + requirements.in (needs uv: pip install uv)
	cp requirements.lock requirements.lock.new  # keep today's pins where they still fit
	uv pip compile --universal --fork-strategy fewest --python-version 3.11 pyproject.toml requirements.in --extra classroom -o requirements.lock.new
	{ head -n 4 requirements.lock; sed 's/ -o requirements.lock.new$$/ -o requirements.lock/' requirements.lock.new; } > requirements.lock.tmp
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
