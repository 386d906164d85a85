# The README's commands. `make demo` and `make test` work on a fresh machine:
# they create .venv, install kehoach with its test extras, and install
# Tesseract with Vietnamese data through apt-get when it is missing.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
KEHOACH := $(VENV)/bin/kehoach
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEMO_WS := .kehoach-demo

.PHONY: install tesseract chromium demo serve test lint bench clean

install: $(STAMP) tesseract

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[test]"
	touch $(STAMP)

tesseract:
	@if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx vie; then :; else \
		echo "installing tesseract-ocr and tesseract-ocr-vie with apt-get" >&2; \
		$(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q tesseract-ocr tesseract-ocr-vie; \
	fi

# Debian's Chromium, for the browser tests of `kehoach serve` (Playwright drives it; nothing is downloaded by Playwright).
chromium:
	@if command -v chromium >/dev/null 2>&1; then :; else \
		echo "installing chromium with apt-get (browser tests)" >&2; \
		$(SUDO) apt-get update -q && $(SUDO) apt-get install -y -q chromium; \
	fi

demo: install
	$(KEHOACH) extract corpus/000_cd3a10cc7c8fb063.txt corpus/003_5695c2d38cc07562.txt
	$(KEHOACH) extract --json corpus/ > $(DEMO_WS).jsonl && echo "extract --json corpus/ -> $(DEMO_WS).jsonl" >&2
	$(KEHOACH) ingest corpus/ --workspace $(DEMO_WS)
	$(KEHOACH) status --workspace $(DEMO_WS)
	$(KEHOACH) search "phòng chống bạo lực gia đình" --limit 5 --workspace $(DEMO_WS)
	$(KEHOACH) duties "so y te" --workspace $(DEMO_WS)
	$(KEHOACH) refs --limit 10 --workspace $(DEMO_WS)
	$(KEHOACH) deadlines --year 2022 --workspace $(DEMO_WS)
	$(KEHOACH) diff corpus/000_cd3a10cc7c8fb063.txt corpus/004_28c2f7b1913e88ac.txt --format md --out $(DEMO_WS)/diff.md --workspace $(DEMO_WS)
	head -12 $(DEMO_WS)/diff.md
	$(KEHOACH) compare --sector health --workspace $(DEMO_WS)
	$(KEHOACH) export --format xlsx --out $(DEMO_WS)/tables.xlsx --workspace $(DEMO_WS)
	@echo "" >&2
	@echo "The demo workspace in a browser: make serve   (then open http://127.0.0.1:8765/)" >&2

# Serves the demo workspace until Ctrl-C (separate from demo, so that demo never blocks).
serve: install
	@test -f $(DEMO_WS)/kehoach.db || $(MAKE) demo
	$(KEHOACH) serve --workspace $(DEMO_WS) --port 8765

test: install chromium
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check src tests benchmarks

clean:
	rm -rf $(VENV) $(DEMO_WS) $(DEMO_WS).jsonl .pytest_cache build src/*.egg-info
