# portal-archive: the README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint clean system-deps pywb

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

# pywb (Wayback replay + CDX server for the WARC tests) in its own venv: its dependencies bring
# older cryptography and pyOpenSSL, and brotlipy (a `brotli` module), that would replace Scrapy's in .venv.
PYWB_VENV := .venv-pywb
PYWB_STAMP := $(PYWB_VENV)/.installed
$(PYWB_STAMP):
	$(PYTHON) -m venv $(PYWB_VENV)
	$(PYWB_VENV)/bin/python -m pip install --quiet pywb==2.10.0
	touch $(PYWB_STAMP)
pywb: $(PYWB_STAMP)

demo: $(STAMP)
	$(BIN)/python -m scraper.sample.demo

# System packages the tests need: Debian's chromium for the web interface's browser test.
system-deps:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "system-deps: /usr/bin/chromium is missing; as root run: apt-get update && apt-get install -y chromium" >&2; exit 1; \
	elif ! command -v apt-get >/dev/null; then \
		echo "system-deps: /usr/bin/chromium is missing and apt-get is not available: install Chromium at /usr/bin/chromium" >&2; exit 1; \
	else \
		echo "system-deps: installing chromium (apt-get)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
	fi

test: $(STAMP) system-deps $(PYWB_STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) $(PYWB_VENV) build *.egg-info
