# CRM Methods Course Kit — the two commands a newcomer needs are `make lab` and `make test`.
# Everything else is for authors and trainers (`make help`).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.installed
NB     ?=
SANITIZE := --nbval-sanitize-with tests/nbval_sanitize.cfg
NOTEBOOK_DIRS := notebooks exercises

.DEFAULT_GOAL := help
.PHONY: help lab test venv lint unit notebooks exercises outputs data bench doctor env-yml lock clean
.PHONY: site handouts slides trainer-pack tag-slides

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
	$(BIN)/ruff check coursekit tests tools benchmarks
	$(BIN)/nbqa ruff notebooks exercises

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

lock: ## re-resolve requirements.lock from requirements.in (needs uv: pip install uv)
	uv pip compile --universal --fork-strategy fewest --python-version 3.11 requirements.in -o requirements.lock.new
	{ head -n 4 requirements.lock; cat requirements.lock.new; } > requirements.lock.tmp
	mv requirements.lock.tmp requirements.lock && rm -f requirements.lock.new
	$(PYTHON) tools/sync_env.py

clean: ## remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
