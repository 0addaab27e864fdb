# portal-archive: the README's two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test bench lint clean system-deps pywb

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The exact tested versions from requirements.lock (setuptools included: the editable build and
# scrapyd-deploy's egg build use the venv's own), then the project itself without resolving again.
$(STAMP): $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e '.[test,bench]'
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

# System packages the tests need: Debian's chromium for the web interface's browser test, and
# redis-server for the queue tests (they start and stop their own on a free 127.0.0.1 port).
SYSTEM_DEPS := /usr/bin/chromium:chromium /usr/bin/redis-server:redis-server
system-deps:
	@missing=""; for dep in $(SYSTEM_DEPS); do \
		[ -x "$${dep%%:*}" ] || missing="$$missing $${dep#*:}"; \
	done; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" != 0 ]; then \
		echo "system-deps: missing:$$missing; as root run: apt-get update && apt-get install -y$$missing" >&2; exit 1; \
	elif ! command -v apt-get >/dev/null; then \
		echo "system-deps: missing:$$missing and apt-get is not available: install them (Debian package names)" >&2; exit 1; \
	else \
		echo "system-deps: installing$$missing (apt-get)"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q$$missing; \
	fi

test: $(STAMP) system-deps $(PYWB_STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) $(PYWB_VENV) build *.egg-info
