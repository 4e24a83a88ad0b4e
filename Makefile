# LDD: every target makes its own virtual environment, so a fresh clone needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export FLASK_APP := app

.PHONY: run test lint format messages translations bench bench-scale clean

$(BIN)/flask: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(BIN)/flask
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

translations: $(BIN)/flask
	$(BIN)/pybabel compile --statistics -d translations

run: $(BIN)/flask translations
	$(BIN)/flask db upgrade
	LDD_DEMO_MODE=1 $(BIN)/flask seed-demo
	@echo ""
	@echo "  LDD runs on http://127.0.0.1:5000  (stop with Ctrl+C)"
	@echo ""
	LDD_DEMO_MODE=1 $(BIN)/flask run --host 127.0.0.1 --port 5000

test: $(VENV)/.test-installed translations
	$(BIN)/pytest

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extract the translatable strings and merge them into the catalogs.
messages: $(BIN)/flask
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot \
		--no-location --sort-output --width 100 --project LDD app.py workgroup interviews experiments reports templates
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --width 100
	$(BIN)/python translations/english.py

# Speed, load and memory of the large demo year under gunicorn (tests/benchmarks/, not part of
# `make test`); writes bench-results.json. BENCH_DATABASE_URL=postgresql://… for PostgreSQL.
bench: $(VENV)/.test-installed translations
	$(BIN)/python -m tests.benchmarks.bench_app

# The same pages with 700 schools in one PostgreSQL database; writes bench-scale-results.json.
bench-scale: $(VENV)/.test-installed translations
	$(BIN)/python -m tests.benchmarks.bench_scale

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
