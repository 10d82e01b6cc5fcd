# Bootstrap only: create the virtualenv (and the test-only npm tools), then
# hand over to invoke. Every real command lives in tasks.py.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.requirements.stamp
NPM_STAMP := node_modules/.package-lock.stamp
INVOKE := $(VENV)/bin/invoke

.PHONY: build test bootstrap

build: $(STAMP)
	$(INVOKE) build

test: $(STAMP) $(NPM_STAMP)
	$(INVOKE) test

bootstrap: $(STAMP) $(NPM_STAMP)

# Rebuilt whenever the pinned requirements change (a stale venv is replaced).
$(STAMP): requirements.txt
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

# --ignore-scripts: vnu-jar's install script tries to download a Java runtime.
$(NPM_STAMP): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@
