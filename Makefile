# Go Concurrency Lab. The two commands a newcomer needs:
#   make lab    set everything up (first time only) and serve the course in JupyterLab
#   make test   set everything up (first time only) and run every check
# Run `make help` for the rest.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT := $(CURDIR)
VENV ?= $(ROOT)/.venv
PORT ?= 8888
REPORTS := $(ROOT)/reports
# Every recipe sees the environment's tools (jupyter, gonb, goimports, gopls) first.
export PATH := $(VENV)/bin:$(PATH)
export GOLAB_VENV := $(VENV)
export GOTOOLCHAIN ?= local
# Long test runs: the notebook tests execute every notebook, the browser test does it again.
GO_TEST_TIMEOUT ?= 40m
# Flags for `make bench`, e.g. BENCH_FLAGS="-notebook 04 -cold=false" (go run ./internal/bench/cmd/bench -h).
BENCH_FLAGS ?=
# Flags for `make site`, e.g. SITE_FLAGS=-execute to run every notebook anew (go run ./internal/site/cmd/site -h).
SITE_FLAGS ?=

.PHONY: help setup lab site test check-format vet test-helpers test-notebooks test-browser test-docker bench clean

help: ## List the targets.
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

setup: ## Install the pinned Python packages, gonb, goimports, gopls and the kernel into .venv (idempotent).
	@GOLAB_PREFIX="$(VENV)" docker/install.sh

lab: setup ## Serve the course in JupyterLab on 127.0.0.1 with a token, and print the URL.
	@echo "Starting JupyterLab on http://127.0.0.1:$(PORT) (the URL with the token is printed below; Ctrl-C stops it)."
	@cd notebooks && exec jupyter lab --no-browser $$([ "$$(id -u)" = 0 ] && echo --allow-root) \
		--ServerApp.ip=127.0.0.1 --ServerApp.port=$(PORT) \
		--ServerApp.root_dir="$(ROOT)/notebooks"

site: setup ## Build the course website into site/: every notebook executed and rendered, links checked.
	go run ./internal/site/cmd/site $(SITE_FLAGS)

test: setup check-format vet test-helpers test-notebooks test-browser test-docker ## Run every check (what CI runs).
	@echo "make test: all checks passed."

check-format: ## gofmt: fail on unformatted Go files.
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.venv/*')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi; echo "gofmt: ok"

vet: ## go vet over the course module (the browser test included).
	go vet -tags browser ./...

test-helpers: ## Unit tests, examples and fuzz seeds of helpers/ and the harness, with the race detector.
	go test -race -count=1 ./helpers/... $$(go list ./internal/... | grep -v /internal/coursetest)

test-notebooks: ## Execute every notebook headless and check what it shows.
	go test -count=1 -timeout $(GO_TEST_TIMEOUT) ./internal/coursetest/

test-browser: ## Run every notebook in JupyterLab in headless Chromium, offline.
	go test -count=1 -timeout $(GO_TEST_TIMEOUT) -tags browser ./e2e/...
	@cat "$(REPORTS)/browser/report.md"

test-docker: setup ## Workshop files: hadolint, shellcheck, pinned versions, start hook, and a rehearsal of the image's path.
	go test -count=1 -timeout 30m ./docker/...

bench: setup ## Time the course (3 warm runs, 1 cold): reports/bench/report.md and .json, budgets as PASS/FAIL.
	go run ./internal/bench/cmd/bench $(BENCH_FLAGS)

clean: ## Remove .venv, the reports and the website.
	rm -rf "$(VENV)" "$(REPORTS)" "$(ROOT)/site"
