# The two commands of the README: `make run` serves the demo, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app app

.PHONY: run test lint check-migrations pytest clean i18n

$(BIN)/python:
	@$(PYTHON) -m venv $(VENV) || { \
	  echo "Impossible de créer $(VENV) : sur Debian, installez python3-venv (apt-get install python3-venv)."; \
	  rm -rf $(VENV); exit 1; }

$(VENV)/.installed-run: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@ $(VENV)/.installed-run

run: $(VENV)/.installed-run
	$(FLASK) migrate
	$(FLASK) seed-demo --print-token
	$(FLASK) run --host $(HOST) --port $(PORT)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy allocation legal_rules exports

# Models and migrations agree: upgrade an empty database to head, then `alembic check`.
# On MUTUA_TEST_DATABASE_URL when given (the suite empties it anyway), else a scratch SQLite.
check-migrations: $(VENV)/.installed-test
	@scratch=$$(mktemp -d); \
	url=$${MUTUA_TEST_DATABASE_URL:-sqlite:///$$scratch/check.db}; \
	MUTUA_DATABASE_URL=$$url $(BIN)/python -m tests.reset_database && \
	MUTUA_DATABASE_URL=$$url $(BIN)/alembic upgrade head && \
	MUTUA_DATABASE_URL=$$url $(BIN)/alembic check; \
	status=$$?; rm -rf $$scratch; exit $$status

pytest: $(VENV)/.installed-test
	$(BIN)/pytest

test: lint check-migrations pytest

clean:
	rm -rf $(VENV) instance .pytest_cache .ruff_cache .mypy_cache .hypothesis

# The translation catalogues, one gettext domain per package that has texts (each with its
# babel.cfg and translations/): extract the message ids, update the fr, nl and en
# catalogues (ids no longer used are dropped), compile them. Commit the .po and .mo.
I18N_DOMAINS := app legal_rules exports
i18n: $(VENV)/.installed-run
	@for package in $(I18N_DOMAINS); do \
	  $(BIN)/pybabel extract -F $$package/babel.cfg -k t -k N_ -k say --no-default-keywords \
	    --no-location --sort-output -o $$package/translations/$$package.pot $$package && \
	  $(BIN)/pybabel update -D $$package -i $$package/translations/$$package.pot \
	    -d $$package/translations --ignore-obsolete --no-fuzzy-matching --width 100 && \
	  $(BIN)/pybabel compile -D $$package -d $$package/translations --statistics || exit 1; \
	done
