# Set-up and checks for the town portal. `make run` and `make test` are the two README commands.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install browser speech lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Reinstalls only when the dependency list or the pins change.
$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed

## Install, migrate, load the demo content (idempotent), print the admin login and serve on SQLite.
run: export DJANGO_DEBUG = 1
run: export SITE_URL = http://127.0.0.1:$(PORT)
run: install speech
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py loaddemo
	$(BIN)/python manage.py ensureadmin
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

## Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@command -v chromium >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq chromium chromium-driver >/dev/null; }

## Debian's espeak-ng: reads the comment captcha aloud in Vietnamese, offline (core.captcha.audio).
speech:
	@command -v espeak-ng >/dev/null || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq espeak-ng >/dev/null; }

## Install the test dependencies, lint, and run the whole suite (DATABASE_URL picks the database).
test: lint browser speech
	DJANGO_DEBUG=1 $(BIN)/pytest

## ruff (with its security rules) and bandit; bandit fails on any medium or high finding that
## is not marked `# nosec <id>` with the reason beside it.
lint: install
	$(BIN)/ruff check .
	$(BIN)/bandit -r core portal news sidebar ratings stats schedule documents alerts outbox organisation twofactor contact questions consultations polls pages review audit -ll -q

clean:
	rm -rf $(VENV) var media staticfiles .pytest_cache

## Outside checkers (vnu, axe-core, Lighthouse, HTTP Observatory, sqlmap) against the site served
## like production over TLS on loopback, then a planted fault per checker that each must catch.
.PHONY: check-site
check-site: install browser
	checks/run.sh
